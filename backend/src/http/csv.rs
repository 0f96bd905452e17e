//! CSV as every export of the platform writes it: RFC 4180 (CRLF, double quotes), UTF-8, and
//! safe to open in a spreadsheet, including a French-locale one, which splits on `;`.

/// One field: never read as a formula, and quoted when it holds a separator a spreadsheet may
/// split on (`,`, or `;` in a French locale), a quote or a line break. A value starting with
/// `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`; so does every part after
/// a `;` inside it, because a spreadsheet that splits on `;` without reading the quotes (Excel
/// opening a CSV in a French locale) would make each such part a cell of its own.
pub fn field(value: &str) -> String {
    let value = value.split(';').map(neutralised).collect::<Vec<_>>().join(";");
    if value.contains([',', ';', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// `part` with a leading `'` when a spreadsheet would read it as a formula.
fn neutralised(part: &str) -> std::borrow::Cow<'_, str> {
    if part.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{part}").into()
    } else {
        part.into()
    }
}

/// One line of fields, each made safe with `field`, ended by CRLF.
pub fn line<S: AsRef<str>>(fields: &[S]) -> String {
    let mut out = fields.iter().map(|f| field(f.as_ref())).collect::<Vec<_>>().join(",");
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_every_separator_is_quoted() {
        assert_eq!(field("Camille"), "Camille");
        assert_eq!(field("=1+1"), "'=1+1");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("-2"), "'-2");
        assert_eq!(field("a;=1+1;b"), "\"a;'=1+1;b\"");
        assert_eq!(field("Ville; Lyon"), "\"Ville; Lyon\"");
        assert_eq!(field("Dupont, Marie"), "\"Dupont, Marie\"");
        assert_eq!(field("dit \"Mimi\""), "\"dit \"\"Mimi\"\"\"");
        assert_eq!(field("deux\nlignes"), "\"deux\nlignes\"");
        assert_eq!(field("\t=cmd"), "'\t=cmd");
        assert_eq!(line(&["1", "a;b", ""]), "1,\"a;b\",\r\n");
    }
}
