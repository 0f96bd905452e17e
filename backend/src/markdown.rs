//! User-supplied markdown → sanitised HTML. The markdown is kept as written; only the HTML
//! made from it is cleaned (no scripts, styles, event handlers or javascript: links).

use pulldown_cmark::{html, Options, Parser};

pub fn render(markdown: &str) -> String {
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS;
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, Parser::new_ext(markdown, options));
    ammonia::Builder::default()
        .link_rel(Some("nofollow noopener noreferrer ugc"))
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .clean(&unsafe_html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn renders_and_sanitises() {
        assert_eq!(render("**gras**"), "<p><strong>gras</strong></p>\n");
        let html = render("<script>alert(1)</script>[x](javascript:alert(1)) <img src=x onerror=alert(1)>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(render("[lien](https://example.org)").contains("rel=\"nofollow noopener noreferrer ugc\""));
    }
}
