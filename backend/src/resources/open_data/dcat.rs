//! The DCAT catalogue (DCAT-AP, as JSON-LD) of the datasets, for portals that harvest one
//! (data.gouv.fr reads DCAT): a `dcat:Catalog` holding every dataset as a `dcat:Dataset`, each
//! format as a `dcat:Distribution`. Built from the same declarations as the data package, so
//! the two list the same datasets; addresses are absolute, from the configured `PUBLIC_URL`.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{json, Value};

use super::datasets::{Dataset, DATASETS};

/// The licence's URI, as DCAT-AP harvesters (data.gouv.fr) recognise it.
pub const LICENCE_URI: &str = "https://www.etalab.gouv.fr/licence-ouverte-open-licence";

/// The catalogue, for a site at `site` (no trailing `/`), given each dataset's last update
/// (in `DATASETS`' order) and when the platform's first record was written.
pub fn catalogue(site: &str, updates: &[Option<DateTime<Utc>>], issued: Option<DateTime<Utc>>) -> Value {
    let base = format!("{site}/api/v1/open-data");
    let publisher = json!({
        "@id": format!("{site}/#publisher"),
        "@type": "foaf:Agent",
        "foaf:name": "Open d'État",
        "foaf:homepage": {"@id": site},
    });
    let licence = json!({"@id": LICENCE_URI});
    let datasets: Vec<Value> =
        DATASETS.iter().zip(updates).map(|(d, modified)| dataset(d, site, *modified, &publisher, &licence)).collect();
    let modified = updates.iter().flatten().max().copied();
    let mut catalog = json!({
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": format!("{base}/catalog.jsonld"),
        "@type": "dcat:Catalog",
        "dct:title": [
            {"@value": "Open d'État — données ouvertes", "@language": "fr"},
            {"@value": "Open d'État — open data", "@language": "en"},
        ],
        "dct:description": [
            {"@value": "Plans d'action nationaux pour un gouvernement ouvert, engagements, jalons et leur avancement, forums, suites données, questions aux institutions et réponses, réactivité des institutions et contributions publiques de la plateforme Open d'État.", "@language": "fr"},
            {"@value": "National open government action plans, commitments, milestones and their progress, forums, follow-up actions, questions to institutions and answers, institutions' responsiveness and public contributions of the Open d'État platform.", "@language": "en"},
        ],
        "dct:publisher": publisher,
        "foaf:homepage": {"@id": site},
        "dct:license": licence,
        "dct:language": [
            {"@id": "http://publications.europa.eu/resource/authority/language/FRA"},
            {"@id": "http://publications.europa.eu/resource/authority/language/ENG"},
        ],
        "dcat:dataset": datasets,
    });
    if let Some(at) = issued {
        catalog["dct:issued"] = date_time(at);
    }
    if let Some(at) = modified {
        catalog["dct:modified"] = date_time(at);
    }
    catalog
}

fn date_time(at: DateTime<Utc>) -> Value {
    json!({"@value": at.to_rfc3339_opts(SecondsFormat::Secs, true), "@type": "xsd:dateTime"})
}

fn dataset(d: &Dataset, site: &str, modified: Option<DateTime<Utc>>, publisher: &Value, licence: &Value) -> Value {
    let base = format!("{site}/api/v1/open-data");
    let package = format!("{base}/datapackage.json");
    // The same fields in both formats: the data package's Table Schema describes them.
    let distribution = |extension: &str, title: &str, media_type: Option<&str>, file_type: Value| {
        let url = format!("{base}/{}.{extension}", d.id);
        let mut dist = json!({
            "@id": url,
            "@type": "dcat:Distribution",
            "dct:title": [
                {"@value": format!("{} ({title})", d.title), "@language": "fr"},
                {"@value": format!("{} ({title})", d.title_en), "@language": "en"},
            ],
            "dcat:downloadURL": {"@id": url},
            "dcat:accessURL": {"@id": url},
            "dct:format": file_type,
            "dct:license": licence,
            "dct:conformsTo": {"@id": package},
        });
        if let Some(media_type) = media_type {
            dist["dcat:mediaType"] =
                json!({"@id": format!("https://www.iana.org/assignments/media-types/{media_type}")});
        }
        dist
    };
    let mut out = json!({
        "@id": format!("{base}/{}", d.id),
        "@type": "dcat:Dataset",
        "dct:identifier": d.id,
        "dct:title": [
            {"@value": d.title, "@language": "fr"},
            {"@value": d.title_en, "@language": "en"},
        ],
        "dct:description": [
            {"@value": d.description, "@language": "fr"},
            {"@value": d.description_en, "@language": "en"},
        ],
        "dcat:keyword": d.keywords.iter().map(|k| json!({"@value": k, "@language": "fr"})).collect::<Vec<_>>(),
        "dct:publisher": {"@id": publisher["@id"]},
        "dct:license": licence,
        // The data package's Table Schema is the dataset's structure.
        "dct:conformsTo": {"@id": package},
        "dcat:landingPage": {"@id": format!("{site}/donnees-ouvertes#dataset-{}", d.id)},
        "dcat:distribution": [
            distribution(
                "csv",
                "CSV",
                Some("text/csv"),
                json!({"@id": "http://publications.europa.eu/resource/authority/file-type/CSV"}),
            ),
            // JSON Lines has no IANA registration (`application/x-ndjson` is unregistered), so
            // no `dcat:mediaType`; its format is named rather than guessed from a code list.
            distribution(
                "jsonl",
                "JSON Lines",
                None,
                json!({"@type": "dct:MediaTypeOrExtent", "http://www.w3.org/2000/01/rdf-schema#label": "JSON Lines"}),
            ),
        ],
    });
    if let Some(at) = modified {
        out["dct:modified"] = date_time(at);
    }
    out
}
