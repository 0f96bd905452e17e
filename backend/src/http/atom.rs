//! Atom 1.0 feeds (RFC 4287) as every feed of the platform writes them: the most recent
//! entries first, each with a permanent id (its record's API address), its page in the web
//! app, its author and its sanitised HTML; the feed names itself (`rel="self"`) and the page it
//! follows (`rel="alternate"`). A resource builds the entries; this module writes the XML.

use actix_web::HttpResponse;
use atom_syndication::{Content, Entry, Feed, FixedDateTime, Link, Person, Text};
use chrono::{DateTime, Utc};

/// How many entries a feed carries: the most recent, as feed readers expect.
pub const ENTRIES: i64 = 50;

/// The media type every feed is served with.
pub const CONTENT_TYPE: &str = "application/atom+xml; charset=utf-8";

/// One entry of a feed.
pub struct FeedEntry {
    /// A permanent, unique IRI: the record's address in the API.
    pub id: String,
    /// Plain text.
    pub title: String,
    /// Its page in the web app (absolute).
    pub link: String,
    pub published: DateTime<Utc>,
    /// When it last changed (an edit, a new status).
    pub updated: DateTime<Utc>,
    pub author: String,
    /// HTML the platform already sanitised (rendered markdown, or escaped text).
    pub html: String,
    /// The language the entry is written in (`fr`, `en`), when the platform knows it (the
    /// feed's, French, otherwise).
    pub lang: Option<&'static str>,
}

/// What a feed follows.
pub struct FeedHead {
    /// The feed's own address in the API (absolute), also its id.
    pub url: String,
    /// Plain text, e.g. "Open d'État — Commentaires : Forum …".
    pub title: String,
    /// The web page it follows (absolute).
    pub page: String,
    /// When what it follows came to be: the feed's `updated` while it has no entries.
    pub since: DateTime<Utc>,
}

fn fixed(at: DateTime<Utc>) -> FixedDateTime {
    at.fixed_offset()
}

fn link(href: &str, rel: &str, mime_type: &str) -> Link {
    Link { href: href.into(), rel: rel.into(), mime_type: Some(mime_type.into()), ..Link::default() }
}

/// The feed's XML (UTF-8, with its declaration). Written in French, the platform's language;
/// each entry says its own language.
pub fn render(head: FeedHead, entries: Vec<FeedEntry>) -> String {
    let updated = entries.iter().map(|e| e.updated).max().unwrap_or(head.since);
    let feed = Feed {
        title: Text::plain(head.title),
        id: head.url.clone(),
        updated: fixed(updated),
        links: vec![link(&head.url, "self", "application/atom+xml"), link(&head.page, "alternate", "text/html")],
        authors: vec![Person {
            name: "Open d'État".into(),
            uri: Some(crate::config::site_url().into()),
            ..Person::default()
        }],
        lang: Some("fr".into()),
        entries: entries.into_iter().map(entry).collect(),
        ..Feed::default()
    };
    let mut out = Vec::new();
    // Writing to memory fails only on invalid UTF-8, which `String`s cannot hold.
    let _ = feed.write_to(&mut out);
    String::from_utf8(out).unwrap_or_default()
}

fn entry(e: FeedEntry) -> Entry {
    Entry {
        title: Text::plain(e.title),
        id: e.id,
        updated: fixed(e.updated),
        published: Some(fixed(e.published)),
        authors: vec![Person { name: e.author, ..Person::default() }],
        links: vec![link(&e.link, "alternate", "text/html")],
        content: Some(Content {
            value: Some(e.html),
            content_type: Some("html".into()),
            lang: e.lang.map(Into::into),
            ..Content::default()
        }),
        ..Entry::default()
    }
}

/// A feed as an answer: readers poll, so it may be cached for five minutes.
pub fn respond(xml: String) -> HttpResponse {
    HttpResponse::Ok().content_type(CONTENT_TYPE).insert_header(("Cache-Control", "public, max-age=300")).body(xml)
}

/// A title for an entry made from text: its first `words` words, with an ellipsis when cut.
pub fn excerpt(text: &str, words: usize) -> String {
    let mut parts = text.split_whitespace();
    let head: Vec<&str> = parts.by_ref().take(words).collect();
    let mut out = head.join(" ");
    if parts.next().is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feed_names_itself_and_escapes_what_it_carries() {
        let at = DateTime::parse_from_rfc3339("2026-12-01T10:00:00Z").unwrap().with_timezone(&Utc);
        let xml = render(
            FeedHead {
                url: "https://x.test/api/v1/forums.atom".into(),
                title: "Forums <&>".into(),
                page: "https://x.test/forums".into(),
                since: at,
            },
            vec![FeedEntry {
                id: "https://x.test/api/v1/comments/1".into(),
                title: "Un & deux".into(),
                link: "https://x.test/forums/f#comment-1".into(),
                published: at,
                updated: at,
                author: "Camille".into(),
                html: "<p>a &amp; b</p>".into(),
                lang: Some("en"),
            }],
        );
        let parsed: Feed = xml.parse().unwrap();
        assert_eq!(parsed.title.value, "Forums <&>");
        assert_eq!(parsed.entries[0].content.as_ref().unwrap().value.as_deref(), Some("<p>a &amp; b</p>"));
        assert!(xml.contains(r#"rel="self""#), "{xml}");
    }

    #[test]
    fn excerpts_cut_at_words() {
        assert_eq!(excerpt("un  deux\ntrois quatre", 3), "un deux trois…");
        assert_eq!(excerpt("un deux", 3), "un deux");
    }
}
