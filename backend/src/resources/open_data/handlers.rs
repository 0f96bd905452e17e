//! `GET /open-data` (the catalogue), `/open-data/datapackage.json` and each dataset as CSV and
//! JSON Lines, streamed.

use actix_web::{get, web, HttpResponse};
use futures_util::StreamExt;
use tokio::sync::mpsc;

use super::datasets::{self, Dataset, DATASETS};
use super::dto::{
    Catalogue, CsvDialect, DataPackage, Dataset as CatalogueDataset, DatasetField, DatasetFormat, DatasetName,
    ForeignKey, ForeignKeyReference, Licence, PackageResource, TableSchema,
};
use super::fields::{self, Format};
use super::queries;
use super::rows::{self, Batch, Names};
use crate::db::{self, PgPool};
use crate::http::problem::{ApiError, ApiResult};
use crate::AppState;

/// How many records each step of a download reads: one pooled connection per step, never
/// held while the client reads, so a dataset of any size costs the server the same memory.
const BATCH: i64 = 1_000;

const BASE: &str = "/api/v1/open-data";

fn licence() -> Licence {
    Licence {
        name: "etalab-2.0".into(),
        title: "Licence Ouverte / Etalab 2.0".into(),
        path: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/".into(),
    }
}

/// The catalogue: every dataset with its formats, fields, licence and last update.
#[utoipa::path(
    tag = "open-data",
    responses((status = 200, description = "Every dataset the platform publishes", body = Catalogue))
)]
#[get("/open-data")]
pub async fn open_data_catalogue(state: web::Data<AppState>) -> ApiResult<web::Json<Catalogue>> {
    let updates = db::run(&state.read_pool, |conn| {
        Ok(DATASETS.iter().map(|d| queries::last_update(conn, d)).collect::<Result<Vec<_>, _>>()?)
    })
    .await?;
    let datasets = DATASETS
        .iter()
        .zip(updates)
        .map(|(d, last_update)| CatalogueDataset {
            id: d.id.into(),
            title: d.title.into(),
            description: d.description.into(),
            formats: [Format::Csv, Format::JsonLines]
                .into_iter()
                .map(|f| DatasetFormat {
                    format: f.extension().into(),
                    media_type: f.media_type().into(),
                    url: format!("{BASE}/{}.{}", d.id, f.extension()),
                })
                .collect(),
            fields: d.fields.iter().map(|f| DatasetField { field: f.table_field(), in_csv: f.in_csv() }).collect(),
            licence: licence(),
            archived_records: d.archived,
            last_update,
        })
        .collect();
    Ok(web::Json(Catalogue {
        datasets,
        datapackage_url: format!("{BASE}/datapackage.json"),
        dcat_url: format!("{BASE}/catalog.jsonld"),
        licence: licence(),
    }))
}

/// The datasets as a DCAT-AP catalogue (JSON-LD), for portals that harvest one.
///
/// For data.gouv.fr and other DCAT harvesters: a `dcat:Catalog` (titles and descriptions in French and English, publisher, home page,
/// licence, issue and last modification) with every dataset of `GET /open-data` as a
/// `dcat:Dataset` (identifier, titles, descriptions, keywords, `dct:license` the Licence
/// Ouverte / Etalab 2.0, `dct:modified` from its data, `dct:conformsTo` the data package) and
/// each format as a `dcat:Distribution` (`dcat:downloadURL`, `dcat:accessURL`, `dct:format`,
/// and `dcat:mediaType` as an IANA URI where the format is registered: CSV; JSON Lines is
/// not). Every address is absolute, from the site's configured address.
#[utoipa::path(
    tag = "open-data",
    responses((status = 200, description = "The DCAT-AP catalogue as JSON-LD", content_type = "application/ld+json", body = Object,
        example = json!({"@context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/"}, "@type": "dcat:Catalog",
            "@id": "https://opendetat.example/api/v1/open-data/catalog.jsonld",
            "dct:title": [{"@value": "Open d'État — données ouvertes", "@language": "fr"}, {"@value": "Open d'État — open data", "@language": "en"}],
            "dct:license": {"@id": "https://www.etalab.gouv.fr/licence-ouverte-open-licence"},
            "dcat:dataset": [{"@type": "dcat:Dataset", "dct:identifier": "commitments", "dcat:distribution": [{"@type": "dcat:Distribution",
                "dcat:downloadURL": {"@id": "https://opendetat.example/api/v1/open-data/commitments.csv"},
                "dcat:mediaType": {"@id": "https://www.iana.org/assignments/media-types/text/csv"}}]}]})))
)]
#[get("/open-data/catalog.jsonld")]
pub async fn open_data_dcat(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let (updates, issued) = db::run(&state.read_pool, |conn| {
        let updates = DATASETS.iter().map(|d| queries::last_update(conn, d)).collect::<Result<Vec<_>, _>>()?;
        Ok((updates, queries::first_record(conn)?))
    })
    .await?;
    let catalogue = super::dcat::catalogue(state.public_url.trim_end_matches('/'), &updates, issued);
    Ok(HttpResponse::Ok().content_type("application/ld+json").body(catalogue.to_string()))
}

/// The Frictionless data package (profile `tabular-data-package`): every dataset's CSV with
/// its Table Schema (each field's type, description and constraints: required, unique, the
/// values it may take), its encoding and the licence (Licence Ouverte / Etalab 2.0). Each
/// resource's `path` is relative to the package's own address.
#[utoipa::path(
    tag = "open-data",
    responses((status = 200, description = "The data package (`datapackage.json`)", body = DataPackage))
)]
#[get("/open-data/datapackage.json")]
pub async fn open_data_package(state: web::Data<AppState>) -> web::Json<DataPackage> {
    let resources = DATASETS
        .iter()
        .map(|d| PackageResource {
            name: d.id.into(),
            path: format!("{}.csv", d.id),
            title: d.title.into(),
            description: d.description.into(),
            profile: "tabular-data-resource".into(),
            format: "csv".into(),
            mediatype: "text/csv".into(),
            encoding: "utf-8".into(),
            dialect: CsvDialect {
                delimiter: ",".into(),
                line_terminator: "\r\n".into(),
                quote_char: "\"".into(),
                double_quote: true,
                header: true,
            },
            schema: TableSchema {
                fields: d.fields.iter().filter(|f| f.in_csv()).map(|f| f.table_field()).collect(),
                primary_key: d.fields.iter().find(|f| f.unique).map(|f| f.name.into()).into_iter().collect(),
                foreign_keys: d
                    .fields
                    .iter()
                    .filter_map(|f| {
                        f.references.map(|to| ForeignKey {
                            fields: f.name.into(),
                            reference: ForeignKeyReference { resource: to.into(), fields: "id".into() },
                        })
                    })
                    .collect(),
            },
        })
        .collect();
    web::Json(DataPackage {
        profile: "tabular-data-package".into(),
        name: "opendetat".into(),
        title: "Open d'État — données ouvertes".into(),
        description: "Plans d'action, engagements, jalons et leur avancement, forums, suites données, questions aux \
                      institutions et réponses, réactivité des institutions et contributions publiques de la \
                      plateforme Open d'État."
            .into(),
        homepage: state.public_url.clone(),
        licenses: vec![licence()],
        resources,
    })
}

/// A dataset as CSV (RFC 4180, UTF-8 without byte-order mark, CRLF, a header line), streamed.
/// Columns: the data package's Table Schema for this dataset. A list is a JSON array in its
/// cell; nested histories are datasets of their own. A field holding `,`, `;`, a quote or a
/// line break is quoted; a text starting with `=`, `+`, `-`, `@` or a tab (also after a `;`)
/// is prefixed with `'` so that no spreadsheet reads it as a formula. An unknown dataset: 404
/// `not_found`.
#[utoipa::path(
    tag = "open-data",
    params(("dataset" = DatasetName, Path, description = "The dataset (see `GET /open-data`)")),
    responses(
        (status = 200, description = "The dataset as CSV", content_type = "text/csv", body = String),
        (status = 404, description = "No such dataset (`not_found`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/open-data/{dataset}.csv")]
pub async fn download_dataset_csv(state: web::Data<AppState>, dataset: web::Path<String>) -> ApiResult<HttpResponse> {
    download(&state, &dataset, Format::Csv).await
}

/// A dataset as JSON Lines (one JSON object per line, UTF-8, `\n`), streamed: the CSV's
/// fields with the same names and, where the catalogue says so, nested histories as arrays
/// (a milestone's progress log, an action item's status history, a question's answers). An
/// unknown dataset: 404 `not_found`.
#[utoipa::path(
    tag = "open-data",
    params(("dataset" = DatasetName, Path, description = "The dataset (see `GET /open-data`)")),
    responses(
        (status = 200, description = "The dataset as JSON Lines", content_type = "application/x-ndjson", body = String),
        (status = 404, description = "No such dataset (`not_found`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/open-data/{dataset}.jsonl")]
pub async fn download_dataset_jsonl(state: web::Data<AppState>, dataset: web::Path<String>) -> ApiResult<HttpResponse> {
    download(&state, &dataset, Format::JsonLines).await
}

/// The batch after `after`, and the names the download knows with this batch's added.
async fn read(pool: &PgPool, dataset: &'static Dataset, after: i64, mut names: Names) -> ApiResult<(Batch, Names)> {
    db::run(pool, move |conn| {
        let batch = rows::read(conn, dataset, after, BATCH, &mut names)?;
        Ok((batch, names))
    })
    .await
}

/// Reads the batches after `after`, each as soon as the one before is read, and hands them
/// over through `batches` (room for one): PostgreSQL reads batch N+1 while the server writes
/// out and sends batch N, the two side by side on two cores where one after the other the
/// download took their sum (bench row E2). At most three batches are in memory (one read, one
/// waiting, one written), and each read takes its pooled connection only for its query. Stops
/// after the last batch, after an error, or when the client has gone (`batches` closed).
async fn read_all(
    pool: PgPool,
    dataset: &'static Dataset,
    mut after: i64,
    mut names: Names,
    batches: mpsc::Sender<ApiResult<Batch>>,
) {
    loop {
        let batch = match read(&pool, dataset, after, names).await {
            Ok((batch, kept)) => {
                names = kept;
                batch
            }
            Err(e) => {
                let _ = batches.send(Err(e)).await;
                return;
            }
        };
        let next = batch.next;
        if batches.send(Ok(batch)).await.is_err() {
            return;
        }
        match next {
            Some(key) => after = key,
            None => return,
        }
    }
}

/// A batch written out, off the async executor (a batch is milliseconds of work).
async fn write(batch: Batch, dataset: &'static Dataset, format: Format) -> ApiResult<String> {
    web::block(move || batch.write(dataset, format)).await.map_err(ApiError::internal)
}

async fn download(state: &AppState, id: &str, format: Format) -> ApiResult<HttpResponse> {
    let dataset = datasets::find(id).ok_or_else(|| ApiError::not_found("Dataset"))?;
    // The first batch is read before answering: a database that cannot serve it gets a
    // problem (503…) rather than a 200 cut short.
    let (first, names) = read(&state.read_pool, dataset, 0, Names::default()).await?;
    let (sender, batches) = mpsc::channel(1);
    if let Some(after) = first.next {
        actix_web::rt::spawn(read_all(state.read_pool.clone(), dataset, after, names, sender));
    }
    let mut head = if format == Format::Csv { fields::csv_header(dataset.fields) } else { String::new() };
    head.push_str(&write(first, dataset, format).await?);
    let rest = futures_util::stream::unfold(batches, move |mut batches| async move {
        // The answer has begun: an error can only cut it short (the client sees an incomplete
        // file, and the error is logged).
        let text = match batches.recv().await? {
            Ok(batch) => write(batch, dataset, format).await,
            Err(e) => Err(e),
        };
        Some((text.map(web::Bytes::from).map_err(actix_web::Error::from), batches))
    });
    let body = futures_util::stream::once(async move { Ok::<_, actix_web::Error>(web::Bytes::from(head)) }).chain(rest);
    Ok(HttpResponse::Ok()
        .content_type(match format {
            Format::Csv => "text/csv; charset=utf-8",
            Format::JsonLines => "application/x-ndjson",
        })
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"opendetat-{}.{}\"", dataset.id, format.extension()),
        ))
        .streaming(body))
}
