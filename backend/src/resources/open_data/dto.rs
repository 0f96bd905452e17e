//! Open data in the contract: the catalogue and the Frictionless data package.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::ToSchema;

/// A dataset's name, as in its download addresses (`/open-data/{dataset}.csv`): one of the
/// datasets the catalogue lists (the `enum` is that list).
pub struct DatasetName;

impl utoipa::PartialSchema for DatasetName {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some("A dataset of the catalogue (`GET /open-data`)"))
            .enum_values(Some(super::datasets::DATASETS.iter().map(|d| d.id)))
            .into()
    }
}

impl ToSchema for DatasetName {}

/// What a dataset does with archived records (an archived commitment, milestone or forum is
/// left out of the site's lists but stays readable, so it stays in the open data too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Archived {
    /// Included, dated by their `archived_at` field.
    Included,
    /// Included, without a field that marks them (a fixed layout has none): the plain dataset
    /// of the same records has `archived_at`.
    IncludedUnmarked,
    /// Its records are never archived themselves; those about an archived record are included.
    NotArchivable,
}

/// A dataset's licence.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Licence {
    /// `etalab-2.0`.
    #[schema(example = "etalab-2.0")]
    pub name: String,
    #[schema(example = "Licence Ouverte / Etalab 2.0")]
    pub title: String,
    /// The licence's text.
    #[schema(example = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/")]
    pub path: String,
}

/// What a field may hold.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FieldConstraints {
    /// Never empty.
    pub required: bool,
    /// Never twice in the dataset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unique: Option<bool>,
    /// The values it may take.
    #[serde(rename = "enum", skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<String>>,
}

/// A field, as Frictionless' Table Schema describes it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TableField {
    #[schema(example = "code")]
    pub name: String,
    /// `integer`, `number`, `string`, `boolean`, `date`, `datetime` (RFC 3339, UTC) or
    /// `array` (JSON, in CSV too).
    #[serde(rename = "type")]
    #[schema(example = "string")]
    pub kind: String,
    /// In French.
    pub description: String,
    pub constraints: FieldConstraints,
}

/// The record a foreign key points at: a field of another resource of the package.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ForeignKeyReference {
    /// The other resource (dataset).
    pub resource: String,
    /// `id`.
    pub fields: String,
}

/// A field that names a record of another dataset by its `id`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ForeignKey {
    pub fields: String,
    pub reference: ForeignKeyReference,
}

/// A Table Schema: a CSV file's fields, in their order.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TableSchema {
    pub fields: Vec<TableField>,
    #[serde(rename = "primaryKey")]
    pub primary_key: Vec<String>,
    /// The fields that name records of other datasets (empty values name none).
    #[serde(rename = "foreignKeys")]
    pub foreign_keys: Vec<ForeignKey>,
}

/// How the CSV files are written (Table Dialect), so that no reader has to guess it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CsvDialect {
    /// `,`.
    pub delimiter: String,
    /// `\r\n`.
    #[serde(rename = "lineTerminator")]
    pub line_terminator: String,
    /// `"`.
    #[serde(rename = "quoteChar")]
    pub quote_char: String,
    /// A quote inside a quoted field is written twice.
    #[serde(rename = "doubleQuote")]
    pub double_quote: bool,
    /// The first line names the fields.
    pub header: bool,
}

/// One file of the data package (a dataset's CSV).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PackageResource {
    #[schema(example = "commitments")]
    pub name: String,
    /// Relative to the package's address.
    #[schema(example = "commitments.csv")]
    pub path: String,
    pub title: String,
    pub description: String,
    /// `tabular-data-resource`.
    pub profile: String,
    /// `csv`.
    pub format: String,
    /// `text/csv`.
    pub mediatype: String,
    /// `utf-8`.
    pub encoding: String,
    pub dialect: CsvDialect,
    pub schema: TableSchema,
}

/// A Frictionless data package (profile `tabular-data-package`) describing every dataset's
/// CSV file: its fields, their types and constraints, and the licence.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DataPackage {
    /// `tabular-data-package`.
    pub profile: String,
    #[schema(example = "opendetat")]
    pub name: String,
    pub title: String,
    pub description: String,
    /// Where the data comes from: the site.
    pub homepage: String,
    pub licenses: Vec<Licence>,
    pub resources: Vec<PackageResource>,
}

/// A way to download a dataset.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DatasetFormat {
    /// `csv` or `jsonl`.
    #[schema(example = "csv")]
    pub format: String,
    #[schema(example = "text/csv")]
    pub media_type: String,
    /// The address of the file, from the site's root.
    #[schema(example = "/api/v1/open-data/commitments.csv")]
    pub url: String,
}

/// A field of a dataset, as the catalogue lists it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DatasetField {
    #[serde(flatten)]
    pub field: TableField,
    /// Whether the CSV has it: nested histories are in JSON Lines only (and, as CSV, a dataset
    /// of their own).
    pub in_csv: bool,
}

/// A dataset of the catalogue.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Dataset {
    #[schema(example = "commitments")]
    pub id: String,
    /// In French.
    #[schema(example = "Engagements")]
    pub title: String,
    /// In French.
    pub description: String,
    pub formats: Vec<DatasetFormat>,
    pub fields: Vec<DatasetField>,
    pub licence: Licence,
    /// Whether records an admin archived (left out of the site's lists, still readable) are
    /// in it: `included` (dated by `archived_at`), `included_unmarked` (a fixed layout without
    /// such a field) or `not_archivable` (its records are never archived; those about an
    /// archived record are included).
    pub archived_records: Archived,
    /// When its most recent record was written; null while it is empty.
    pub last_update: Option<DateTime<Utc>>,
}

/// Every dataset the platform publishes, with the data package that describes them.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Catalogue {
    pub datasets: Vec<Dataset>,
    /// The Frictionless data package (`datapackage.json`).
    #[schema(example = "/api/v1/open-data/datapackage.json")]
    pub datapackage_url: String,
    /// The same catalogue in DCAT-AP (JSON-LD), for portals that harvest one.
    #[schema(example = "/api/v1/open-data/catalog.jsonld")]
    pub dcat_url: String,
    pub licence: Licence,
}
