//! Tokens as stored: issue, list, revoke. Each write records its audited event in the same
//! transaction.

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::auth::api_token::{ApiToken, ApiTokenId};
use crate::db::ids::UserId;
use crate::db::schema::{api_tokens, users};
use crate::events::{self, EventSubject, NewEvent};
use crate::types::{Scope, TokenKind};

/// At most this many tokens of one account work at once (neither revoked nor expired).
pub const MAX_ACTIVE_PER_OWNER: i64 = 50;

#[derive(Insertable)]
#[diesel(table_name = api_tokens)]
pub struct NewToken<'a> {
    pub owner_id: UserId,
    pub kind: TokenKind,
    pub name: &'a str,
    pub contact: Option<&'a str>,
    pub scopes: &'a [Scope],
    pub prefix: &'a str,
    pub secret_hash: &'a [u8],
    pub created_by: UserId,
    pub expires_at: Option<DateTime<Utc>>,
}

fn subject(token: &ApiToken) -> EventSubject {
    EventSubject::new("api_token", token.id.get(), token.id.to_string())
}

/// What the audit trail keeps of a token (never its secret or hash).
fn audited(token: &ApiToken) -> serde_json::Value {
    serde_json::json!({
        "id": token.id, "kind": token.kind, "name": token.name, "contact": token.contact,
        "owner_id": token.owner_id, "scopes": token.scopes, "prefix": token.prefix,
        "expires_at": token.expires_at, "revoked_at": token.revoked_at,
    })
}

/// How many of `owner`'s tokens work now.
pub fn count_active(conn: &mut PgConnection, owner: UserId) -> QueryResult<i64> {
    api_tokens::table
        .filter(api_tokens::owner_id.eq(owner))
        .filter(api_tokens::revoked_at.is_null())
        .filter(api_tokens::expires_at.is_null().or(api_tokens::expires_at.gt(Utc::now())))
        .count()
        .get_result(conn)
}

pub fn insert(conn: &mut PgConnection, new: &NewToken<'_>) -> QueryResult<ApiToken> {
    let token: ApiToken =
        diesel::insert_into(api_tokens::table).values(new).returning(ApiToken::as_returning()).get_result(conn)?;
    events::record(
        conn,
        NewEvent::new(super::events::API_TOKEN_CREATED)
            .subject(subject(&token))
            .by(new.created_by)
            .audit::<(), _>(None, Some(&audited(&token))),
    )?;
    Ok(token)
}

/// `owner`'s personal tokens that are not revoked (expired ones too, so that their owner sees
/// why a script stopped), the newest first.
pub fn personal_of(conn: &mut PgConnection, owner: UserId) -> QueryResult<Vec<ApiToken>> {
    api_tokens::table
        .filter(api_tokens::owner_id.eq(owner))
        .filter(api_tokens::kind.eq(TokenKind::Personal))
        .filter(api_tokens::revoked_at.is_null())
        .order(api_tokens::id.desc())
        .limit(MAX_ACTIVE_PER_OWNER * 2)
        .select(ApiToken::as_select())
        .load(conn)
}

/// App tokens, revoked ones included, the newest first, after the cursor `after`.
pub fn apps(conn: &mut PgConnection, after: Option<ApiTokenId>, limit: i64) -> QueryResult<Vec<(ApiToken, String)>> {
    let mut q = api_tokens::table
        .inner_join(users::table.on(users::id.eq(api_tokens::owner_id)))
        .filter(api_tokens::kind.eq(TokenKind::App))
        .order(api_tokens::id.desc())
        .limit(limit)
        .select((ApiToken::as_select(), users::display_name))
        .into_boxed();
    if let Some(after) = after {
        q = q.filter(api_tokens::id.lt(after));
    }
    q.load(conn)
}

/// Revokes the token `id` of kind `kind` (and of `owner`, when given), if it is not already:
/// the token as it is now, or `None` when there is no such token. Revoking twice is not an
/// error (the first revocation stands).
pub fn revoke(
    conn: &mut PgConnection,
    id: ApiTokenId,
    kind: TokenKind,
    owner: Option<UserId>,
    by: UserId,
) -> QueryResult<Option<ApiToken>> {
    let found: Option<ApiToken> = api_tokens::table
        .find(id)
        .filter(api_tokens::kind.eq(kind))
        .select(ApiToken::as_select())
        .for_update()
        .first(conn)
        .optional()?;
    let Some(before) = found.filter(|t| owner.is_none_or(|o| t.owner_id == o)) else {
        return Ok(None);
    };
    if before.revoked_at.is_some() {
        return Ok(Some(before));
    }
    let after: ApiToken = diesel::update(api_tokens::table.find(id))
        .set(api_tokens::revoked_at.eq(Utc::now()))
        .returning(ApiToken::as_returning())
        .get_result(conn)?;
    events::record(
        conn,
        NewEvent::new(super::events::API_TOKEN_REVOKED)
            .subject(subject(&after))
            .by(by)
            .audit(Some(&audited(&before)), Some(&audited(&after))),
    )?;
    Ok(Some(after))
}
