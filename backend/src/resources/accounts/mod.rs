//! Accounts and sessions: sign-up (answered alike for new and known addresses), sign-in, the
//! signed-in user's own account, the confirmation of an address and the reset of a forgotten
//! password by mailed single-use links.

mod dto;
mod handlers;
mod jobs;
mod links;
pub mod queries;

pub use dto::Session;
pub(crate) use handlers::request_locale;
pub use jobs::RESET_JOB;

/// 403 `wrong_password` (on `password`) unless `password` is the account's: what actions that
/// take the password again (erasure, two factors) ask.
pub async fn confirm_password(
    state: &crate::AppState,
    user: crate::db::ids::UserId,
    password: String,
) -> crate::http::problem::ApiResult<()> {
    let stored = crate::db::run(&state.pool, move |conn| Ok(crate::auth::user::find_live(conn, user)?))
        .await?
        .map(|u| u.password_hash);
    if !state.hasher.verify(password, stored).await? {
        return Err(wrong_password());
    }
    Ok(())
}

fn wrong_password() -> crate::http::problem::ApiError {
    crate::http::problem::ApiError::FieldForbidden {
        code: codes::WRONG_PASSWORD,
        errors: vec![crate::http::problem::FieldError::new("password", "mismatch", "is not the account's password")],
    }
}

/// How long after signing in at a provider an account without a password may act as if it had
/// just given it (`confirm_identity`).
pub const RECENT_SIGN_IN_MINUTES: i64 = 10;

/// `confirm_password` for an account that has one; an account made at a provider, which has
/// none, proves itself by a session begun there less than `RECENT_SIGN_IN_MINUTES` ago (403
/// `reauthentication_required` otherwise: sign in at the provider again).
pub async fn confirm_identity(
    state: &crate::AppState,
    auth: &crate::auth::AuthUser,
    password: Option<String>,
) -> crate::http::problem::ApiResult<()> {
    let (user, sid) = (auth.id, auth.session);
    let (has_password, recent) = crate::db::run(&state.pool, move |conn| {
        use crate::db::schema::sessions;
        use diesel::prelude::*;
        let account = crate::auth::user::find_live(conn, user)?
            .ok_or_else(|| crate::http::problem::ApiError::not_found("Account"))?;
        let recent: bool = match sid {
            Some(sid) => diesel::select(diesel::dsl::exists(
                sessions::table
                    .find(sid)
                    .filter(sessions::user_id.eq(user))
                    .filter(sessions::provider.is_not_null())
                    .filter(
                        sessions::created_at.gt(chrono::Utc::now() - chrono::Duration::minutes(RECENT_SIGN_IN_MINUTES)),
                    ),
            ))
            .get_result(conn)?,
            None => false,
        };
        Ok((account.has_password(), recent))
    })
    .await?;
    match (has_password, password) {
        (true, Some(password)) => confirm_password(state, user, password).await,
        (true, None) => Err(crate::http::problem::ApiError::field("password", "required", "is required")),
        (false, _) if recent => Ok(()),
        (false, _) => Err(crate::http::problem::ApiError::Refused {
            code: codes::REAUTHENTICATION_REQUIRED,
            detail: format!(
                "This account has no password: sign in again with your identity provider, then do this within {RECENT_SIGN_IN_MINUTES} minutes."
            ),
        }),
    }
}

/// This resource's problem codes (`registry::Resource::codes`).
pub mod codes {
    crate::problem_codes! {
        /// 403: the current password given is not the account's.
        WRONG_PASSWORD => ("wrong_password", "Ce n'est pas le mot de passe actuel du compte."),
        /// 403: an account without a password confirms by signing in at its provider again.
        REAUTHENTICATION_REQUIRED => ("reauthentication_required", "Ce compte n'a pas de mot de passe : reconnectez-vous avec votre fournisseur d'identité, puis recommencez dans les 10 minutes."),
        /// 409: the link was already used, or another one replaced it.
        TOKEN_USED => ("token_used", "Ce lien a déjà servi, ou un lien plus récent l'a remplacé."),
        /// 409: the handle was changed less than 30 days ago.
        HANDLE_RECENTLY_CHANGED => ("handle_recently_changed", "Votre identifiant a été changé il y a moins de 30 jours."),
        /// 410: the link has expired.
        TOKEN_EXPIRED => ("token_expired", "Ce lien a expiré : demandez-en un nouveau."),
    }
}

/// The events this resource's writes record (`registry::Resource::events`).
pub mod events {
    crate::event_types! {
        USER_VERIFIED => "user.verified",
        USER_PASSWORD_CHANGED => "user.password_changed",
    }
}

/// Accounts and sessions.
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
    tags: &[("auth", "Accounts and sessions")],
    api_v1: Some(|cfg| {
        cfg.service(handlers::register)
            .service(handlers::login)
            .service(handlers::get_me)
            .service(handlers::extend_session)
            .service(handlers::update_me)
            .service(links::verify_email)
            .service(links::resend_verification)
            .service(links::request_password_reset)
            .service(links::reset_password);
    }),
    at_root: None,
    unique: &[
        ("users_email_lower_key", "An account already uses this email address."),
        ("users_handle_key", "Another account already uses this handle."),
    ],
    schemas: crate::schemas![],
    events: events::ALL,
    codes: codes::ALL,
    jobs: &[crate::jobs::worker::JobKind { kind: jobs::RESET_JOB, run: jobs::run_reset, routine: false }],
    housekeeping: &[jobs::forget_spent_links_unconfirmed_accounts_and_idle_throttles],
    ..crate::registry::Resource::NONE
};
