//! `/forums/{id}/feedback…`, `/feedback-texts/{id}/approval`, `/formats/{id}/feedback`.

use actix_web::{delete, get, post, put, web, HttpResponse};
use validator::Validate;

use super::dto::{
    FeedbackRequest, FeedbackResponse, FormatFeedback, ForumFeedback, MyFeedback, ResponseRequest, TextAnswer,
};
use super::queries;
use crate::auth::permission::Permission;
use crate::auth::AuthUser;
use crate::db;
use crate::http::extract::AuthedBody;
use crate::http::problem::{ApiError, ApiResult, Checks};
use crate::resources::forums::queries as forums;
use crate::AppState;

fn distinct_keys(r: &FeedbackRequest) -> ApiResult<()> {
    let mut keys: Vec<&str> = r.answers.iter().map(|a| a.key.as_str()).collect();
    keys.sort_unstable();
    if keys.windows(2).any(|w| w[0] == w[1]) {
        return Err(ApiError::field("answers", "unique", "each question is answered at most once"));
    }
    Ok(())
}

fn one_value(r: &FeedbackRequest) -> ApiResult<()> {
    let mut checks = Checks::default();
    for (i, a) in r.answers.iter().enumerate() {
        if a.rating.is_some() == a.text.is_some() {
            checks.add(Err(ApiError::field(&format!("answers[{i}]"), "one_of", "give either a `rating` or a `text`")));
        }
    }
    checks.finish()
}

fn validated(body: FeedbackRequest) -> ApiResult<FeedbackRequest> {
    let mut checks = Checks::of(body.validate());
    checks.add(distinct_keys(&body)).add(one_value(&body));
    checks.finish()?;
    Ok(body)
}

/// A forum's feedback: whether it takes answers, the aggregated results and the organisers'
/// response. Results are never who said what; they are published only once answers have
/// closed (`closes_at`) and at least 5 people answered, and are frozen from then on; free text
/// appears only once an organiser approved it, without a name.
#[utoipa::path(
    tag = "feedback",
    params(("id" = String, Path, description = "Forum id or slug")),
    responses((status = 200, description = "The forum's feedback", body = ForumFeedback))
)]
#[get("/forums/{id}/feedback")]
pub async fn forum_feedback(state: web::Data<AppState>, id: web::Path<String>) -> ApiResult<web::Json<ForumFeedback>> {
    let key = id.into_inner();
    let out = db::run(&state.read_pool, move |conn| {
        let forum = forums::find(conn, &key)?;
        Ok(super::results::forum_feedback(conn, &forum)?)
    })
    .await?;
    Ok(web::Json(out))
}

/// Give feedback on a held forum, once (its participants: people recorded as present, checked
/// in at the door or marked present from the list by an organiser; where no attendance was
/// recorded, nobody answers). Change it later with `PUT …/feedback/me`, until answers close;
/// after that the results are published and frozen, and a late answer is refused
/// (`feedback_closed`).
#[utoipa::path(
    tag = "feedback",
    security(("bearer" = ["register"])),
    params(("id" = String, Path, description = "Forum id or slug")),
    request_body = FeedbackRequest,
    responses(
        (status = 201, description = "Recorded", body = MyFeedback),
        (status = 403, description = "Not a participant (`not_a_participant`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already answered (`already_answered`), forum not held (`forum_not_held`), no questionnaire or closed (`feedback_closed`), an answer that fits no question (`unknown_reference`, `conflicts_with_stored`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/forums/{id}/feedback")]
pub async fn give_feedback(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
    body: AuthedBody<FeedbackRequest>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::Register)?;
    let r = validated(body?.into_inner())?;
    let key = id.into_inner();
    let out = db::transaction(&state.pool, move |conn| {
        let forum = forums::find(conn, &key)?;
        queries::answer(conn, &forum, auth.id, r.answers)
    })
    .await?;
    Ok(HttpResponse::Created().json(out))
}

/// One's own feedback on a forum, or `null`.
#[utoipa::path(
    tag = "feedback",
    security(("bearer" = ["register"])),
    params(("id" = String, Path, description = "Forum id or slug")),
    responses((status = 200, description = "One's feedback, or `null`", body = Option<MyFeedback>))
)]
#[get("/forums/{id}/feedback/me")]
pub async fn my_feedback(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
) -> ApiResult<web::Json<Option<MyFeedback>>> {
    auth.require(Permission::Register)?;
    let key = id.into_inner();
    let out = db::run(&state.read_pool, move |conn| {
        let forum = forums::find(conn, &key)?;
        Ok(queries::mine(conn, &forum, auth.id)?)
    })
    .await?;
    Ok(web::Json(out))
}

/// Change one's feedback (until answers close). The answers sent replace the earlier ones.
#[utoipa::path(
    tag = "feedback",
    security(("bearer" = ["register"])),
    params(("id" = String, Path, description = "Forum id or slug")),
    request_body = FeedbackRequest,
    responses(
        (status = 200, description = "Changed", body = MyFeedback),
        (status = 403, description = "Not a participant (`not_a_participant`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Closed (`feedback_closed`), or an answer that fits no question", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[put("/forums/{id}/feedback/me")]
pub async fn change_feedback(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
    body: AuthedBody<FeedbackRequest>,
) -> ApiResult<web::Json<MyFeedback>> {
    auth.require(Permission::Register)?;
    let r = validated(body?.into_inner())?;
    let key = id.into_inner();
    let out = db::transaction(&state.pool, move |conn| {
        let forum = forums::find(conn, &key)?;
        queries::change(conn, &forum, auth.id, r.answers)
    })
    .await?;
    Ok(web::Json(out))
}

/// A forum's free-text answers, without names, for organisers to approve (pending first).
#[utoipa::path(
    tag = "feedback",
    security(("bearer" = ["content"])),
    params(("id" = String, Path, description = "Forum id or slug")),
    responses((status = 200, description = "The text answers", body = Vec<TextAnswer>))
)]
#[get("/forums/{id}/feedback/texts")]
pub async fn feedback_texts(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
) -> ApiResult<web::Json<Vec<TextAnswer>>> {
    auth.require(Permission::EditContent)?;
    let key = id.into_inner();
    let out = db::run(&state.read_pool, move |conn| {
        let forum = forums::find(conn, &key)?;
        Ok(super::results::texts(conn, forum.id)?)
    })
    .await?;
    Ok(web::Json(out))
}

fn text_id(raw: &str) -> ApiResult<i64> {
    raw.parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(|| ApiError::not_found("Text answer"))
}

/// Approve a free-text answer: it is published in the results, without a name (organisers).
#[utoipa::path(
    tag = "feedback",
    security(("bearer" = ["content"])),
    params(("id" = i64, Path, description = "Text answer id", minimum = 1)),
    responses((status = 200, description = "Approved", body = TextAnswer))
)]
#[put("/feedback-texts/{id}/approval")]
pub async fn approve_text(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
) -> ApiResult<web::Json<TextAnswer>> {
    auth.require(Permission::EditContent)?;
    let id = text_id(&id)?;
    let out = db::transaction(&state.pool, move |conn| queries::set_approval(conn, id, true, auth.id)).await?;
    Ok(web::Json(out))
}

/// Withdraw a text answer's approval: it leaves the published results (organisers).
#[utoipa::path(
    tag = "feedback",
    security(("bearer" = ["content"])),
    params(("id" = i64, Path, description = "Text answer id", minimum = 1)),
    responses((status = 200, description = "Withdrawn", body = TextAnswer))
)]
#[delete("/feedback-texts/{id}/approval")]
pub async fn withdraw_approval(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
) -> ApiResult<web::Json<TextAnswer>> {
    auth.require(Permission::EditContent)?;
    let id = text_id(&id)?;
    let out = db::transaction(&state.pool, move |conn| queries::set_approval(conn, id, false, auth.id)).await?;
    Ok(web::Json(out))
}

/// Publish the organisers' response to a forum's feedback ("Ce que nous avons changé"),
/// linking to the format version it led to (organisers).
#[utoipa::path(
    tag = "feedback",
    security(("bearer" = ["content"])),
    params(("id" = String, Path, description = "Forum id or slug")),
    request_body = ResponseRequest,
    responses(
        (status = 200, description = "Published", body = FeedbackResponse),
        (status = 409, description = "Forum not held (`forum_not_held`), or no such version (`unknown_reference`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[put("/forums/{id}/feedback/response")]
pub async fn put_response(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
    body: AuthedBody<ResponseRequest>,
) -> ApiResult<web::Json<FeedbackResponse>> {
    auth.require(Permission::EditContent)?;
    let r = body?.into_inner();
    Checks::of(r.validate()).finish()?;
    let key = id.into_inner();
    let out = db::transaction(&state.pool, move |conn| {
        let forum = forums::find(conn, &key)?;
        queries::put_response(conn, &forum, r, auth.id)
    })
    .await?;
    Ok(web::Json(out))
}

/// A format's feedback, version by version, over every forum that followed each: compare the
/// versions side by side (same question keys), with their counts.
#[utoipa::path(
    tag = "feedback",
    params(("id" = String, Path, description = "Format id or slug")),
    responses((status = 200, description = "The results by version", body = FormatFeedback))
)]
#[get("/formats/{id}/feedback")]
pub async fn format_feedback(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> ApiResult<web::Json<FormatFeedback>> {
    let key = id.into_inner();
    let out = db::run(&state.read_pool, move |conn| {
        let format = crate::resources::formats::queries::find(conn, &key)?;
        let versions = super::results::format_feedback(conn, &format)?;
        Ok(FormatFeedback { format: format.slug, versions })
    })
    .await?;
    Ok(web::Json(out))
}
