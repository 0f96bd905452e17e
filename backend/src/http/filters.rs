//! What every list accepts besides its page: a text to look for, an instant to sync from.

/// Escapes the `LIKE` wildcards (`%`, `_`) and the escape character in a text to match as is.
pub fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// The `ILIKE` pattern for "contains `text`", or `None` for a blank or absent text.
pub fn contains(text: Option<&str>) -> Option<String> {
    text.map(str::trim).filter(|t| !t.is_empty()).map(|t| format!("%{}%", escape_like(t)))
}

/// The `ILIKE` pattern for "is `text`, whatever its case", or `None` for a blank or absent text.
pub fn equals_ignoring_case(text: Option<&str>) -> Option<String> {
    text.map(str::trim).filter(|t| !t.is_empty()).map(escape_like)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_are_literal() {
        assert_eq!(escape_like("50%_a\\b"), "50\\%\\_a\\\\b");
        assert_eq!(contains(Some("  forum ")).as_deref(), Some("%forum%"));
        assert_eq!(contains(Some("   ")), None);
        assert_eq!(contains(None), None);
    }
}
