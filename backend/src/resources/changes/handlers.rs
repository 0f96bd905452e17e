//! `GET /changes`.

use actix_web::{get, web, HttpResponse};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use super::dto::{ChangePage, ChangeParams, RecordType};
use super::queries;
use crate::db;
use crate::events::{self, Position};
use crate::http::page::PageParams;
use crate::http::problem::{ApiError, ApiResult};
use crate::AppState;

fn encode(p: Position) -> String {
    URL_SAFE_NO_PAD.encode(format!("{}.{}", p.xid, p.id))
}

fn invalid_position() -> ApiError {
    ApiError::BadRequest {
        code: crate::resources::changes::codes::INVALID_POSITION,
        detail: "`since` is not a position this feed gave; start again without it.".into(),
    }
}

fn decode(raw: &str) -> ApiResult<Position> {
    let text = URL_SAFE_NO_PAD.decode(raw).ok().and_then(|b| String::from_utf8(b).ok()).ok_or_else(invalid_position)?;
    let (xid, id) = text.split_once('.').ok_or_else(invalid_position)?;
    match (xid.parse::<i64>(), id.parse::<i64>()) {
        (Ok(xid), Ok(id)) if xid >= 0 && id >= 0 => Ok(Position { xid, id }),
        _ => Err(invalid_position()),
    }
}

fn types(raw: Option<&str>) -> ApiResult<Vec<RecordType>> {
    let Some(raw) = raw.filter(|r| !r.is_empty()) else {
        return Ok(RecordType::all());
    };
    raw.split(',')
        .map(|t| {
            RecordType::parse(t).ok_or_else(|| {
                let known: Vec<&str> = RecordType::all().into_iter().map(RecordType::as_str).collect();
                ApiError::field("types", "one_of", &format!("must list kinds among {}", known.join(", ")))
            })
        })
        .collect()
}

/// What was created, updated or deleted among action plans, commitments, milestones, forums
/// and comments, in the order it was committed. Start without `since`, then pass the
/// `next_since` of each answer: a client that syncs lists with `updated_since` learns here of
/// the records deleted since. A `since` this feed did not give, or one from the future,
/// answers 400 `invalid_position`.
#[utoipa::path(
    tag = "sync",
    params(ChangeParams, PageParams),
    responses(
        (status = 200, description = "The changes after `since`", body = ChangePage),
        (status = 400, description = "`since` is not a position of this feed (`invalid_position`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/changes")]
pub async fn list_changes(
    state: web::Data<AppState>,
    params: web::Query<ChangeParams>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let limit = page.limit()?;
    let since = params.since.as_deref().filter(|s| !s.is_empty()).map(decode).transpose()?;
    let wanted = types(params.types.as_deref())?;
    let (items, next, has_more) = db::run(&state.read_pool, move |conn| {
        let since = match since {
            Some(p) => {
                if p.xid >= events::current_xid(conn)? {
                    return Err(invalid_position());
                }
                p
            }
            None => Position::default(),
        };
        Ok(queries::after(conn, since, &wanted, limit)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(ChangePage { items, next_since: encode(next), has_more }))
}
