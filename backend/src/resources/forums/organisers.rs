//! A forum's organisers: who may read its attendee list, export it and check people in. They
//! are the officials of the institutions leading or supporting its commitments, the people an
//! admin names on the forum's list (whoever announced the forum is on it from the start), and
//! admins. Nobody else, whatever their role: an official of another institution reads no
//! attendee list but the ones of the forums they organise.

use actix_web::{delete, get, put, web, HttpResponse};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;

use super::model::ForumRow;
use super::queries;
use crate::auth::permission::Permission;
use crate::auth::AuthUser;
use crate::db;
use crate::db::ids::{ForumId, InstitutionId, UserId};
use crate::db::schema::{commitment_institutions, forum_commitments, forum_organisers, users};
use crate::events::{self, EventSubject, EventType, NewEvent};
use crate::http::problem::{ApiError, ApiResult, ErrorCode};
use crate::resources::shared::refs::{institution_refs, InstitutionRef};
use crate::types::Role;
use crate::AppState;

/// A person named organiser of a forum (public name only).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Organiser {
    pub id: i64,
    pub display_name: String,
    pub organisation: Option<String>,
    pub added_at: DateTime<Utc>,
}

/// Who organises a forum: the people named on its list, and the institutions whose officials
/// organise it (those leading or supporting its commitments). Admins organise every forum.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ForumOrganisers {
    pub people: Vec<Organiser>,
    pub institutions: Vec<InstitutionRef>,
}

/// The institutions leading or supporting the forum's commitments.
fn institutions_of(conn: &mut PgConnection, forum: ForumId) -> QueryResult<Vec<InstitutionId>> {
    forum_commitments::table
        .inner_join(
            commitment_institutions::table
                .on(commitment_institutions::commitment_id.eq(forum_commitments::commitment_id)),
        )
        .filter(forum_commitments::forum_id.eq(forum))
        .select(commitment_institutions::institution_id)
        .distinct()
        .load(conn)
}

/// Whether `who` organises the forum.
pub fn is_organiser(conn: &mut PgConnection, forum: ForumId, who: &AuthUser) -> QueryResult<bool> {
    if who.acting_role() == Role::Admin {
        return Ok(true);
    }
    let named: bool =
        diesel::select(diesel::dsl::exists(forum_organisers::table.find((forum, who.id)))).get_result(conn)?;
    if named {
        return Ok(true);
    }
    match (who.acting_role(), who.institution_id) {
        (Role::Official, Some(mine)) => Ok(institutions_of(conn, forum)?.contains(&mine)),
        _ => Ok(false),
    }
}

/// 403 `not_an_organiser` unless `who` organises the forum.
pub fn require_organiser(conn: &mut PgConnection, forum: ForumId, who: &AuthUser) -> ApiResult<()> {
    if is_organiser(conn, forum, who)? {
        Ok(())
    } else if who.missing_factor && is_organiser(conn, forum, &AuthUser { missing_factor: false, ..who.clone() })? {
        Err(AuthUser::second_factor_missing())
    } else {
        Err(ApiError::Refused {
            code: crate::resources::forums::codes::NOT_AN_ORGANISER,
            detail: "Only the forum's organisers (officials of the institutions of its commitments, the people named on its list, admins) may do this.".into(),
        })
    }
}

/// Puts `user` on the forum's list (audited); nothing when already there.
pub fn add(conn: &mut PgConnection, forum: &ForumRow, user: UserId, by: UserId) -> ApiResult<()> {
    let added = diesel::insert_into(forum_organisers::table)
        .values((
            forum_organisers::forum_id.eq(forum.id),
            forum_organisers::user_id.eq(user),
            forum_organisers::added_by.eq(Some(by)),
        ))
        .on_conflict_do_nothing()
        .execute(conn)?;
    if added > 0 {
        record(conn, forum, crate::resources::forums::events::FORUM_ORGANISER_ADDED, user, by, false)?;
    }
    Ok(())
}

/// Takes `user` off the forum's list (audited); nothing when not there.
pub fn remove(conn: &mut PgConnection, forum: &ForumRow, user: UserId, by: UserId) -> ApiResult<()> {
    let removed = diesel::delete(forum_organisers::table.find((forum.id, user))).execute(conn)?;
    if removed > 0 {
        record(conn, forum, crate::resources::forums::events::FORUM_ORGANISER_REMOVED, user, by, true)?;
    }
    Ok(())
}

fn record(
    conn: &mut PgConnection,
    forum: &ForumRow,
    kind: EventType,
    user: UserId,
    by: UserId,
    was: bool,
) -> QueryResult<()> {
    events::record(
        conn,
        NewEvent::new(kind).subject(EventSubject::new("forum", forum.id.get(), forum.slug.clone())).by(by).audit(
            Some(&serde_json::json!({"organiser": user, "on_list": was})),
            Some(&serde_json::json!({"organiser": user, "on_list": !was})),
        ),
    )
}

/// The forum's organisers, people by the time they were named.
pub fn list(conn: &mut PgConnection, forum: ForumId) -> QueryResult<ForumOrganisers> {
    let people = forum_organisers::table
        .inner_join(users::table)
        .filter(forum_organisers::forum_id.eq(forum))
        .order((forum_organisers::added_at, forum_organisers::user_id))
        .select((users::id, users::display_name, users::organisation, forum_organisers::added_at))
        .load::<(UserId, String, Option<String>, DateTime<Utc>)>(conn)?
        .into_iter()
        .map(|(id, display_name, organisation, added_at)| Organiser {
            id: id.get(),
            display_name,
            organisation,
            added_at,
        })
        .collect();
    let ids = institutions_of(conn, forum)?;
    let refs = institution_refs(conn, &ids)?;
    let mut institutions: Vec<InstitutionRef> = refs.into_values().collect();
    institutions.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(ForumOrganisers { people, institutions })
}

/// Who organises a forum: the people named on its list and the institutions whose officials
/// organise it (admins organise every forum). Only organisers read the attendee list.
#[utoipa::path(
    tag = "forums",
    params(("id" = String, Path, description = "Forum id or slug")),
    responses((status = 200, description = "The forum's organisers", body = ForumOrganisers))
)]
#[get("/forums/{id}/organisers")]
pub async fn list_organisers(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> ApiResult<web::Json<ForumOrganisers>> {
    let key = id.into_inner();
    let out = db::run(&state.read_pool, move |conn| {
        let forum = queries::find(conn, &key)?;
        Ok(list(conn, forum.id)?)
    })
    .await?;
    Ok(web::Json(out))
}

/// Name someone organiser of a forum (admins; audited): they then read its attendee list and
/// check people in. Idempotent.
#[utoipa::path(
    tag = "forums",
    security(("bearer" = ["admin"])),
    params(("id" = String, Path, description = "Forum id or slug"), ("user" = i64, Path, description = "Account id")),
    responses(
        (status = 200, description = "The forum's organisers", body = ForumOrganisers),
        (status = 409, description = "No such account (`unknown_reference`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[put("/forums/{id}/organisers/{user}")]
pub async fn add_organiser(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<(String, i64)>,
) -> ApiResult<web::Json<ForumOrganisers>> {
    auth.require(Permission::ManageUsers)?;
    let (key, user) = path.into_inner();
    let out = db::transaction(&state.pool, move |conn| {
        let forum = queries::find(conn, &key)?;
        let exists: bool = diesel::select(diesel::dsl::exists(users::table.find(UserId(user)))).get_result(conn)?;
        if !exists {
            return Err(ApiError::conflict_field(ErrorCode::UnknownReference, "user", "exists", "names no account"));
        }
        add(conn, &forum, UserId(user), auth.id)?;
        Ok(list(conn, forum.id)?)
    })
    .await?;
    Ok(web::Json(out))
}

/// Take someone off a forum's list of organisers (admins; audited). Idempotent. Officials of
/// the institutions of its commitments stay organisers: that follows from the commitments.
#[utoipa::path(
    tag = "forums",
    security(("bearer" = ["admin"])),
    params(("id" = String, Path, description = "Forum id or slug"), ("user" = i64, Path, description = "Account id")),
    responses((status = 200, description = "The forum's organisers", body = ForumOrganisers))
)]
#[delete("/forums/{id}/organisers/{user}")]
pub async fn remove_organiser(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<(String, i64)>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::ManageUsers)?;
    let (key, user) = path.into_inner();
    let out = db::transaction(&state.pool, move |conn| {
        let forum = queries::find(conn, &key)?;
        remove(conn, &forum, UserId(user), auth.id)?;
        Ok(list(conn, forum.id)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(out))
}
