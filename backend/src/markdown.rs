//! User-supplied markdown → sanitised HTML. The markdown is kept as written; only the HTML
//! made from it is cleaned (no scripts, styles, event handlers or javascript: links).
//!
//! Images from other sites become links: an `<img>` pointing elsewhere would make every
//! reader's browser call that site, handing it their address and the time they read. Hosts set
//! in `MARKDOWN_IMAGE_HOSTS` (the ministry's own media server, say) keep their images.

use std::sync::OnceLock;

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};

static IMAGE_HOSTS: OnceLock<Vec<String>> = OnceLock::new();

/// Sets the hosts whose images are shown (once, at start-up; none when never called).
pub fn allow_image_hosts(hosts: Vec<String>) {
    let _ = IMAGE_HOSTS.set(hosts);
}

fn image_hosts() -> &'static [String] {
    IMAGE_HOSTS.get().map(Vec::as_slice).unwrap_or_default()
}

/// The lowercased host of an absolute http(s) URL, if it is one.
fn http_host(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next()?;
    if authority.contains('\\') {
        return None;
    }
    let host = authority.rsplit('@').next()?;
    let host = match host.rsplit_once(':') {
        Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => host,
    };
    (!host.is_empty()).then(|| host.to_string())
}

fn image_allowed(url: &str) -> bool {
    http_host(url).is_some_and(|host| image_hosts().contains(&host))
}

/// Replaces images whose host is not allowed by links to them (their alt text as the link's
/// text, or the address when there is none).
fn images_to_links<'a>(events: impl Iterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    #[derive(PartialEq)]
    enum Became {
        Image,
        Link,
        /// Inside a link already (a linked logo): only its text, no link in a link.
        Text,
    }
    let mut out = Vec::new();
    let mut links = 0usize;
    // For each open image: what it became, its address, and where its text starts.
    let mut open: Vec<(Became, CowStr<'a>, usize)> = Vec::new();
    for event in events {
        match event {
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let became = if image_allowed(&dest_url) {
                    Became::Image
                } else if links > 0 {
                    Became::Text
                } else {
                    Became::Link
                };
                let start = match became {
                    Became::Image => Some(Tag::Image { link_type, dest_url: dest_url.clone(), title, id }),
                    Became::Link => Some(Tag::Link { link_type, dest_url: dest_url.clone(), title, id }),
                    Became::Text => None,
                };
                out.extend(start.map(Event::Start));
                open.push((became, dest_url, out.len()));
            }
            Event::End(TagEnd::Image) => match open.pop() {
                Some((Became::Image, _, _)) | None => out.push(Event::End(TagEnd::Image)),
                Some((became, url, text_start)) => {
                    if out.len() == text_start {
                        out.push(Event::Text(url));
                    }
                    if became == Became::Link {
                        out.push(Event::End(TagEnd::Link));
                    }
                }
            },
            Event::Start(Tag::Link { .. }) => {
                links += 1;
                out.push(event);
            }
            Event::End(TagEnd::Link) => {
                links = links.saturating_sub(1);
                out.push(event);
            }
            other => out.push(other),
        }
    }
    out
}

/// Plain text made safe to place in HTML (mails, feed entries built from plain fields).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub fn render(markdown: &str) -> String {
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS;
    // Raw HTML written in the markdown is shown as text, not interpreted.
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let events = images_to_links(events);
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, events.into_iter());
    // Defence in depth: whatever the renderer produced is cleaned by an allow-list.
    ammonia::Builder::default()
        .link_rel(Some("nofollow noopener noreferrer ugc"))
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .set_tag_attribute_value("img", "referrerpolicy", "no-referrer")
        .set_tag_attribute_value("img", "loading", "lazy")
        .clean(&unsafe_html)
        .to_string()
}

/// Whether markdown may hold an image (what `rerender` looks for in stored rows).
pub const IMAGE_MARK: &str = "![";

/// The HTML stored at write time, or (for rows written before it was stored) a fresh render.
pub fn stored_or_render(stored: Option<String>, markdown: Option<&str>) -> Option<String> {
    stored.or_else(|| markdown.map(render))
}

/// Renders, for a PATCH: absent stays absent, `null` clears, a value is rendered.
pub fn render_change(change: &Option<Option<String>>) -> Option<Option<String>> {
    change.as_ref().map(|value| value.as_deref().map(render))
}

#[cfg(test)]
mod tests {
    use super::{http_host, render};

    #[test]
    fn renders_and_sanitises() {
        assert_eq!(render("**gras**"), "<p><strong>gras</strong></p>\n");
        let html = render("<script>alert(1)</script>[x](javascript:alert(1)) <img src=x onerror=alert(1)>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("href=\"javascript"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "raw HTML is shown as text: {html}");
        let link = render("[x](javascript:alert(1))");
        assert!(!link.contains("javascript:alert(1)\""), "{link}");
        assert!(render("[lien](https://example.org)").contains("rel=\"nofollow noopener noreferrer ugc\""));
    }

    #[test]
    fn remote_images_become_links() {
        let html = render("Voir ![le schéma](https://elsewhere.example/t.png \"titre\")");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("href=\"https://elsewhere.example/t.png\"") && html.contains(">le schéma</a>"), "{html}");
        let bare = render("![](https://elsewhere.example/t.png)");
        assert!(!bare.contains("<img"), "{bare}");
        assert!(bare.contains(">https://elsewhere.example/t.png</a>"), "{bare}");
        let reference = render("![x][r]\n\n[r]: //elsewhere.example/t.png");
        assert!(!reference.contains("<img"), "{reference}");
        let nested = render("[![logo](https://elsewhere.example/l.png)](https://example.org)");
        assert!(!nested.contains("<img"), "{nested}");
    }

    #[test]
    fn hosts_are_read_strictly() {
        assert_eq!(http_host("https://Images.Gouv.fr/a.png").as_deref(), Some("images.gouv.fr"));
        assert_eq!(http_host("https://u:p@images.gouv.fr:8443/a").as_deref(), Some("images.gouv.fr"));
        assert_eq!(http_host("https://images.gouv.fr\\@evil.example/").as_deref(), None);
        assert_eq!(http_host("//images.gouv.fr/a.png"), None);
        assert_eq!(http_host("data:image/png;base64,xx"), None);
    }
}
