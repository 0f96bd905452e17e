//! What an uploaded file is, judged by its content (magic numbers, or UTF-8 text throughout),
//! never by its name; and how it is served back.

/// Whether a file's first bytes are of one type.
type Matcher = fn(&[u8]) -> bool;

/// The types a document's file may be, each recognised by its content.
const ALLOWED: &[(Matcher, &str)] = &[
    (infer::archive::is_pdf, "application/pdf"),
    (infer::image::is_png, "image/png"),
    (infer::image::is_jpeg, "image/jpeg"),
    (infer::odf::is_odt, "application/vnd.oasis.opendocument.text"),
    (infer::odf::is_ods, "application/vnd.oasis.opendocument.spreadsheet"),
    (infer::odf::is_odp, "application/vnd.oasis.opendocument.presentation"),
    (infer::doc::is_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (infer::doc::is_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    (infer::doc::is_pptx, "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
];

/// What the people uploading are told is allowed.
pub const ALLOWED_NAMES: &str = "PDF, ODT, ODS, ODP, DOCX, XLSX, PPTX, PNG, JPEG, CSV, text";

/// The media type of a file whose first bytes are `head` and whose content is UTF-8 text
/// throughout (`text`); `None` when it is none of the allowed types. Text is CSV when its name
/// says so (a CSV file is text: only the name tells them apart), plain text otherwise.
pub fn media_type(head: &[u8], text: bool, filename: &str) -> Option<&'static str> {
    if let Some((_, media_type)) = ALLOWED.iter().find(|(is, _)| is(head)) {
        return Some(media_type);
    }
    if text {
        return Some(if filename.to_ascii_lowercase().ends_with(".csv") { "text/csv" } else { "text/plain" });
    }
    None
}

/// Whether browsers may show it in the page (PDF and images) rather than only download it.
pub fn shown_inline(media_type: &str) -> bool {
    media_type == "application/pdf" || media_type.starts_with("image/")
}

/// `Content-Disposition` with the name in ASCII (`filename`) and as written (`filename*`,
/// RFC 6266 / RFC 8187).
pub fn disposition(media_type: &str, filename: &str) -> String {
    let ascii: String =
        filename.chars().map(|c| if c.is_ascii_alphanumeric() || ".-_ ".contains(c) { c } else { '_' }).collect();
    let encoded = percent_encoding::utf8_percent_encode(filename, percent_encoding::NON_ALPHANUMERIC);
    let kind = if shown_inline(media_type) { "inline" } else { "attachment" };
    format!("{kind}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides_not_the_name() {
        assert_eq!(media_type(b"%PDF-1.7\n", false, "rapport.txt"), Some("application/pdf"));
        assert_eq!(media_type(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", false, "x.pdf"), Some("image/png"));
        assert_eq!(media_type(b"MZ\x90\0", false, "rapport.pdf"), None, "a Windows program named .pdf");
        assert_eq!(media_type(b"a;b\n1;2\n", true, "DONNEES.CSV"), Some("text/csv"));
        assert_eq!(media_type(b"bonjour", true, "notes"), Some("text/plain"));
    }

    #[test]
    fn names_are_offered_safely() {
        assert_eq!(
            disposition("text/plain", "compte rendu \"été\".txt"),
            "attachment; filename=\"compte rendu __t__.txt\"; filename*=UTF-8''compte%20rendu%20%22%C3%A9t%C3%A9%22%2Etxt"
        );
        assert!(disposition("application/pdf", "a.pdf").starts_with("inline;"));
    }
}
