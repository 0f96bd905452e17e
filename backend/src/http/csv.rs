//! CSV as every export of the platform writes it: RFC 4180 (CRLF, double quotes), UTF-8, and
//! safe to open in a spreadsheet, including a French-locale one, which splits on `;`.
//!
//! Texts are neutralised beyond OWASP's CSV injection guidance: a leading `=`, `+`, `-`, `@`,
//! tab or carriage return gets a `'`, and so does every part after a `;` inside a text
//! (`a;=cmd` → `"a;'=cmd"`): Excel opening a comma-separated file in a French locale splits on
//! `;` without reading the quotes (a quote in the middle of what it takes for a cell is just a
//! character), so each such part would become a cell of its own, and a formula. The cost — an
//! apostrophe in a rare text — is worth a platform whose exports officials open in Excel.
//! Numbers are written as numbers (`-3`, never `'-3`): a number is not a formula, and a prefix
//! would make it text in the spreadsheet and invalid for a Table Schema `integer`.

use std::fmt::Write as _;

/// One text field: never read as a formula, and quoted when it holds a separator a
/// spreadsheet may split on (`,`, or `;` in a French locale), a quote or a line break.
pub fn field(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    push_text(&mut out, value);
    out
}

/// What a spreadsheet reads as the start of a formula.
const FORMULA: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Appends `value` to `out` as one text field (see `field`), without building it apart.
pub fn push_text(out: &mut String, value: &str) {
    // A download writes millions of fields, most of them needing nothing: the characters looked
    // for are all ASCII, found with SIMD.
    let bytes = value.as_bytes();
    let parts = memchr::memchr(b';', bytes).is_some();
    let quoted = parts || memchr::memchr3(b',', b'"', b'\n', bytes).is_some() || memchr::memchr(b'\r', bytes).is_some();
    if !quoted {
        if value.starts_with(FORMULA) {
            out.push('\'');
        }
        out.push_str(value);
        return;
    }
    out.push('"');
    if parts {
        for (i, part) in value.split(';').enumerate() {
            if i > 0 {
                out.push(';');
            }
            push_quoted_part(out, part);
        }
    } else {
        push_quoted_part(out, value);
    }
    out.push('"');
}

/// A part of a quoted field: neutralised, each quote written twice.
fn push_quoted_part(out: &mut String, part: &str) {
    if part.starts_with(FORMULA) {
        out.push('\'');
    }
    for (j, piece) in part.split('"').enumerate() {
        if j > 0 {
            out.push_str("\"\"");
        }
        out.push_str(piece);
    }
}

/// Appends a number as it is: digits, a sign, a decimal point; nothing to quote or neutralise.
pub fn push_number(out: &mut String, value: impl std::fmt::Display) {
    let _ = write!(out, "{value}");
}

/// One line of text fields, each made safe with `field`, ended by CRLF.
pub fn line<S: AsRef<str>>(fields: &[S]) -> String {
    let mut out = String::new();
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_text(&mut out, f.as_ref());
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_formulas_are_neutralised_and_every_separator_is_quoted() {
        assert_eq!(field("Camille"), "Camille");
        assert_eq!(field("=1+1"), "'=1+1");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("-2"), "'-2", "a text that looks like a number stays text");
        assert_eq!(field("\t=cmd"), "'\t=cmd");
        assert_eq!(field("=A1;B"), "\"'=A1;B\"");
        // A spreadsheet that splits on `;` without reading quotes makes each part a cell.
        assert_eq!(field("a;=1+1;b"), "\"a;'=1+1;b\"");
        assert_eq!(field("a;-2"), "\"a;'-2\"");
        assert_eq!(field("Ville; Lyon"), "\"Ville; Lyon\"");
        assert_eq!(field("Dupont, Marie"), "\"Dupont, Marie\"");
        assert_eq!(field("dit \"Mimi\""), "\"dit \"\"Mimi\"\"\"");
        assert_eq!(field("\"=cmd\""), "\"\"\"=cmd\"\"\"");
        assert_eq!(field("deux\nlignes"), "\"deux\nlignes\"");
        assert_eq!(line(&["1", "a;b", ""]), "1,\"a;b\",\r\n");
    }

    #[test]
    fn numbers_are_written_as_numbers() {
        let mut out = String::new();
        push_number(&mut out, -3);
        out.push(',');
        push_number(&mut out, -0.5);
        assert_eq!(out, "-3,-0.5");
    }
}
