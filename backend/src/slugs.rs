//! Slugs: the readable keys of records in URLs (`/forums/forum-open-d-etat-donnees-ouvertes`),
//! made from a title when the author gives none, and numbered (`-2`, `-3`…) when already taken.
//! Each resource asks its own table which slugs are taken; the rules are here, once.

use crate::http::filters::escape_like;

/// A URL slug from a French title: lowercase ASCII, accents folded, words joined by hyphens.
pub fn slugify(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    for c in title.chars().flat_map(char::to_lowercase) {
        let folded = match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' => "a",
            'ç' => "c",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'î' | 'ï' | 'í' | 'ì' => "i",
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => "o",
            'ù' | 'û' | 'ü' | 'ú' => "u",
            'ÿ' | 'ý' => "y",
            'ñ' => "n",
            'œ' => "oe",
            'æ' => "ae",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        out.push_str(folded);
    }
    let joined: Vec<&str> = out.split('-').filter(|s| !s.is_empty()).collect();
    let mut slug = joined.join("-");
    if slug.len() > 70 {
        slug.truncate(70);
        slug = slug.trim_end_matches('-').to_string();
    }
    if slug.is_empty() {
        "forum".into()
    } else if !slug.bytes().any(|b| b.is_ascii_lowercase()) {
        // An all-digit slug would read as an id in `/forums/{id}`.
        format!("forum-{slug}")
    } else {
        slug
    }
}

/// The `LIKE` pattern of the slugs numbered after `base` (`base-2`, `base-3`…).
pub fn numbered(base: &str) -> String {
    format!("{}-%", escape_like(base))
}

/// The first of `base`, `base-2`, `base-3`… that `taken` (the slugs equal to `base` or
/// matching `numbered(base)`) does not hold.
pub fn first_free(base: &str, taken: &[String]) -> String {
    std::iter::once(base.to_string())
        .chain((2..).map(|n| format!("{base}-{n}")))
        .find(|s| !taken.contains(s))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn slugify_folds_french() {
        assert_eq!(super::slugify("Forum Open d'État : données ouvertes"), "forum-open-d-etat-donnees-ouvertes");
        assert_eq!(super::slugify("!!!"), "forum");
        assert_eq!(super::slugify("2027"), "forum-2027");
    }

    #[test]
    fn the_first_free_slug_is_numbered_after_the_taken_ones() {
        let taken = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(super::first_free("forum", &taken(&[])), "forum");
        assert_eq!(super::first_free("forum", &taken(&["forum", "forum-2"])), "forum-3");
        assert_eq!(super::first_free("forum", &taken(&["forum-2"])), "forum");
        assert_eq!(super::numbered("a_b"), "a\\_b-%");
    }
}
