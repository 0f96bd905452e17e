//! Asking (`POST /commitments|milestones|action-items/{id}/questions`), reading
//! (`/questions`), answering and saying an answer is not one.

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use validator::Validate;

use super::dto::{
    AskedQuestion, AskedQuestionPage, NewAnswerRequest, NewQuestionRequest, QuestionFilters, RejectionRequest,
};
use super::queries;
use crate::auth::permission::Permission;
use crate::auth::{require_verified, AuthUser};
use crate::db;
use crate::http::extract::AuthedBody;
use crate::http::page::{self, PageParams};
use crate::http::problem::{ApiResult, Checks};
use crate::subjects::{self, SubjectKind};
use crate::AppState;

async fn ask(
    state: web::Data<AppState>,
    auth: AuthUser,
    kind: SubjectKind,
    key: String,
    body: AuthedBody<NewQuestionRequest>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::Comment)?;
    require_verified(&state, auth.verified)?;
    let r = body?.into_inner();
    Checks::of(r.validate()).finish()?;
    let days = state.question_deadline_days;
    let limits = state.ip_limits.clone();
    let created = db::transaction(&state.pool, move |conn| {
        limits.take(conn, crate::auth::ip_limit::Action::Posting, &auth.id.to_string())?;
        let about = subjects::resolve(conn, kind, &key)?;
        let row = queries::ask(conn, &about, r, auth.id, days)?;
        queries::present_one(conn, row.id)
    })
    .await?;
    Ok(HttpResponse::Created().insert_header(("Location", format!("/api/v1/questions/{}", created.id))).json(created))
}

/// Ask the commitment's lead institution a question (members). It is due in
/// `QUESTION_DEADLINE_DAYS` working days (15 by default) on the French public-holiday calendar.
#[utoipa::path(
    tag = "questions",
    security(("bearer" = ["comment"])),
    params(("id" = String, Path, description = "Commitment id or OGP code")),
    request_body = NewQuestionRequest,
    responses(
        (status = 201, description = "Asked", body = AskedQuestion),
        (status = 429, description = "Too many posts from this account (`RATE_LIMIT_POSTING`); retry after `Retry-After` seconds", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The commitment is withdrawn (`withdrawn`) or archived (`archived`), or it has no lead institution (`no_institution`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/commitments/{id}/questions")]
pub async fn ask_about_commitment(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
    body: AuthedBody<NewQuestionRequest>,
) -> ApiResult<HttpResponse> {
    ask(state, auth, crate::resources::commitments::subject::KIND, id.into_inner(), body).await
}

/// Ask about a milestone: the question goes to its commitment's lead institution.
#[utoipa::path(
    tag = "questions",
    security(("bearer" = ["comment"])),
    params(("id" = String, Path, description = "Milestone id")),
    request_body = NewQuestionRequest,
    responses(
        (status = 201, description = "Asked", body = AskedQuestion),
        (status = 429, description = "Too many posts from this account (`RATE_LIMIT_POSTING`); retry after `Retry-After` seconds", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The milestone or its commitment is withdrawn (`withdrawn`) or archived (`archived`), or the commitment has no lead institution (`no_institution`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/milestones/{id}/questions")]
pub async fn ask_about_milestone(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
    body: AuthedBody<NewQuestionRequest>,
) -> ApiResult<HttpResponse> {
    ask(state, auth, crate::resources::milestones::subject::KIND, id.into_inner(), body).await
}

/// Ask about an action item: the question goes to its owner institution, else to its
/// commitment's lead institution.
#[utoipa::path(
    tag = "questions",
    security(("bearer" = ["comment"])),
    params(("id" = String, Path, description = "Action item id")),
    request_body = NewQuestionRequest,
    responses(
        (status = 201, description = "Asked", body = AskedQuestion),
        (status = 429, description = "Too many posts from this account (`RATE_LIMIT_POSTING`); retry after `Retry-After` seconds", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Its commitment is withdrawn (`withdrawn`), its forum archived (`archived`), or no institution answers for it (`no_institution`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/action-items/{id}/questions")]
pub async fn ask_about_action_item(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
    body: AuthedBody<NewQuestionRequest>,
) -> ApiResult<HttpResponse> {
    ask(state, auth, crate::resources::action_items::subject::KIND, id.into_inner(), body).await
}

/// Questions, newest first (or `order=oldest`: an institution's queue with
/// `institution=…&status=open&order=oldest`).
#[utoipa::path(
    tag = "questions",
    params(QuestionFilters, PageParams),
    responses((status = 200, description = "A page of questions", body = AskedQuestionPage))
)]
#[get("/questions")]
pub async fn list_questions(
    req: HttpRequest,
    state: web::Data<AppState>,
    filters: web::Query<QuestionFilters>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let limit = page.limit()?;
    let after: Option<(chrono::DateTime<chrono::Utc>, i64)> = page.cursor()?;
    let f = filters.into_inner();
    let (items, next) = db::run(&state.read_pool, move |conn| {
        let rows = queries::list(conn, &f, after, limit + 1)?;
        let (rows, next) = page::finish_page(rows, limit, |(q, _)| (q.asked_at, q.id));
        Ok((queries::present(conn, rows)?, next))
    })
    .await?;
    Ok(page::respond::<AskedQuestionPage, _>(&req, items, next))
}

/// One question, with every answer given (the discussion is at `/questions/{id}/comments`).
#[utoipa::path(
    tag = "questions",
    params(("id" = i64, Path, description = "AskedQuestion id")),
    responses((status = 200, description = "The question", body = AskedQuestion))
)]
#[get("/questions/{id}")]
pub async fn get_question(state: web::Data<AppState>, id: web::Path<i64>) -> ApiResult<web::Json<AskedQuestion>> {
    let id = id.into_inner();
    let q = db::run(&state.read_pool, move |conn| queries::present_one(conn, id)).await?;
    Ok(web::Json(q))
}

/// QuestionAnswer a question (officials of the institution it is addressed to: 403
/// `not_your_institution` for others). The answer is a reply in its discussion, marked as the
/// answer, with the working days it took.
#[utoipa::path(
    tag = "questions",
    security(("bearer" = ["respond"])),
    params(("id" = i64, Path, description = "AskedQuestion id")),
    request_body = NewAnswerRequest,
    responses(
        (status = 201, description = "Answered: the question with its answers", body = AskedQuestion),
        (status = 403, description = "Not an official of the institution asked (`not_your_institution`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "An answer stands (`answer_stands`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/questions/{id}/answers")]
pub async fn answer_question(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<i64>,
    body: AuthedBody<NewAnswerRequest>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::ReportProgress)?;
    let id = id.into_inner();
    let r = body?.into_inner();
    Checks::of(r.validate()).finish()?;
    let done = db::transaction(&state.pool, move |conn| {
        let official = crate::auth::user::find(conn, auth.id)?
            .ok_or_else(|| crate::http::problem::ApiError::Unauthorized("This account no longer exists.".into()))?;
        queries::answer(conn, id, official, r.body)?;
        queries::present_one(conn, id)
    })
    .await?;
    Ok(HttpResponse::Created().insert_header(("Location", format!("/api/v1/questions/{id}"))).json(done))
}

/// Say an answer is not one (the asker only). It stays, shown as such; the question awaits a
/// real answer again, its deadline unchanged.
#[utoipa::path(
    tag = "questions",
    security(("bearer" = ["comment"])),
    params(("id" = i64, Path, description = "AskedQuestion id"), ("answer" = i64, Path, description = "QuestionAnswer id")),
    request_body = RejectionRequest,
    responses(
        (status = 200, description = "The question with its answers", body = AskedQuestion),
        (status = 409, description = "Already said (`already_rejected`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/questions/{id}/answers/{answer}/rejection")]
pub async fn reject_answer(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<(i64, i64)>,
    body: AuthedBody<RejectionRequest>,
) -> ApiResult<web::Json<AskedQuestion>> {
    auth.require(Permission::Comment)?;
    let r = body?.into_inner();
    Checks::of(r.validate()).finish()?;
    let (id, answer) = path.into_inner();
    let q = db::transaction(&state.pool, move |conn| {
        queries::reject(conn, id, answer, auth.id, r.note)?;
        queries::present_one(conn, id)
    })
    .await?;
    Ok(web::Json(q))
}

crate::discussion_routes!(
    list_question_comments,
    create_question_comment,
    question_comments_feed,
    "/questions/{id}/comments",
    "/questions/{id}/comments.atom",
    crate::resources::questions::subject::KIND,
    "question",
    "AskedQuestion id"
);
