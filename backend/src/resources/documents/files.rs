//! `PUT /documents/{id}/file` and the downloads: a file streamed to the store as it arrives
//! (never whole in memory), judged by its content, kept as a new version; served back with
//! the headers that keep a browser from running it.

use actix_web::{get, http::header, put, web, HttpRequest, HttpResponse};
use futures_util::StreamExt;
use validator::Validate;

use super::dto::{Document, UploadParams};
use super::model::DocumentId;
use super::{content, queries};
use crate::auth::permission::Permission;
use crate::auth::AuthUser;
use crate::db;
use crate::http::problem::{ApiError, ApiResult, Checks, FieldError};
use crate::storage::ReceiveError;
use crate::AppState;

/// Upload the document's file, or a new version of it (officials, admins). The request body is
/// the file itself, of any `Content-Type`: what it is is judged from its content (PDF, ODT, ODS,
/// ODP, DOCX, XLSX, PPTX, PNG, JPEG, or UTF-8 text — CSV when its name ends in `.csv`). Earlier
/// versions are kept. At most `DOCUMENTS_MAX_BYTES` (20 MiB by default).
#[utoipa::path(
    tag = "documents",
    security(("bearer" = ["content"])),
    params(("id" = i64, Path, description = "Document id"), UploadParams),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file's bytes"),
    responses(
        (status = 200, description = "Kept: the document with its new current file", body = Document),
        (status = 409, description = "The document is a link (`document_is_link`), or the file is empty or its content of a type not allowed, whatever its name (`file_type_not_allowed`, on the field `file`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than the limit (`payload_too_large`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[put("/documents/{id}/file")]
pub async fn upload_file(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<i64>,
    body: web::Payload,
) -> ApiResult<web::Json<Document>> {
    auth.require(Permission::EditContent)?;
    // Read after the role is checked: who may not upload hears 403, whatever the query.
    let params = web::Query::<UploadParams>::from_query(req.query_string())
        .map_err(|e| ApiError::BadRequest {
            code: crate::http::codes::ErrorCode::InvalidQuery,
            detail: format!("Invalid query string: {e}."),
        })?
        .into_inner();
    Checks::of(params.validate()).finish()?;
    let max = state.files.max_bytes;
    let too_large = || ApiError::PayloadTooLarge(format!("A document's file is at most {max} bytes."));
    let declared = req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|n| n > max) {
        return Err(too_large());
    }
    let id = DocumentId(id.into_inner());
    let document = db::run(&state.pool, move |conn| queries::find(conn, id)).await?;
    if document.url.is_some() {
        return Err(ApiError::Conflict {
            code: super::codes::DOCUMENT_IS_LINK,
            detail: "This document is a link: change its address instead.".into(),
        });
    }
    let key = format!("documents/{}/{}", id.get(), random_key());
    let upload =
        state.files.receive(&key, body.map(|chunk| chunk.map_err(|e| e.to_string()))).await.map_err(|e| match e {
            ReceiveError::TooLarge => too_large(),
            ReceiveError::Body(e) => ApiError::BadRequest {
                code: crate::http::codes::ErrorCode::BadRequest,
                detail: format!("The file could not be read: {e}"),
            },
            ReceiveError::Store(e) => {
                log::error!("documents: the store refused an upload: {e}");
                ApiError::Unavailable("The document store is unavailable; try again later.".into())
            }
        })?;
    let filename = params.filename.trim().to_string();
    let Some(media_type) = content::media_type(&upload.head, upload.text, &filename) else {
        upload.discard().await;
        // A 409 like every rule no schema can state (the contract cannot describe bytes).
        return Err(ApiError::FieldConflict {
            code: super::codes::FILE_TYPE_NOT_ALLOWED,
            errors: vec![FieldError::new(
                "file",
                "file_type_not_allowed",
                &format!("the content is none of the allowed types ({})", content::ALLOWED_NAMES),
            )],
        });
    };
    let (size, sha256) = (upload.size as i64, upload.sha256.clone());
    upload.keep().await.map_err(|e| {
        log::error!("documents: the store could not keep an upload: {e}");
        ApiError::Unavailable("The document store is unavailable; try again later.".into())
    })?;
    let by = auth.id;
    Ok(web::Json(
        db::transaction(&state.pool, move |conn| {
            let document = queries::find_for_update(conn, id)?;
            let received = queries::Received { object_key: key, filename, media_type, size_bytes: size, sha256 };
            queries::add_version(conn, &document, received, by)?;
            Ok(queries::present(conn, document, true)?.expect("a document with a file is seen"))
        })
        .await?,
    ))
}

/// A name no one can guess or collide with, for a version's object in the store.
fn random_key() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

async fn serve(state: web::Data<AppState>, id: DocumentId, version: Option<i32>) -> ApiResult<HttpResponse> {
    let file = db::run(&state.read_pool, move |conn| queries::file(conn, id, version)).await?;
    let stream = state.files.open(&file.object_key).await.map_err(|e| {
        log::error!("documents: file {} of document {} unreadable: {e}", file.version, id.get());
        ApiError::Unavailable("The document store is unavailable; try again later.".into())
    })?;
    let content_type = if file.media_type.starts_with("text/") {
        format!("{}; charset=utf-8", file.media_type)
    } else {
        file.media_type.clone()
    };
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, content_type))
        .insert_header((header::CONTENT_DISPOSITION, content::disposition(&file.media_type, &file.filename)))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        // Whatever the file holds, it runs nothing and loads nothing in the site's origin.
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
        ))
        .insert_header((header::CONTENT_LENGTH, file.size_bytes.to_string()))
        .insert_header(("X-Content-SHA256", file.sha256.clone()))
        .streaming(stream.map(|chunk| chunk.map_err(actix_web::error::ErrorInternalServerError))))
}

/// The document's current file.
#[utoipa::path(
    tag = "documents",
    params(("id" = i64, Path, description = "Document id")),
    responses(
        (status = 200, description = "The file, of the type its content was found to be (`Content-Disposition: attachment`, except PDF and images; `X-Content-SHA256` its digest)", content((Vec<u8> = "application/pdf"), (Vec<u8> = "image/png"), (Vec<u8> = "image/jpeg"), (Vec<u8> = "application/vnd.oasis.opendocument.text"), (Vec<u8> = "application/vnd.oasis.opendocument.spreadsheet"), (Vec<u8> = "application/vnd.oasis.opendocument.presentation"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.presentationml.presentation"), (Vec<u8> = "text/csv"), (Vec<u8> = "text/plain"))),
        (status = 404, description = "No such document, or no file", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/documents/{id}/file")]
pub async fn download_file(state: web::Data<AppState>, id: web::Path<i64>) -> ApiResult<HttpResponse> {
    serve(state, DocumentId(id.into_inner()), None).await
}

/// One version of the document's file (earlier versions stay downloadable).
#[utoipa::path(
    tag = "documents",
    params(("id" = i64, Path, description = "Document id"), ("version" = i32, Path, description = "Version number, from 1")),
    responses(
        (status = 200, description = "The file, of the type its content was found to be", content((Vec<u8> = "application/pdf"), (Vec<u8> = "image/png"), (Vec<u8> = "image/jpeg"), (Vec<u8> = "application/vnd.oasis.opendocument.text"), (Vec<u8> = "application/vnd.oasis.opendocument.spreadsheet"), (Vec<u8> = "application/vnd.oasis.opendocument.presentation"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.presentationml.presentation"), (Vec<u8> = "text/csv"), (Vec<u8> = "text/plain"))),
        (status = 404, description = "No such document or version", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/documents/{id}/versions/{version}/file")]
pub async fn download_version(state: web::Data<AppState>, path: web::Path<(i64, i32)>) -> ApiResult<HttpResponse> {
    let (id, version) = path.into_inner();
    serve(state, DocumentId(id), Some(version)).await
}
