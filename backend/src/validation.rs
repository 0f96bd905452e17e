//! Small validation and (de)serialisation helpers shared by request types.

use serde::{Deserialize, Deserializer};
use validator::ValidationError;

/// Rejects values that are empty once trimmed.
pub fn not_blank(value: &str) -> Result<(), ValidationError> {
    if value.trim().is_empty() {
        let mut e = ValidationError::new("blank");
        e.message = Some("must not be blank".into());
        Err(e)
    } else {
        Ok(())
    }
}

/// Rejects URLs that are not http(s): no `javascript:` or `data:` links in what we render.
pub fn http_url(value: &str) -> Result<(), ValidationError> {
    let lower = value.to_ascii_lowercase();
    let ok = (lower.starts_with("https://") || lower.starts_with("http://"))
        && value.len() > 8
        && !value.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
        Ok(())
    } else {
        let mut e = ValidationError::new("url");
        e.message = Some("must be an http(s) URL".into());
        Err(e)
    }
}

/// Lowercase words and hyphens, as used in URLs.
pub fn valid_slug(value: &str) -> Result<(), ValidationError> {
    // At least one letter: an all-digit slug would be read as a numeric id in paths.
    let ok = value.bytes().any(|b| b.is_ascii_lowercase())
        && value.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        });
    if ok {
        Ok(())
    } else {
        let mut e = ValidationError::new("slug");
        e.message = Some("must be lowercase letters and digits separated by single hyphens, with at least one letter".into());
        Err(e)
    }
}

/// For PATCH bodies: distinguishes an absent field (`None`) from an explicit `null`
/// (`Some(None)`), which clears the value.
pub fn nullable<'de, T, D>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// Trims an optional text and turns an empty one into `None`.
pub fn clean_opt(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks() {
        assert!(not_blank("  ").is_err());
        assert!(http_url("javascript:alert(1)").is_err());
        assert!(http_url("https://example.org/x").is_ok());
        assert!(valid_slug("forum-2027-open").is_ok());
        assert!(valid_slug("Forum--x").is_err());
        assert!(valid_slug("2030").is_err());
    }
}
