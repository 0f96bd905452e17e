//! Mentions: `@handle` in a comment names the member whose handle it is (handles are unique;
//! the web app suggests them as one types, `GET /mentions/suggestions`, by handle or name). A
//! handle is the run of letters, digits and hyphens after an `@` that starts a word, any case,
//! without a final hyphen. At most ten people per comment; erased accounts are nobody.

use diesel::prelude::*;

use crate::db::ids::UserId;
use crate::db::schema::users;

pub const MAX_NAMES: usize = 10;
/// The longest handle (`users_handle_format`).
const MAX_HANDLE: usize = 30;

/// For each `@` that starts a word, the handle it names, lower-cased, in order, without repeats.
pub fn candidates(body: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut previous: Option<char> = None;
    for (at, c) in body.char_indices() {
        let starts_word = previous.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '"' | '«' | '\''));
        previous = Some(c);
        if c != '@' || !starts_word {
            continue;
        }
        let rest = &body[at + 1..];
        let run = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).unwrap_or(rest.len());
        // A word that goes on in letters a handle cannot hold ("@léa") names nobody.
        if rest[run..].starts_with(char::is_alphanumeric) {
            continue;
        }
        let handle = rest[..run].trim_end_matches('-').to_ascii_lowercase();
        if handle.is_empty() || handle.len() > MAX_HANDLE || handle.starts_with('-') || out.contains(&handle) {
            continue;
        }
        out.push(handle);
        if out.len() >= MAX_NAMES {
            break;
        }
    }
    out
}

/// The accounts `body` mentions.
pub fn resolve(conn: &mut PgConnection, body: &str) -> QueryResult<Vec<UserId>> {
    let wanted = candidates(body);
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let mut people: Vec<UserId> = users::table
        .filter(users::handle.eq_any(&wanted))
        .filter(users::erased_at.is_null())
        .select(users::id)
        .load(conn)?;
    people.sort_unstable();
    Ok(people)
}

#[cfg(test)]
mod tests {
    use super::candidates;

    #[test]
    fn handles_after_an_at_sign_any_case_without_a_final_hyphen() {
        assert_eq!(
            candidates("Merci @Marie-Curie, et bravo @jean-pierre-dupont-."),
            vec!["marie-curie", "jean-pierre-dupont"]
        );
        assert_eq!(candidates("@camille-martin-12 et encore @Camille-Martin-12"), vec!["camille-martin-12"]);
    }

    #[test]
    fn an_address_or_a_lone_sign_is_no_mention() {
        assert!(candidates("écrire à camille@example.fr").is_empty());
        assert!(candidates("rendez-vous @ 18h").is_empty());
        assert_eq!(candidates("(@ana) et @léa."), vec!["ana"]);
        assert!(candidates(&format!("@{}", "a".repeat(31))).is_empty(), "longer than any handle");
    }
}
