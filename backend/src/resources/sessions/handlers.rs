//! `/me/sessions`, `/auth/logout`, `/admin/users/{id}/sessions`.

use actix_web::{delete, get, post, web, HttpRequest, HttpResponse};

use super::dto::{MySessions, SessionView, SignedOut};
use crate::auth::permission::Permission;
use crate::auth::{session, AuthUser};
use crate::db;
use crate::db::ids::{SessionId, UserId};
use crate::events::{self, EventSubject, NewEvent};
use crate::http::problem::{ApiError, ApiResult};
use crate::AppState;

/// The signed-in person's sessions still on (not ended, not expired), the newest first, the one
/// this request came with marked `current`.
#[utoipa::path(
    tag = "sessions",
    security(("bearer" = ["account"])),
    responses((status = 200, description = "The sessions", body = MySessions))
)]
#[get("/me/sessions")]
pub async fn list_my_sessions(state: web::Data<AppState>, auth: AuthUser) -> ApiResult<web::Json<MySessions>> {
    let rows = db::run(&state.pool, move |conn| Ok(session::on(conn, auth.id)?)).await?;
    Ok(web::Json(MySessions { items: rows.into_iter().map(|r| SessionView::new(r, auth.session)).collect() }))
}

/// End one of one's sessions (this one included): its token is refused from the next request.
#[utoipa::path(
    tag = "sessions",
    security(("bearer" = ["account"])),
    params(("id" = i64, Path, description = "Session id")),
    responses(
        (status = 204, description = "Ended"),
        (status = 404, description = "No such session of this account still on", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/me/sessions/{id}")]
pub async fn end_my_session(state: web::Data<AppState>, auth: AuthUser, id: web::Path<i64>) -> ApiResult<HttpResponse> {
    let sid = SessionId(id.into_inner());
    let ended = db::run(&state.pool, move |conn| Ok(session::end(conn, auth.id, sid)?)).await?;
    if !ended {
        return Err(ApiError::not_found("Session"));
    }
    Ok(HttpResponse::NoContent().finish())
}

/// Sign out everywhere: every session of the account ends, this one included.
#[utoipa::path(
    tag = "sessions",
    security(("bearer" = ["account"])),
    responses((status = 204, description = "Every session ended"))
)]
#[delete("/me/sessions")]
pub async fn end_all_my_sessions(state: web::Data<AppState>, auth: AuthUser) -> ApiResult<HttpResponse> {
    db::run(&state.pool, move |conn| Ok(session::end_all(conn, auth.id)?)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Sign out: the session this request came with ends on the server, not only in the browser.
/// A session begun at ProConnect or FranceConnect is answered with the address that ends the
/// provider's session too (`end_session_url`, with `id_token_hint`): send the browser there, and
/// it comes back to the site.
#[utoipa::path(
    tag = "sessions",
    security(("bearer" = ["account"])),
    responses(
        (status = 200, description = "Signed out here; the provider's session ends at `end_session_url`", body = SignedOut),
        (status = 204, description = "Signed out"),
    )
)]
#[post("/auth/logout")]
pub async fn sign_out(http: HttpRequest, state: web::Data<AppState>, auth: AuthUser) -> ApiResult<HttpResponse> {
    let at_provider = match auth.session {
        Some(sid) => db::run(&state.pool, move |conn| Ok(session::end_at_provider(conn, auth.id, sid)?)).await?,
        None => None,
    };
    // The web app's cookie goes too.
    let removal = crate::auth::cookie::removal(crate::auth::cookie::secure(&http));
    let end_session_url = match at_provider.and_then(|(p, t)| Some((crate::auth::oidc::ProviderId::parse(&p)?, t))) {
        Some((provider, id_token)) => {
            let providers = state.identity_providers.clone();
            web::block(move || providers.end_session_url(provider, &id_token)).await.map_err(ApiError::internal)?
        }
        None => None,
    };
    Ok(match end_session_url {
        Some(end_session_url) => HttpResponse::Ok().cookie(removal).json(SignedOut { end_session_url }),
        None => HttpResponse::NoContent().cookie(removal).finish(),
    })
}

/// End every session of an account (admins only; audited): a lost laptop, a shared computer.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin"])),
    params(("id" = i64, Path, description = "User id")),
    responses(
        (status = 204, description = "Every session of the account ended"),
        (status = 404, description = "No such account", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/admin/users/{id}/sessions")]
pub async fn end_users_sessions(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::ManageUsers)?;
    let user = UserId(id.into_inner());
    db::transaction(&state.pool, move |conn| {
        crate::auth::user::find_live(conn, user)?.ok_or_else(|| ApiError::not_found("User"))?;
        let ended = session::end_all(conn, user)?;
        events::record(
            conn,
            NewEvent::new(super::events::USER_SESSIONS_ENDED)
                .subject(EventSubject::new("user", user.get(), user.to_string()))
                .by(auth.id)
                .audit(None::<&()>, Some(&serde_json::json!({ "sessions_ended": ended }))),
        )?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
