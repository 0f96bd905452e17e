//! `/auth/providers`, `/me/identities`, `/admin/institution-claims`: which providers, and the
//! identities and claims already made (the flow itself: `handlers`).

use actix_web::{delete, get, web, HttpResponse};

use super::dto::{Identity, IdentityProvider, InstitutionClaim, SignInMethods};
use super::queries;
use crate::auth::oidc::ProviderId;
use crate::auth::permission::Permission;
use crate::auth::AuthUser;
use crate::db;
use crate::db::ids::UserId;
use crate::http::problem::{ApiError, ApiResult};
use crate::AppState;

/// The providers one can sign in with here: only those configured (the web app shows a button
/// for each, and none when the list is empty).
#[utoipa::path(
    tag = "auth",
    responses((status = 200, description = "The configured providers", body = Vec<IdentityProvider>))
)]
#[get("/auth/providers")]
pub async fn providers(state: web::Data<AppState>) -> web::Json<Vec<IdentityProvider>> {
    web::Json(
        state
            .identity_providers
            .configured()
            .into_iter()
            .map(|id| IdentityProvider { id, name: id.name().into() })
            .collect(),
    )
}

/// The ways the signed-in account signs in: its password, and its identities at providers.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = ["account"])),
    responses((status = 200, description = "The account's ways to sign in", body = SignInMethods))
)]
#[get("/me/identities")]
pub async fn my_identities(state: web::Data<AppState>, auth: AuthUser) -> ApiResult<web::Json<SignInMethods>> {
    let (password, rows) = db::run(&state.pool, move |conn| queries::methods(conn, auth.id)).await?;
    Ok(web::Json(SignInMethods {
        password,
        identities: rows
            .into_iter()
            .filter_map(|r| {
                Some(Identity {
                    id: r.id,
                    provider: ProviderId::parse(&r.provider)?,
                    email: r.email,
                    created_at: r.created_at,
                    last_used_at: r.last_used_at,
                })
            })
            .collect(),
    }))
}

/// Unlink an identity: the provider no longer signs this account in. Refused while it is the
/// only way left to sign in.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = ["account"])),
    params(("id" = i64, Path, description = "Identity id")),
    responses(
        (status = 204, description = "Unlinked"),
        (status = 404, description = "No such identity on this account", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "It is the account's only way to sign in (`last_sign_in_method`): choose a password first", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/me/identities/{id}")]
pub async fn unlink_identity(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    db::transaction(&state.pool, move |conn| queries::unlink(conn, auth.id, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Officials who signed in with ProConnect for an organisation whose SIREN is an institution's,
/// waiting for an admin to confirm them (with `PATCH /admin/users/{id}`: role `official` and the
/// institution) or decline. Empty when `PROCONNECT_TRUST_INSTITUTIONS` links them at once.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin"])),
    responses((status = 200, description = "The claims waiting, latest first (at most 200)", body = Vec<InstitutionClaim>))
)]
#[get("/admin/institution-claims")]
pub async fn institution_claims(
    state: web::Data<AppState>,
    auth: AuthUser,
) -> ApiResult<web::Json<Vec<InstitutionClaim>>> {
    auth.require(Permission::ManageUsers)?;
    Ok(web::Json(db::run(&state.pool, move |conn| Ok(queries::claims(conn)?)).await?))
}

/// Decline an official's claim to an institution: it is not shown again for that institution.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin"])),
    params(("id" = i64, Path, description = "User id")),
    responses(
        (status = 204, description = "Declined"),
        (status = 404, description = "The account has no claim waiting", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/admin/users/{id}/institution-claim")]
pub async fn decline_claim(state: web::Data<AppState>, auth: AuthUser, id: web::Path<i64>) -> ApiResult<HttpResponse> {
    auth.require(Permission::ManageUsers)?;
    let user = UserId(id.into_inner());
    let declined = db::run(&state.pool, move |conn| Ok(queries::decline(conn, user)?)).await?;
    if !declined {
        return Err(ApiError::not_found("Claim"));
    }
    Ok(HttpResponse::NoContent().finish())
}
