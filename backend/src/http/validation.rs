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

/// JSON Schema pattern for `not_blank`: a character that is not Unicode white space (what
/// `trim` removes). Rust's `\s`, which the contract's validators use, is that same set.
pub const NOT_BLANK_PATTERN: &str = r"\S";

/// Bidirectional controls: they reorder what follows them, so `"\u{202e}nimdA"` shows as
/// "Admin". Never in a display name.
const BIDI_CONTROLS: &[(char, char)] =
    &[('\u{061c}', '\u{061c}'), ('\u{200e}', '\u{200f}'), ('\u{202a}', '\u{202e}'), ('\u{2066}', '\u{2069}')];

/// Characters that show nothing: controls, white space, and format or filler characters
/// (zero-width spaces and joiners, soft hyphen, Hangul fillers, variation selectors, BOM…). A
/// display name needs at least one character outside these and the bidi controls. Kept to the
/// Basic Multilingual Plane so that the contract's pattern, read by ECMA, Python and Rust
/// engines alike, says exactly what this code checks.
const INVISIBLE: &[(char, char)] = &[
    ('\u{0000}', '\u{0020}'),
    ('\u{007f}', '\u{00a0}'),
    ('\u{00ad}', '\u{00ad}'),
    ('\u{034f}', '\u{034f}'),
    ('\u{115f}', '\u{1160}'),
    ('\u{1680}', '\u{1680}'),
    ('\u{17b4}', '\u{17b5}'),
    ('\u{180b}', '\u{180f}'),
    ('\u{2000}', '\u{200f}'),
    ('\u{2028}', '\u{202f}'),
    ('\u{205f}', '\u{206f}'),
    ('\u{3000}', '\u{3000}'),
    ('\u{3164}', '\u{3164}'),
    ('\u{fe00}', '\u{fe0f}'),
    ('\u{feff}', '\u{feff}'),
    ('\u{ffa0}', '\u{ffa0}'),
    ('\u{fff0}', '\u{fffb}'),
];

/// Controls (C0, DEL, C1): no line breaks or tabs in a name.
const CONTROLS: &[(char, char)] = &[('\u{0000}', '\u{001f}'), ('\u{007f}', '\u{009f}')];

fn in_ranges(c: char, ranges: &[(char, char)]) -> bool {
    ranges.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
}

fn class(ranges: &[&[(char, char)]]) -> String {
    let mut out = String::new();
    for &(lo, hi) in ranges.iter().flat_map(|r| r.iter()) {
        out.push_str(&format!("\\u{:04x}", lo as u32));
        if hi != lo {
            out.push_str(&format!("-\\u{:04x}", hi as u32));
        }
    }
    out
}

/// The JSON Schema pattern for `display_name`: no bidi control or control character, and at
/// least one visible character.
pub fn display_name_pattern() -> String {
    let never = class(&[BIDI_CONTROLS, CONTROLS]);
    let invisible = class(&[BIDI_CONTROLS, INVISIBLE]);
    format!("^[^{never}]*[^{invisible}][^{never}]*$")
}

/// `display_name_pattern()` written out, as the contract carries it (utoipa takes literals only:
/// request types repeat it, and a test checks every copy).
pub const DISPLAY_NAME_PATTERN: &str = r"^[^\u061c\u200e-\u200f\u202a-\u202e\u2066-\u2069\u0000-\u001f\u007f-\u009f]*[^\u061c\u200e-\u200f\u202a-\u202e\u2066-\u2069\u0000-\u0020\u007f-\u00a0\u00ad\u034f\u115f-\u1160\u1680\u17b4-\u17b5\u180b-\u180f\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb][^\u061c\u200e-\u200f\u202a-\u202e\u2066-\u2069\u0000-\u001f\u007f-\u009f]*$";

/// A handle (`users_handle_format`): 1 to 30 lower-case letters, digits and hyphens, a letter or
/// digit at each end.
pub fn handle(value: &str) -> Result<(), ValidationError> {
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    let ok = !value.is_empty()
        && value.len() <= 30
        && value.chars().all(|c| allowed(c) || c == '-')
        && value.starts_with(allowed)
        && value.ends_with(allowed);
    if ok {
        return Ok(());
    }
    let mut e = ValidationError::new("pattern");
    e.message = Some(
        "must be 1 to 30 lower-case letters, digits and hyphens, starting and ending with a letter or digit".into(),
    );
    Err(e)
}

/// A display name: no bidirectional control or control character, and at least one visible
/// character. (Stored trimmed and NFC-normalised: `normalize_name`.)
pub fn display_name(value: &str) -> Result<(), ValidationError> {
    let fail = |code: &'static str, message: &'static str| {
        let mut e = ValidationError::new(code);
        e.message = Some(message.into());
        Err(e)
    };
    if value.chars().any(|c| in_ranges(c, BIDI_CONTROLS)) {
        return fail("bidi_control", "must not contain bidirectional control characters");
    }
    if value.chars().any(|c| in_ranges(c, CONTROLS)) {
        return fail("control_character", "must not contain control characters");
    }
    if value.trim().is_empty() {
        return fail("blank", "must not be blank");
    }
    if value.chars().all(|c| c.is_whitespace() || in_ranges(c, INVISIBLE)) {
        return fail("no_visible_character", "must contain at least one visible character");
    }
    Ok(())
}

/// How a display name is stored: trimmed and in Unicode normalisation form C, so that "é"
/// typed as one character or as "e" and an accent is the same name.
pub fn normalize_name(value: &str) -> String {
    icu_normalizer::ComposingNormalizerBorrowed::new_nfc().normalize(value.trim()).into_owned()
}

/// Dates and instants outside these years are refused: none of ours is before 1900 or after
/// 2199, and PostgreSQL's range, JSON's and JavaScript's all differ far beyond them (a forum
/// "starting" in year +99999 was stored and came back in a form that is not RFC 3339).
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

/// JSON Schema pattern of an accepted instant: RFC 3339 `date-time`, years 1900–2199.
pub const INSTANT_PATTERN: &str = "^(19|2[01])[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt]\
([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$";

/// JSON Schema pattern of an accepted date: RFC 3339 `full-date`, years 1900–2199.
pub const DATE_PATTERN: &str = "^(19|2[01])[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";

/// Parses an RFC 3339 `date-time` strictly (the `T` separator, seconds, an offset; no leap
/// second) with its written year in `YEARS`; chrono's own parser also takes a space.
pub fn parse_instant(text: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    use chrono::{Datelike, Timelike};
    let message = || {
        format!(
            "must be an RFC 3339 date-time (e.g. 2027-03-12T18:00:00Z) in the years {}–{}",
            YEARS.start(),
            YEARS.end()
        )
    };
    let bytes = text.as_bytes();
    if bytes.len() < 20 || !matches!(bytes[10], b'T' | b't') {
        return Err(message());
    }
    if bytes[19] == b'.' && bytes[20..].iter().take_while(|b| b.is_ascii_digit()).count() > 9 {
        return Err(message());
    }
    let parsed = chrono::DateTime::parse_from_rfc3339(text).map_err(|_| message())?;
    if !YEARS.contains(&parsed.year()) || parsed.nanosecond() >= 1_000_000_000 {
        return Err(message());
    }
    Ok(parsed.with_timezone(&chrono::Utc))
}

/// Parses an RFC 3339 `full-date` with its year in `YEARS`.
pub fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    use chrono::Datelike;
    let message = || format!("must be a date like 2027-03-12 in the years {}–{}", YEARS.start(), YEARS.end());
    if text.len() != 10 {
        return Err(message());
    }
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().filter(|d| YEARS.contains(&d.year())).ok_or_else(message)
}

/// serde: an instant read by `parse_instant`.
pub fn instant<'de, D: Deserializer<'de>>(d: D) -> Result<chrono::DateTime<chrono::Utc>, D::Error> {
    let text = std::borrow::Cow::<str>::deserialize(d)?;
    parse_instant(&text).map_err(serde::de::Error::custom)
}

/// serde: an optional instant read by `parse_instant` (use with `#[serde(default)]`).
pub fn opt_instant<'de, D: Deserializer<'de>>(d: D) -> Result<Option<chrono::DateTime<chrono::Utc>>, D::Error> {
    match Option::<std::borrow::Cow<str>>::deserialize(d)? {
        None => Ok(None),
        Some(text) => parse_instant(&text).map(Some).map_err(serde::de::Error::custom),
    }
}

/// serde, for PATCH: absent (`None`), `null` (`Some(None)`) or an instant read by
/// `parse_instant` (use with `#[serde(default)]`).
pub fn nullable_instant<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Option<chrono::DateTime<chrono::Utc>>>, D::Error> {
    opt_instant(d).map(Some)
}

/// serde: an optional date read by `parse_date` (use with `#[serde(default)]`).
pub fn opt_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<chrono::NaiveDate>, D::Error> {
    match Option::<std::borrow::Cow<str>>::deserialize(d)? {
        None => Ok(None),
        Some(text) => parse_date(&text).map(Some).map_err(serde::de::Error::custom),
    }
}

/// serde: a required date read by `parse_date`.
pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<chrono::NaiveDate, D::Error> {
    let text = std::borrow::Cow::<str>::deserialize(d)?;
    parse_date(&text).map_err(serde::de::Error::custom)
}

/// serde, for PATCH: absent (`None`), `null` (`Some(None)`) or a date read by `parse_date`.
pub fn nullable_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<chrono::NaiveDate>>, D::Error> {
    opt_date(d).map(Some)
}

/// serde, for integers in query strings: `20`, and `20.0` too (JSON Schema's integers include
/// numbers with a zero fraction, and clients serialise them so).
pub fn query_int<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    let Some(text) = Option::<std::borrow::Cow<str>>::deserialize(d)? else {
        return Ok(None);
    };
    let text = text.trim();
    let bad = || serde::de::Error::custom(format!("{text:?} is not an integer"));
    if let Ok(n) = text.parse::<i64>() {
        return Ok(Some(n));
    }
    let (whole, fraction) = text.split_once('.').ok_or_else(bad)?;
    if fraction.is_empty() || !fraction.bytes().all(|b| b == b'0') {
        return Err(bad());
    }
    whole.parse::<i64>().map(Some).map_err(|_| bad())
}

/// A required integer in a query string (the same forms as `query_int`).
pub fn required_int<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    query_int(d)?.ok_or_else(|| serde::de::Error::custom("an integer is required"))
}

/// A list of commitment ids (forums', cycles'): at most 50, each positive (`ids_schema`).
/// At most 50 ids, each positive (`ids_schema`); `what` names them in the message.
fn at_most_50_ids(ids: &[i64], what: &str) -> Result<(), ValidationError> {
    if ids.len() > 50 || ids.iter().any(|&i| i <= 0) {
        let mut e = ValidationError::new("ids");
        e.message = Some(format!("must hold at most 50 positive {what}ids").into());
        return Err(e);
    }
    Ok(())
}

/// Ids of any kind (documents cited as evidence…).
pub fn positive_ids(ids: &[i64]) -> Result<(), ValidationError> {
    at_most_50_ids(ids, "")
}

pub fn commitment_ids(ids: &[i64]) -> Result<(), ValidationError> {
    at_most_50_ids(ids, "commitment ")
}

/// A list of institution ids (a commitment's supports).
pub fn institution_ids(ids: &[i64]) -> Result<(), ValidationError> {
    at_most_50_ids(ids, "institution ")
}

/// JSON Schema pattern for `http_url`.
pub const HTTP_URL_PATTERN: &str = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s\u0000-\u001f\u007f-\u009f]+$";

/// Rejects URLs that are not http(s): no `javascript:` or `data:` links in what we render.
pub fn http_url(value: &str) -> Result<(), ValidationError> {
    let lower = value.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    let ok = rest.is_some_and(|r| !r.is_empty()) && !value.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
        Ok(())
    } else {
        let mut e = ValidationError::new("url");
        e.message = Some("must be an http(s) URL".into());
        Err(e)
    }
}

/// JSON Schema pattern for `valid_slug`.
pub const SLUG_PATTERN: &str = "^([a-z0-9]+-)*[0-9]*[a-z][a-z0-9]*(-[a-z0-9]+)*$";

/// Lowercase words and hyphens, as used in URLs.
pub fn valid_slug(value: &str) -> Result<(), ValidationError> {
    // At least one letter: an all-digit slug would be read as a numeric id in paths.
    let ok = value.bytes().any(|b| b.is_ascii_lowercase())
        && value
            .split('-')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
    if ok {
        Ok(())
    } else {
        let mut e = ValidationError::new("slug");
        e.message =
            Some("must be lowercase letters and digits separated by single hyphens, with at least one letter".into());
        Err(e)
    }
}

/// serde, for PATCH fields that cannot be cleared: absent is `None`, and `null` is refused
/// (the contract does not make them nullable).
pub fn not_null<'de, T, D>(deserializer: D) -> Result<Option<T>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    T::deserialize(deserializer).map(Some)
}

/// The contract's schema of a list of short texts (`short_items`), optionally nullable.
fn short_items_array(nullable: bool) -> utoipa::openapi::schema::Array {
    use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, SchemaType, Type};
    let kind = if nullable { SchemaType::Array(vec![Type::Array, Type::Null]) } else { SchemaType::Type(Type::Array) };
    ArrayBuilder::new()
        .schema_type(kind)
        .items(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .min_length(Some(1))
                .max_length(Some(500))
                .pattern(Some(NOT_BLANK_PATTERN)),
        )
        .max_items(Some(50))
        .description(Some("At most 50 items, each 1 to 500 characters, not blank."))
        .build()
}

pub fn short_items_schema() -> utoipa::openapi::schema::Array {
    short_items_array(false)
}

pub fn short_items_schema_nullable() -> utoipa::openapi::schema::Array {
    short_items_array(true)
}

/// The contract's schema of a list of commitment ids (at most 50, each positive).
fn ids_array(nullable: bool) -> utoipa::openapi::schema::Array {
    use utoipa::openapi::schema::{ArrayBuilder, KnownFormat, ObjectBuilder, SchemaFormat, SchemaType, Type};
    let kind = if nullable { SchemaType::Array(vec![Type::Array, Type::Null]) } else { SchemaType::Type(Type::Array) };
    ArrayBuilder::new()
        .schema_type(kind)
        .items(
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
                .minimum(Some(1)),
        )
        .max_items(Some(50))
        .build()
}

pub fn ids_schema() -> utoipa::openapi::schema::Array {
    ids_array(false)
}

pub fn ids_schema_nullable() -> utoipa::openapi::schema::Array {
    ids_array(true)
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
    value.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_and_dates() {
        assert!(parse_instant("2027-03-12T18:00:00Z").is_ok());
        assert!(parse_instant("2027-03-12t18:00:00.123+01:00").is_ok());
        assert!(parse_instant("2027-03-12 18:00:00Z").is_err());
        assert!(parse_instant("+99999-03-12T18:00:00Z").is_err());
        assert!(parse_instant("1899-12-31T23:00:00Z").is_err());
        assert!(parse_instant("2200-01-01T00:00:00Z").is_err());
        assert!(parse_instant("2027-02-30T18:00:00Z").is_err());
        assert!(parse_instant("2027-03-12T23:59:60Z").is_err());
        assert!(parse_instant("2027-03-12T18:00:00.1234567891Z").is_err());
        assert!(parse_instant("2027-03-12T18:00:00z").is_ok());
        assert!(parse_date("2027-03-12").is_ok());
        assert!(parse_date("2027-3-12").is_err());
        assert!(parse_date("0001-01-01").is_err());
    }

    #[test]
    fn display_names() {
        assert!(display_name("Camille Martin").is_ok());
        assert!(display_name("  Zoé ").is_ok());
        assert!(display_name("\u{202e}nimdA").is_err());
        assert!(display_name("a\u{2066}b").is_err());
        assert!(display_name("\u{200b}").is_err());
        assert!(display_name("\u{200b}\u{feff} \u{3164}").is_err());
        assert!(display_name("a\nb").is_err());
        assert!(display_name("  ").is_err());
        assert_eq!(normalize_name(" Zoe\u{301} "), "Zo\u{e9}");
        assert_eq!(display_name_pattern(), DISPLAY_NAME_PATTERN);
    }

    #[test]
    fn checks() {
        assert!(not_blank("  ").is_err());
        assert!(http_url("javascript:alert(1)").is_err());
        assert!(http_url("https://example.org/x").is_ok());
        assert!(valid_slug("forum-2027-open").is_ok());
        assert!(valid_slug("Forum--x").is_err());
        assert!(valid_slug("2030").is_err());
        assert!(http_url("http://a").is_ok());
        assert!(http_url("https://").is_err());
        assert!(http_url("HTTPS://x.fr/a b").is_err());
    }
}
