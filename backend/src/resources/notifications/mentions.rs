//! Mentions: `@Nom affiché` in a comment names a member by their display name (the web app
//! suggests names as one types, `GET /mentions/suggestions`). Names have spaces, so after each
//! `@` the longest run of up to four words that is someone's display name wins; a name that
//! several accounts share names them all, up to three (beyond that it names nobody: too vague to
//! be meant). At most ten names per comment.

use std::collections::HashMap;

use diesel::prelude::*;

use crate::db::ids::UserId;
use crate::db::schema::users;

pub const MAX_NAMES: usize = 10;
const MAX_WORDS: usize = 4;
const MAX_SHARED: usize = 3;

/// For each `@` that starts a word, the names it may stand for, longest first, lower-cased.
pub fn candidates(body: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut previous: Option<char> = None;
    for (at, c) in body.char_indices() {
        let starts_word = previous.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '"' | '«' | '\''));
        previous = Some(c);
        if c != '@' || !starts_word {
            continue;
        }
        let rest = &body[at + 1..];
        let mut names = Vec::new();
        let mut words: Vec<&str> = Vec::new();
        for word in rest.split_whitespace().take(MAX_WORDS) {
            if word.starts_with('@') {
                break;
            }
            words.push(word);
            let last = word.trim_end_matches(|c: char| !c.is_alphanumeric());
            if last.is_empty() {
                break;
            }
            let mut name = words[..words.len() - 1].join(" ");
            if !name.is_empty() {
                name.push(' ');
            }
            name.push_str(last);
            names.push(name.to_lowercase());
            // A word that ends a sentence or a clause ends the name.
            if last.len() != word.len() {
                break;
            }
        }
        // Nothing right after the `@` (an address, a lone sign): no name.
        if rest.starts_with(char::is_whitespace) || names.is_empty() {
            continue;
        }
        names.reverse();
        out.push(names);
        if out.len() >= MAX_NAMES * 2 {
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
    let mut all: Vec<String> = wanted.iter().flatten().cloned().collect();
    all.sort();
    all.dedup();
    let found: Vec<(UserId, String)> = users::table
        .filter(
            diesel::dsl::sql::<diesel::sql_types::Bool>("lower(display_name) = ANY(")
                .bind::<diesel::sql_types::Array<diesel::sql_types::Text>, _>(all)
                .sql(")"),
        )
        .filter(users::erased_at.is_null())
        .select((users::id, diesel::dsl::sql::<diesel::sql_types::Text>("lower(display_name)")))
        .load(conn)?;
    let mut by_name: HashMap<String, Vec<UserId>> = HashMap::new();
    for (id, name) in found {
        by_name.entry(name).or_default().push(id);
    }
    let mut named: Vec<&String> = Vec::new();
    let mut people = Vec::new();
    for names in &wanted {
        let Some(name) = names.iter().find(|n| by_name.contains_key(*n)) else { continue };
        if named.contains(&name) {
            continue;
        }
        named.push(name);
        let ids = &by_name[name];
        if ids.len() <= MAX_SHARED {
            people.extend(ids.iter().copied());
        }
        if named.len() >= MAX_NAMES {
            break;
        }
    }
    people.sort_unstable();
    people.dedup();
    Ok(people)
}

#[cfg(test)]
mod tests {
    use super::candidates;

    #[test]
    fn names_after_an_at_sign_longest_first() {
        assert_eq!(
            candidates("Merci @Marie Curie, et bravo"),
            vec![vec!["marie curie".to_string(), "marie".to_string()]]
        );
        assert_eq!(
            candidates("@Jean-Pierre Dupont a raison"),
            vec![vec![
                "jean-pierre dupont a raison".to_string(),
                "jean-pierre dupont a".to_string(),
                "jean-pierre dupont".to_string(),
                "jean-pierre".to_string()
            ]]
        );
    }

    #[test]
    fn an_address_or_a_lone_sign_is_no_mention() {
        assert!(candidates("écrire à camille@example.fr").is_empty());
        assert!(candidates("rendez-vous @ 18h").is_empty());
        assert_eq!(candidates("(@Ana) et @Léa.").len(), 2);
        assert_eq!(candidates("(@Ana) et @Léa.")[1], vec!["léa".to_string()]);
    }
}
