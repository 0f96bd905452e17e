//! API tokens as stored, and their secrets: `odet_pat_…` (personal) or `odet_app_…` (an app),
//! 32 random bytes in URL-safe base64 after the prefix, so that secret scanners can recognise a
//! leaked one (`odet_(pat|app)_[A-Za-z0-9_-]{43}`). Only a SHA-256 of the whole token is kept:
//! the secret has 256 bits of entropy, so a slow password hash would add nothing but latency on
//! every request.

use base64::Engine;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::user::User;
use crate::db::ids::UserId;
use crate::db::schema::{api_tokens, users};
use crate::types::{Scope, TokenKind};

crate::typed_id! {
    /// An API token's id.
    ApiTokenId
}

/// What every API token starts with.
pub const PREFIX: &str = "odet_";

/// A new secret for a token of `kind`: the token to show once, and the hash to keep.
pub fn generate(kind: TokenKind) -> (String, Vec<u8>) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let tag = match kind {
        TokenKind::Personal => "pat",
        TokenKind::App => "app",
    };
    let token = format!("{PREFIX}{tag}_{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes));
    let hash = hash(&token);
    (token, hash)
}

/// The stored form of a token.
pub fn hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// What lists show of a token, so that its owner recognises it: the prefix and 4 characters.
pub fn shown_prefix(token: &str) -> String {
    token.chars().take(PREFIX.len() + 4 + 4).collect()
}

/// Whether a bearer credential is an API token (the others are session JWTs).
pub fn is_api_token(credential: &str) -> bool {
    credential.starts_with(PREFIX)
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = api_tokens, check_for_backend(diesel::pg::Pg))]
pub struct ApiToken {
    pub id: ApiTokenId,
    pub owner_id: UserId,
    pub kind: TokenKind,
    pub name: String,
    pub contact: Option<String>,
    pub scopes: Vec<Scope>,
    pub prefix: String,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub last_used_family: Option<String>,
}

/// The token whose hash is `secret_hash`, with its owner.
pub fn find_by_hash(conn: &mut PgConnection, secret_hash: &[u8]) -> QueryResult<Option<(ApiToken, User)>> {
    api_tokens::table
        .inner_join(users::table.on(users::id.eq(api_tokens::owner_id)))
        .filter(api_tokens::secret_hash.eq(secret_hash))
        .select((ApiToken::as_select(), User::as_select()))
        .first(conn)
        .optional()
}

/// The owners of the personal tokens this instance has authorised, by token hash: the API's
/// budget for a personal token is its owner's account's (`app::rate_limit`), so that an account
/// holding 50 tokens does not hold 50 budgets. A token is learnt when it is first authorised
/// (that request counts against the token alone) and forgotten when it is found revoked or
/// expired, so that a leaked revoked token cannot spend its former owner's budget. App tokens
/// keep a budget each: admins issue them, one per app. Bounded: past `OWNERS_KEPT` the map
/// starts again (a token then counts alone for one request).
static PERSONAL_OWNERS: std::sync::LazyLock<std::sync::Mutex<std::collections::HashMap<Vec<u8>, UserId>>> =
    std::sync::LazyLock::new(Default::default);

const OWNERS_KEPT: usize = 100_000;

/// Remembers that the personal token hashed `secret_hash` acts for `owner`.
pub fn remember_personal(secret_hash: &[u8], owner: UserId) {
    let mut owners = PERSONAL_OWNERS.lock().unwrap_or_else(|e| e.into_inner());
    if owners.len() >= OWNERS_KEPT && !owners.contains_key(secret_hash) {
        owners.clear();
    }
    owners.insert(secret_hash.to_vec(), owner);
}

/// Forgets a token (revoked, expired, or its owner's tokens all revoked).
pub fn forget(secret_hash: &[u8]) {
    PERSONAL_OWNERS.lock().unwrap_or_else(|e| e.into_inner()).remove(secret_hash);
}

/// The owner of a personal token this instance has authorised, if it has.
pub fn personal_owner(secret_hash: &[u8]) -> Option<UserId> {
    PERSONAL_OWNERS.lock().unwrap_or_else(|e| e.into_inner()).get(secret_hash).copied()
}

/// Records a use, at most once a minute per token: a write on every request would cost every
/// read its own WAL flush, and "last used" is read by people, to the minute.
pub fn mark_used(conn: &mut PgConnection, id: ApiTokenId, family: &'static str) -> QueryResult<()> {
    let now = Utc::now();
    diesel::update(api_tokens::table.find(id))
        .filter(
            api_tokens::last_used_at
                .is_null()
                .or(api_tokens::last_used_at.lt(now - chrono::Duration::minutes(1)))
                .or(api_tokens::last_used_family.is_distinct_from(family)),
        )
        .set((api_tokens::last_used_at.eq(now), api_tokens::last_used_family.eq(family)))
        .execute(conn)
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_recognisable_and_hashed() {
        let (token, hash) = generate(TokenKind::Personal);
        assert!(token.starts_with("odet_pat_"));
        assert_eq!(token.len(), "odet_pat_".len() + 43);
        assert_eq!(hash, super::hash(&token));
        assert!(is_api_token(&token));
        assert_eq!(shown_prefix(&token).len(), 13);
        let (app, _) = generate(TokenKind::App);
        assert!(app.starts_with("odet_app_"));
        assert_ne!(generate(TokenKind::App).0, app);
    }
}
