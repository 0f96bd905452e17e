//! `/{forums|formats|commitments|milestones|proposals}/{id}/documents` and `/documents/{id}`:
//! anyone reads; officials and admins write; admins remove.

use actix_web::{delete, get, patch, post, web, HttpResponse};
use validator::Validate;

use super::dto::{Document, DocumentChanges, NewDocument};
use super::model::{DocumentId, ParentKind};
use super::queries;
use crate::auth::permission::Permission;
use crate::auth::{AuthUser, OptionalAuth};
use crate::db;
use crate::http::extract::AuthedBody;
use crate::http::problem::{ApiError, ApiResult, Checks};
use crate::AppState;

fn writer(auth: &Option<AuthUser>) -> bool {
    auth.as_ref().is_some_and(|a| a.holds(Permission::EditContent).is_ok())
}

/// A record's documents, by level (discovery, intermediate, expert).
pub async fn list_for(
    state: web::Data<AppState>,
    auth: Option<AuthUser>,
    kind: ParentKind,
    key: String,
) -> ApiResult<web::Json<Vec<Document>>> {
    let writer = writer(&auth);
    Ok(web::Json(
        db::run(&state.read_pool, move |conn| {
            let parent = queries::parent(conn, kind, &key)?;
            Ok(queries::list(conn, &parent, writer)?)
        })
        .await?,
    ))
}

/// Attaches a document to a record.
pub async fn create_for(
    state: web::Data<AppState>,
    auth: AuthUser,
    kind: ParentKind,
    key: String,
    body: AuthedBody<NewDocument>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::EditContent)?;
    let new = body?.into_inner();
    Checks::of(new.validate()).finish()?;
    let document = db::transaction(&state.pool, move |conn| {
        let parent = queries::parent(conn, kind, &key)?;
        let row = queries::insert(conn, &parent, new, auth.id)?;
        Ok(Document::present(row, parent.attachment, Vec::new()))
    })
    .await?;
    Ok(HttpResponse::Created().insert_header(("Location", format!("/api/v1/documents/{}", document.id))).json(document))
}

/// The list and create routes of documents attached to one kind of record.
macro_rules! document_routes {
    ($list:ident, $create:ident, $path:literal, $kind:expr, $what:literal, $param_desc:literal) => {
        #[doc = concat!("The documents of a ", $what, ", by level: « découverte », « intermédiaire », « expert » (at most 200). A file not uploaded yet is listed only for those who write documents.")]
        #[utoipa::path(
            tag = "documents",
            params(("id" = String, Path, description = $param_desc)),
            responses((status = 200, description = "Its documents", body = Vec<$crate::resources::documents::dto::Document>))
        )]
        #[get($path)]
        pub async fn $list(
            state: actix_web::web::Data<$crate::AppState>,
            $crate::auth::OptionalAuth(auth): $crate::auth::OptionalAuth,
            id: actix_web::web::Path<String>,
        ) -> $crate::http::problem::ApiResult<actix_web::web::Json<Vec<$crate::resources::documents::dto::Document>>> {
            $crate::resources::documents::handlers::list_for(state, auth, $kind, id.into_inner()).await
        }

        #[doc = concat!("Attach a document to a ", $what, " (officials, admins): a link, or a file uploaded next with `PUT /documents/{id}/file`.")]
        #[utoipa::path(
            tag = "documents",
            security(("bearer" = ["content"])),
            params(("id" = String, Path, description = $param_desc)),
            request_body = $crate::resources::documents::dto::NewDocument,
            responses(
                (status = 201, description = "Attached", body = $crate::resources::documents::dto::Document),
                (status = 409, description = "A link that is not a URL or leads to a local or private address (`link_refused`, its `errors` naming why: `invalid_url`, `private_address`), or a `stage` for a document not a forum's (`stage_for_forums`)", body = $crate::http::problem::Problem, content_type = "application/problem+json"),
                (status = 422, description = "Invalid fields", body = $crate::http::problem::Problem, content_type = "application/problem+json"),
            )
        )]
        #[post($path)]
        pub async fn $create(
            state: actix_web::web::Data<$crate::AppState>,
            auth: $crate::auth::AuthUser,
            id: actix_web::web::Path<String>,
            body: $crate::http::extract::AuthedBody<$crate::resources::documents::dto::NewDocument>,
        ) -> $crate::http::problem::ApiResult<actix_web::HttpResponse> {
            $crate::resources::documents::handlers::create_for(state, auth, $kind, id.into_inner(), body).await
        }
    };
}

document_routes!(
    list_forum_documents,
    create_forum_document,
    "/forums/{id}/documents",
    ParentKind::Forum,
    "forum",
    "Forum id or slug"
);
document_routes!(
    list_format_documents,
    create_format_document,
    "/formats/{id}/documents",
    ParentKind::Format,
    "format",
    "Format id or slug"
);
document_routes!(
    list_commitment_documents,
    create_commitment_document,
    "/commitments/{id}/documents",
    ParentKind::Commitment,
    "commitment",
    "Commitment id or OGP code"
);
document_routes!(
    list_milestone_documents,
    create_milestone_document,
    "/milestones/{id}/documents",
    ParentKind::Milestone,
    "milestone",
    "Milestone id"
);
document_routes!(
    list_proposal_documents,
    create_proposal_document,
    "/proposals/{id}/documents",
    ParentKind::Proposal,
    "proposal",
    "Proposal id"
);

/// A document, its current file and its earlier versions.
#[utoipa::path(
    tag = "documents",
    params(("id" = i64, Path, description = "Document id")),
    responses(
        (status = 200, description = "The document", body = Document),
        (status = 404, description = "No such document (or a file not uploaded yet, for those who do not write documents)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/documents/{id}")]
pub async fn get_document(
    state: web::Data<AppState>,
    OptionalAuth(auth): OptionalAuth,
    id: web::Path<i64>,
) -> ApiResult<web::Json<Document>> {
    let writer = writer(&auth);
    let id = DocumentId(id.into_inner());
    Ok(web::Json(
        db::run(&state.read_pool, move |conn| {
            let row = queries::find(conn, id)?;
            queries::present(conn, row, writer)?.ok_or_else(|| ApiError::not_found("Document"))
        })
        .await?,
    ))
}

/// Change a document (officials, admins).
#[utoipa::path(
    tag = "documents",
    security(("bearer" = ["content"])),
    params(("id" = i64, Path, description = "Document id")),
    request_body = DocumentChanges,
    responses(
        (status = 200, description = "Changed", body = Document),
        (status = 409, description = "A new `link` for a document that is a file (`not_a_link`), a `stage` for a document not a forum's (`stage_for_forums`), or a link that is not a URL or leads to a local or private address (`link_refused`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/documents/{id}")]
pub async fn update_document(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<i64>,
    body: AuthedBody<DocumentChanges>,
) -> ApiResult<web::Json<Document>> {
    auth.require(Permission::EditContent)?;
    let changes = body?.into_inner();
    Checks::of(changes.validate()).finish()?;
    let id = DocumentId(id.into_inner());
    Ok(web::Json(
        db::transaction(&state.pool, move |conn| {
            let current = queries::find_for_update(conn, id)?;
            let row = queries::update(conn, current, changes, auth.id)?;
            Ok(queries::present(conn, row, true)?.expect("writers see every document"))
        })
        .await?,
    ))
}

/// Remove a document (admins); progress updates that cited it no longer do.
#[utoipa::path(
    tag = "documents",
    security(("bearer" = ["content"])),
    params(("id" = i64, Path, description = "Document id")),
    responses((status = 204, description = "Removed"))
)]
#[delete("/documents/{id}")]
pub async fn delete_document(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::DeleteContent)?;
    let id = DocumentId(id.into_inner());
    db::transaction(&state.pool, move |conn| {
        let row = queries::find_for_update(conn, id)?;
        queries::delete(conn, &row, auth.id)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
