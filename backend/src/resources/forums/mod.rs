//! Thematic Open d'État forums: when and where they meet, and the commitments they work on.

pub mod routes;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;

use crate::http::problem::{ApiError, ApiResult};
use crate::markdown;
use crate::db::schema::{commitments, forum_commitments, forums};
use crate::types::ForumStatus;

/// Forums are held in France: clients display times in this zone.
pub const FORUM_TIMEZONE: &str = "Europe/Paris";

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = forums, check_for_backend(diesel::pg::Pg))]
pub struct ForumRow {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub theme: String,
    pub description: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub location: Option<String>,
    pub online_url: Option<String>,
    pub capacity: Option<i32>,
    pub status: ForumStatus,
    pub created_by: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub description_html: Option<String>,
    pub archived_at: Option<DateTime<Utc>>,
}

/// A commitment in short.
#[derive(Debug, Clone, Serialize, ToSchema, Queryable, Selectable)]
#[diesel(table_name = commitments, check_for_backend(diesel::pg::Pg))]
pub struct CommitmentRef {
    pub id: i64,
    #[schema(example = "FR0041")]
    pub code: String,
    pub title: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Forum {
    pub id: i64,
    #[schema(example = "forum-espace-de-dialogue-en-ligne")]
    pub slug: String,
    pub title: String,
    pub theme: String,
    /// Markdown.
    pub description: String,
    /// `description` rendered to sanitised HTML.
    pub description_html: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// Time zone to display the times in (always `Europe/Paris`).
    #[schema(example = "Europe/Paris")]
    pub timezone: String,
    /// Address of an in-person forum.
    pub location: Option<String>,
    /// Link to join an online forum.
    pub online_url: Option<String>,
    pub capacity: Option<i32>,
    pub status: ForumStatus,
    /// The commitments the forum works on.
    pub commitments: Vec<CommitmentRef>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Set when an admin archived the forum (deleting it would have destroyed its discussion):
    /// left out of lists, still readable, closed to new comments.
    pub archived_at: Option<DateTime<Utc>>,
}

crate::page_type!(ForumPage, Forum, "A page of forums.");

/// The public representation of rows; their commitments come from one batched query.
pub fn present(conn: &mut PgConnection, rows: Vec<ForumRow>) -> QueryResult<Vec<Forum>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let links: Vec<(i64, CommitmentRef)> = forum_commitments::table
        .inner_join(commitments::table)
        .filter(forum_commitments::forum_id.eq_any(&ids))
        .order(commitments::code.asc())
        .select((forum_commitments::forum_id, CommitmentRef::as_select()))
        .load(conn)?;
    let mut by_forum: HashMap<i64, Vec<CommitmentRef>> = HashMap::new();
    for (forum_id, c) in links {
        by_forum.entry(forum_id).or_default().push(c);
    }
    Ok(rows
        .into_iter()
        .map(|r| Forum {
            id: r.id,
            description_html: markdown::stored_or_render(r.description_html, Some(&r.description))
                .unwrap_or_default(),
            commitments: by_forum.remove(&r.id).unwrap_or_default(),
            slug: r.slug,
            title: r.title,
            theme: r.theme,
            description: r.description,
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            timezone: FORUM_TIMEZONE.into(),
            location: r.location,
            online_url: r.online_url,
            capacity: r.capacity,
            status: r.status,
            created_at: r.created_at,
            updated_at: r.updated_at,
            archived_at: r.archived_at,
        })
        .collect())
}

/// A forum row by numeric id or slug.
pub fn find_row(conn: &mut PgConnection, key: &str) -> ApiResult<ForumRow> {
    let q = forums::table.select(ForumRow::as_select()).into_boxed();
    let q = match key.parse::<i64>() {
        Ok(id) => q.filter(forums::id.eq(id)),
        Err(_) => q.filter(forums::slug.eq(key.to_string())),
    };
    q.first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("Forum"))
}

pub fn load_one(conn: &mut PgConnection, key: &str) -> ApiResult<Forum> {
    let row = find_row(conn, key)?;
    present(conn, vec![row])?
        .pop()
        .ok_or_else(|| ApiError::not_found("Forum"))
}

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

#[cfg(test)]
mod tests {
    #[test]
    fn slugify_folds_french() {
        assert_eq!(
            super::slugify("Forum Open d'État : données ouvertes"),
            "forum-open-d-etat-donnees-ouvertes"
        );
        assert_eq!(super::slugify("!!!"), "forum");
        assert_eq!(super::slugify("2027"), "forum-2027");
    }
}

/// Thematic Open d'État forums.
pub const RESOURCE: crate::http::Resource = crate::http::Resource {
    tags: &[("forums", "Thematic Open d'État forums")],
    api_v1: Some(|cfg| {
        cfg.service(routes::list_forums)
            .service(routes::create_forum)
            .service(routes::get_forum)
            .service(routes::update_forum)
            .service(routes::delete_forum)
            .service(routes::restore_forum);
    }),
    at_root: None,
    unique: &[("forums_slug_key", "A forum already has this slug.")],
    schemas: crate::schemas![routes::When],
};
