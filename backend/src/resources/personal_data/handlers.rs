//! `GET /me/data`.

use actix_web::{get, web, HttpResponse};

use super::dto::PersonalData;
use super::queries;
use crate::auth::AuthUser;
use crate::db;
use crate::http::problem::ApiResult;
use crate::AppState;

/// A copy of everything the platform holds about the signed-in person, as one JSON document
/// (RGPD, articles 15 and 20): the account, comments (as written, deleted and hidden ones
/// included), reactions, reports made, forum registrations and attendance, questions, feedback,
/// progress updates published, follows, notifications, API tokens (never their secret). Served
/// as an attachment. With a session only: API tokens never carry the `account` scope.
#[utoipa::path(
    tag = "personal_data",
    security(("bearer" = ["account"])),
    responses(
        (status = 200, description = "The document, as an attachment (`mes-donnees-opendetat.json`)", body = PersonalData),
    )
)]
#[get("/me/data")]
pub async fn my_data(state: web::Data<AppState>, auth: AuthUser) -> ApiResult<HttpResponse> {
    let data = db::run(&state.pool, move |conn| queries::gather(conn, auth.id)).await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Content-Disposition", "attachment; filename=\"mes-donnees-opendetat.json\""))
        .json(data))
}
