//! Accounts' writes, and the single-use tokens of the links mailed to them.
//!
//! A link's token is 32 random bytes (base64url). Only its SHA-256 is stored: whoever reads the
//! database cannot use a link. A token is for one account and one purpose, expires, works
//! once, and a newer one of the same purpose replaces the older (marked used).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use sha2::{Digest, Sha256};

use crate::auth::user::{NewUser, User};
use crate::db::ids::UserId;
use crate::db::schema::{mail_tokens, users};
use crate::events::{self, EventSubject, NewEvent};
use crate::http::problem::{ApiError, ApiResult};
use crate::mail::{self, templates::Template, Outgoing};

crate::text_enum! {
    /// What a mailed link is for.
    Purpose {
        VerifyEmail => "verify_email",
        ResetPassword => "reset_password",
    }
}

impl Purpose {
    fn lifetime(self) -> Duration {
        match self {
            Purpose::VerifyEmail => Duration::hours(48),
            Purpose::ResetPassword => Duration::hours(1),
        }
    }
}

fn digest(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// A fresh token for `user` and `purpose` (earlier unused ones of the same purpose are spent).
fn issue(conn: &mut PgConnection, user: UserId, purpose: Purpose) -> QueryResult<String> {
    let mut bytes = [0u8; 32];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut bytes);
    let token = URL_SAFE_NO_PAD.encode(bytes);
    diesel::update(
        mail_tokens::table
            .filter(mail_tokens::user_id.eq(user))
            .filter(mail_tokens::purpose.eq(purpose.as_str()))
            .filter(mail_tokens::used_at.is_null()),
    )
    .set(mail_tokens::used_at.eq(Some(Utc::now())))
    .execute(conn)?;
    diesel::insert_into(mail_tokens::table)
        .values((
            mail_tokens::user_id.eq(user),
            mail_tokens::purpose.eq(purpose.as_str()),
            mail_tokens::token_hash.eq(digest(&token)),
            mail_tokens::expires_at.eq(Utc::now() + purpose.lifetime()),
        ))
        .execute(conn)?;
    Ok(token)
}

/// The unspent, unexpired token's row and account. 404 when no link has it, 410 when it
/// expired, 409 when it was used (or replaced by a newer one).
fn check(conn: &mut PgConnection, token: &str, purpose: Purpose, lock: bool) -> ApiResult<(i64, UserId)> {
    let query = mail_tokens::table
        .filter(mail_tokens::token_hash.eq(digest(token)))
        .filter(mail_tokens::purpose.eq(purpose.as_str()))
        .select((mail_tokens::id, mail_tokens::user_id, mail_tokens::expires_at, mail_tokens::used_at));
    /// A link's id, account, expiry and use.
    type Link = (i64, UserId, DateTime<Utc>, Option<DateTime<Utc>>);
    let found: Option<Link> =
        if lock { query.for_update().first(conn).optional()? } else { query.first(conn).optional()? };
    let (id, user, expires_at, used_at) = found.ok_or_else(|| ApiError::NotFound("No link has this token.".into()))?;
    if used_at.is_some() {
        return Err(ApiError::Conflict {
            code: crate::resources::accounts::codes::TOKEN_USED,
            detail: "This link was already used, or a newer one replaced it.".into(),
        });
    }
    if expires_at <= Utc::now() {
        return Err(ApiError::Gone {
            code: crate::resources::accounts::codes::TOKEN_EXPIRED,
            detail: "This link has expired: ask for a new one.".into(),
        });
    }
    Ok((id, user))
}

/// Spends the token (in the caller's transaction): the account it is for.
fn redeem(conn: &mut PgConnection, token: &str, purpose: Purpose) -> ApiResult<UserId> {
    let (id, user) = check(conn, token, purpose, true)?;
    diesel::update(mail_tokens::table.find(id)).set(mail_tokens::used_at.eq(Some(Utc::now()))).execute(conn)?;
    Ok(user)
}

/// Whether a reset token would work, without spending it (before the slow hash).
pub fn check_reset(conn: &mut PgConnection, token: &str) -> ApiResult<()> {
    check(conn, token, Purpose::ResetPassword, false).map(|_| ())
}

/// Queues a mail about `user`'s own account (to them, in their language), in the caller's
/// transaction.
fn mail_account(conn: &mut PgConnection, user: &User, template: Template, link: Option<String>) -> QueryResult<()> {
    let mail = Outgoing {
        to: user.email.clone(),
        name: user.display_name.clone(),
        locale: user.locale,
        template,
        link,
        forum: None,
        note: None,
        notices: Vec::new(),
    };
    mail::enqueue(conn, &mail).map(|_| ())
}

/// The link of a mail: `{public_url}/{page}?jeton={token}`.
fn link(public_url: &str, page: &str, token: &str) -> String {
    format!("{public_url}/{page}?jeton={token}")
}

/// Sign-up. A new address gets an account and the mail that confirms it; an address that has
/// one already gets a mail saying so, unless `may_mail` is false (sign-ups naming it spent
/// their budget), and nothing else changes. The mail is queued in the same transaction.
pub fn register(
    conn: &mut PgConnection,
    new: &NewUser<'_>,
    public_url: &str,
    may_mail: bool,
) -> QueryResult<Option<User>> {
    if let Some(existing) = crate::auth::user::find_by_email(conn, new.email)? {
        if !may_mail {
            return Ok(None);
        }
        if existing.email_verified_at.is_none() {
            // Not a new confirmation link: whoever signed up first (perhaps not the address's
            // owner) chose that account's password. A link to choose it again, which confirms
            // the address, leaves the account to whoever reads this mailbox.
            let token = issue(conn, existing.id, Purpose::ResetPassword)?;
            mail_account(
                conn,
                &existing,
                Template::AccountUnconfirmed,
                Some(link(public_url, "mot-de-passe", &token)),
            )?;
            return Ok(None);
        }
        mail_account(conn, &existing, Template::AccountExists, None)?;
        return Ok(None);
    }
    let user = crate::resources::users::queries::insert(conn, new)?;
    send_verification(conn, &user, public_url)?;
    Ok(Some(user))
}

/// Mails `user` a new link that confirms the address.
pub fn send_verification(conn: &mut PgConnection, user: &User, public_url: &str) -> QueryResult<()> {
    let token = issue(conn, user.id, Purpose::VerifyEmail)?;
    mail_account(conn, user, Template::VerifyEmail, Some(link(public_url, "verification", &token)))?;
    Ok(())
}

/// Confirms the address of the token's account; `signed_in`, when the link is opened in a
/// session, must be that account (403 otherwise: the link is someone else's).
pub fn verify(conn: &mut PgConnection, token: &str, signed_in: Option<UserId>) -> ApiResult<User> {
    let user_id = redeem(conn, token, Purpose::VerifyEmail)?;
    if signed_in.is_some_and(|me| me != user_id) {
        return Err(ApiError::Forbidden(
            "This link confirms another account's address: sign out, then open it again.".into(),
        ));
    }
    let user: User = diesel::update(users::table.find(user_id))
        .set(users::email_verified_at.eq(Some(Utc::now())))
        .returning(User::as_returning())
        .get_result(conn)?;
    events::record(
        conn,
        NewEvent::new(crate::resources::accounts::events::USER_VERIFIED)
            .subject(EventSubject::new("user", user.id.get(), user.id.to_string()))
            .by(user.id),
    )?;
    Ok(user)
}

/// "Mot de passe oublié": mails a reset link if the address has an account (and nothing
/// otherwise: the answer does not say).
pub fn request_reset(conn: &mut PgConnection, email: &str, public_url: &str) -> QueryResult<()> {
    // Locked: an erasure at the same moment must not find its mail gone before it is queued.
    let Some(user) = crate::auth::user::find_by_email_for_update(conn, email)? else {
        return Ok(());
    };
    if user.password_hash == crate::auth::password::UNUSABLE_HASH {
        // Accounts that must not sign in with a password (demo accounts in production).
        return Ok(());
    }
    let token = issue(conn, user.id, Purpose::ResetPassword)?;
    mail_account(conn, &user, Template::PasswordReset, Some(link(public_url, "mot-de-passe", &token)))?;
    Ok(())
}

/// Tells the owner that failed sign-ins from many addresses reached the account's ceiling
/// (`throttle::ACCOUNT`): every address is refused for a while, theirs too, and how to act.
pub fn tell_sign_ins_blocked(conn: &mut PgConnection, user: &User, public_url: &str) -> QueryResult<()> {
    mail_account(conn, user, Template::SignInsBlocked, Some(format!("{public_url}/mot-de-passe-oublie")))?;
    Ok(())
}

/// Tells the owner that a recovery code signed in to the account (`link`: the account page,
/// where new codes are made).
pub fn tell_recovery_code_used(conn: &mut PgConnection, user: &User) -> QueryResult<()> {
    mail_account(conn, user, Template::TwoFactorRecoveryUsed, Some(format!("{}/compte", crate::config::site_url())))
}

/// Spends a reset token: the account to set a new password on.
pub fn redeem_reset(conn: &mut PgConnection, token: &str) -> ApiResult<UserId> {
    redeem(conn, token, Purpose::ResetPassword)
}

/// A handle may change once in this many days.
pub const HANDLE_CHANGE_DAYS: i64 = 30;

/// The handle to write when the owner asks for `wanted`: `None` when it is already theirs, 409
/// `handle_recently_changed` within `HANDLE_CHANGE_DAYS` of the previous change (a handle others
/// learnt keeps naming the same person for a while).
pub fn new_handle(conn: &mut PgConnection, user: UserId, wanted: String) -> ApiResult<Option<String>> {
    let current = crate::auth::user::find(conn, user)?.ok_or_else(|| ApiError::not_found("Account"))?;
    if wanted == current.handle {
        return Ok(None);
    }
    match current.handle_changed_at {
        Some(at) if at > Utc::now() - Duration::days(HANDLE_CHANGE_DAYS) => Err(ApiError::Conflict {
            code: crate::resources::accounts::codes::HANDLE_RECENTLY_CHANGED,
            detail: format!(
                "The handle was changed on {}: the next change is possible {HANDLE_CHANGE_DAYS} days after.",
                at.format("%Y-%m-%d")
            ),
        }),
        _ => Ok(Some(wanted)),
    }
}

/// What the owner may change of their profile (a PATCH: what is absent stays).
#[derive(AsChangeset)]
#[diesel(table_name = users)]
pub struct ProfileChanges {
    pub display_name: Option<String>,
    pub handle: Option<String>,
    pub handle_changed_at: Option<DateTime<Utc>>,
    pub organisation: Option<Option<String>>,
    pub locale: Option<crate::types::Locale>,
}

/// Applies the owner's changes to their profile; the event says which fields changed (their
/// values are personal data and stay out of the log). `None`: nothing to change.
pub fn update_profile(conn: &mut PgConnection, user: UserId, changes: &ProfileChanges) -> QueryResult<Option<User>> {
    let Some(row) = crate::db::changed(
        diesel::update(users::table.find(user)).set(changes).returning(User::as_returning()).get_result(conn),
    )?
    else {
        return Ok(None);
    };
    let fields: Vec<&str> = [
        ("display_name", changes.display_name.is_some()),
        ("handle", changes.handle.is_some()),
        ("organisation", changes.organisation.is_some()),
        ("locale", changes.locale.is_some()),
    ]
    .into_iter()
    .filter_map(|(name, sent)| sent.then_some(name))
    .collect();
    events::record(
        conn,
        NewEvent::new(crate::resources::users::events::USER_UPDATED)
            .subject(EventSubject::new("user", user.get(), user.to_string()))
            .by(user)
            .payload(serde_json::json!({ "fields": fields })),
    )?;
    Ok(Some(row))
}

/// Sets a new password (already hashed) and ends every session of the account; the owner is
/// told by mail. Following a reset link also confirms the address it was sent to.
pub fn set_password(conn: &mut PgConnection, user: UserId, hash: &str, by_link: bool) -> QueryResult<User> {
    use crate::db::schema::users::dsl::{email_verified_at, password_hash, session_version};
    let user: User = diesel::update(users::table.find(user))
        .set((password_hash.eq(hash), session_version.eq(session_version + 1)))
        .returning(User::as_returning())
        .get_result(conn)?;
    // The version ends their tokens; the list of sessions says so too.
    crate::auth::session::end_all(conn, user.id)?;
    let user = if by_link && user.email_verified_at.is_none() {
        diesel::update(users::table.find(user.id))
            .set(email_verified_at.eq(Some(Utc::now())))
            .returning(User::as_returning())
            .get_result(conn)?
    } else {
        user
    };
    // Any reset link still unused is spent: the password it would change has changed.
    diesel::update(
        mail_tokens::table
            .filter(mail_tokens::user_id.eq(user.id))
            .filter(mail_tokens::purpose.eq(Purpose::ResetPassword.as_str()))
            .filter(mail_tokens::used_at.is_null()),
    )
    .set(mail_tokens::used_at.eq(Some(Utc::now())))
    .execute(conn)?;
    events::record(
        conn,
        NewEvent::new(crate::resources::accounts::events::USER_PASSWORD_CHANGED)
            .subject(EventSubject::new("user", user.id.get(), user.id.to_string()))
            .by(user.id),
    )?;
    mail_account(conn, &user, Template::PasswordChanged, None)?;
    Ok(user)
}
