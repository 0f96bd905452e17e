//! User-supplied markdown → sanitised HTML. The markdown is kept as written; only the HTML
//! made from it is cleaned (no scripts, styles, event handlers or javascript: links).

use pulldown_cmark::{html, Event, Options, Parser};

pub fn render(markdown: &str) -> String {
    let options =
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS;
    // Raw HTML written in the markdown is shown as text, not interpreted.
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, events);
    // Defence in depth: whatever the renderer produced is cleaned by an allow-list.
    ammonia::Builder::default()
        .link_rel(Some("nofollow noopener noreferrer ugc"))
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .clean(&unsafe_html)
        .to_string()
}

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
    use super::render;

    #[test]
    fn renders_and_sanitises() {
        assert_eq!(render("**gras**"), "<p><strong>gras</strong></p>\n");
        let html = render(
            "<script>alert(1)</script>[x](javascript:alert(1)) <img src=x onerror=alert(1)>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("href=\"javascript"), "{html}");
        assert!(
            html.contains("&lt;script&gt;"),
            "raw HTML is shown as text: {html}"
        );
        let link = render("[x](javascript:alert(1))");
        assert!(!link.contains("javascript:alert(1)\""), "{link}");
        assert!(render("[lien](https://example.org)")
            .contains("rel=\"nofollow noopener noreferrer ugc\""));
    }
}
