//! A format version as one document, and what changed between two of them, word by word.
//!
//! The comparison runs over the whole document rather than field by field, so that a reader
//! sees the changes in the order of the text they know, headings included.

use similar::{Algorithm, ChangeTag, TextDiff};

use super::dto::{DiffOp, DiffSegment, FormatContent, QuestionKind};
use crate::types::Locale;

struct Headings {
    purpose: &'static str,
    audience: &'static str,
    agenda: &'static str,
    total: &'static str,
    roles: &'static str,
    accessibility: &'static str,
    materials: &'static str,
    questionnaire: &'static str,
    rating: &'static str,
    text: &'static str,
}

const FR: Headings = Headings {
    purpose: "Objectif",
    audience: "Public",
    agenda: "Déroulé",
    total: "Durée totale",
    roles: "Rôles et règles d'animation",
    accessibility: "Accessibilité",
    materials: "Matériel",
    questionnaire: "Questionnaire de retour",
    rating: "note de 1 à 5",
    text: "réponse libre",
};

const EN: Headings = Headings {
    purpose: "Purpose",
    audience: "Audience",
    agenda: "Agenda",
    total: "Total duration",
    roles: "Roles and facilitation rules",
    accessibility: "Accessibility",
    materials: "Materials",
    questionnaire: "Feedback questionnaire",
    rating: "rated 1 to 5",
    text: "free text",
};

/// The version's text as one markdown document, in the format's language.
pub fn document(content: &FormatContent, lang: Locale) -> String {
    let h = match lang {
        Locale::Fr => &FR,
        Locale::En => &EN,
    };
    let mut out = String::new();
    let mut section = |title: &str, body: &str| {
        if !body.trim().is_empty() {
            out.push_str(&format!("## {title}\n\n{}\n\n", body.trim()));
        }
    };
    section(h.purpose, &content.purpose);
    section(h.audience, &content.audience);
    let total: i32 = content.agenda.iter().map(|s| s.minutes).sum();
    let agenda: String = content
        .agenda
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{}. {} — {} min\n", i + 1, s.title.trim(), s.minutes))
        .collect();
    section(h.agenda, &format!("{agenda}\n{} : {total} min", h.total));
    section(h.roles, &content.roles);
    section(h.accessibility, &content.accessibility);
    section(h.materials, &content.materials);
    let questions: String = content
        .questionnaire
        .iter()
        .map(|q| {
            let kind = match q.kind {
                QuestionKind::Rating => h.rating,
                QuestionKind::Text => h.text,
            };
            format!("- {} ({kind})\n", q.label.trim())
        })
        .collect();
    section(h.questionnaire, &questions);
    out.trim_end().to_string() + "\n"
}

/// `from` → `to`, as runs of kept, inserted and deleted words (whitespace goes with them), and
/// how many words were inserted and deleted.
pub fn compare(from: &str, to: &str) -> (Vec<DiffSegment>, i64, i64) {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        // Bounded: a pathological pair of documents gets a coarser diff, not a stuck worker.
        .timeout(std::time::Duration::from_millis(500))
        .diff_words(from, to);
    let mut segments: Vec<DiffSegment> = Vec::new();
    let (mut inserted, mut deleted) = (0, 0);
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            ChangeTag::Equal => DiffOp::Equal,
            ChangeTag::Insert => DiffOp::Insert,
            ChangeTag::Delete => DiffOp::Delete,
        };
        let text = change.value();
        let is_word = !text.trim().is_empty();
        match op {
            DiffOp::Insert if is_word => inserted += 1,
            DiffOp::Delete if is_word => deleted += 1,
            _ => {}
        }
        match segments.last_mut() {
            Some(last) if last.op == op => last.text.push_str(text),
            _ => segments.push(DiffSegment { op, text: text.to_string() }),
        }
    }
    (segments, inserted, deleted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rebuild(segments: &[DiffSegment], skip: DiffOp) -> String {
        segments.iter().filter(|s| s.op != skip).map(|s| s.text.as_str()).collect()
    }

    #[test]
    fn the_segments_rebuild_both_texts() {
        let from = "Un espace de discussion informel.\n\n1. Accueil — 15 min\n";
        let to = "Un espace de discussion ouvert et informel.\n\n1. Accueil — 10 min\n";
        let (segments, inserted, deleted) = compare(from, to);
        assert_eq!(rebuild(&segments, DiffOp::Insert), from);
        assert_eq!(rebuild(&segments, DiffOp::Delete), to);
        assert_eq!((inserted, deleted), (3, 1), "{segments:?}");
        assert!(segments.iter().any(|s| s.op == DiffOp::Delete && s.text.contains("15")));
    }

    #[test]
    fn identical_texts_are_one_equal_run() {
        let (segments, inserted, deleted) = compare("a b c\n", "a b c\n");
        assert_eq!(segments.len(), 1);
        assert_eq!((inserted, deleted), (0, 0));
    }
}
