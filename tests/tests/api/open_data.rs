//! Open data: the catalogue, every dataset in CSV and JSON Lines, and the data package,
//! validated by the `frictionless` validator (PyPI) on the real exports. Hidden and deleted
//! texts are in no dataset; a `;` or a formula stays data.

use std::collections::BTreeMap;
use std::path::Path;

use opendetat_tests::*;

const LEAD: &str = "minister-of-state-digital-sector";

/// The datasets the catalogue promises, in its order.
const DATASETS: &[&str] = &[
    "action-plans",
    "commitments",
    "ogp-commitments",
    "milestones",
    "milestone-progress",
    "forums",
    "action-items",
    "action-item-history",
    "questions",
    "proposals",
    "institutions",
    "comments",
];

/// Texts that must be in no dataset (hidden or deleted).
const GONE: &[&str] = &["zygomorphe", "xylophage", "effacé-exprès"];

/// A dataset downloaded in both formats.
struct Download {
    csv: String,
    lines: Vec<Value>,
}

fn download(app: &TestApp, dataset: &str) -> Download {
    let csv = app.get(&format!("/open-data/{dataset}.csv")).expect(200);
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"), "{dataset}");
    assert!(!csv.text.starts_with('\u{feff}'), "{dataset}: no byte-order mark");
    let jsonl = app.get(&format!("/open-data/{dataset}.jsonl")).expect(200);
    assert_eq!(jsonl.header("content-type"), Some("application/x-ndjson"), "{dataset}");
    assert!(jsonl.text.is_empty() || jsonl.text.ends_with('\n'), "{dataset}");
    let lines = jsonl
        .text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{dataset}: not JSON ({e}): {l}")))
        .collect();
    Download { csv: csv.text, lines }
}

/// Runs the `frictionless` validator on the package in `dir`: whether it is valid, its errors
/// (type, resource, row, field, note) and each resource's row count.
fn frictionless(dir: &Path) -> Value {
    let script = r#"
import json, sys
from frictionless import validate
report = validate(sys.argv[1] + '/datapackage.json')
errors = [{'type': e.type, 'note': e.note} for e in report.errors]
rows = {}
for task in report.tasks:
    rows[task.name] = task.stats.get('rows')
    for e in task.errors:
        errors.append({'type': e.type, 'resource': task.name, 'row': getattr(e, 'row_number', None),
                       'field': getattr(e, 'field_name', None), 'note': e.note})
print(json.dumps({'valid': report.valid, 'errors': errors, 'rows': rows}))
"#;
    let out = std::process::Command::new(smtp::python())
        .arg("-c")
        .arg(script)
        .arg(dir)
        .output()
        .unwrap_or_else(|e| panic!("the tests' Python (tests/smtp/venv.sh) with frictionless: {e}"));
    assert!(out.status.success(), "frictionless failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn temp_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "opendetat-open-data-{}-{}",
        std::process::id(),
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Seeds what every dataset should show, and what none may: a hidden comment, a deleted one,
/// a hidden answer, and texts with `;` and formulas.
fn seed(app: &TestApp) -> (i64, i64) {
    let admin = app.user("admin");
    let member = app.user("member");
    let moderator = app.user("moderator");
    let on = "/commitments/FR0041";
    builders::comment(app, &member.token, on, "=HYPERLINK(\"http://x\");-2+3;@SUM(A1), fin");
    let hidden = builders::comment(app, &member.token, on, "Message zygomorphe, masqué ensuite.");
    let deleted = builders::comment(app, &member.token, on, "Message effacé-exprès par son auteur.");
    app.put(
        &format!("/comments/{}/moderation", hidden["id"]),
        Some(&moderator.token),
        &json!({"hidden": true, "reason": "hors sujet"}),
    )
    .expect(200);
    app.delete(&format!("/comments/{}", deleted["id"]), Some(&member.token)).expect(204);

    // Two questions: one answered in public, one whose answer a moderator hid.
    let official = UserBuilder::official_of(LEAD).create(app);
    let asker = app.user("member");
    let shown = QuestionBuilder::on(on).title("Quand ; =paraîtra le guide ?").create(app, &asker.token).id();
    AnswerBuilder::to(shown).text("Le guide paraîtra en mars.").create(app, &official.token);
    let masked = QuestionBuilder::on(on).create(app, &asker.token).id();
    let answered = AnswerBuilder::to(masked).text("Réponse xylophage, masquée ensuite.").create(app, &official.token);
    let comment = answered["answers"][0]["comment_id"].as_i64().unwrap();
    app.put(&format!("/comments/{comment}/moderation"), Some(&moderator.token), &json!({"hidden": true})).expect(200);

    // A progress update, a held forum with an action item and a status change.
    let milestone = milestone_id(app, "FR0041", "12.1");
    ProgressBuilder::on(milestone)
        .as_of("2020-06-30")
        .status("in_progress")
        .completion("limited")
        .note("Deux forums tenus ; -1 à la suite.")
        .create(app, &official.token);
    let slug = ForumBuilder::new("Forum des données")
        .held()
        .at("2026-01-15T17:00:00Z", "2026-01-15T19:00:00Z")
        .create(app, &admin.token)
        .slug();
    let item = ActionItemBuilder::on(&slug, "Publier les données").create(app, &app.user("official").token).id();
    app.post(&format!("/action-items/{item}/status"), Some(&admin.token), &json!({"status": "in_progress"}))
        .expect(200);

    // A proposal for a plan in preparation, answered and traced to a commitment of that plan.
    let (_, coordinator) = builders::plan_open_for_proposals(app, &admin.token, "fr-2031-2033");
    let answerer = UserBuilder::official_of(&coordinator).create(app);
    let proposal =
        builders::ProposalBuilder::new("fr-2031-2033", "Publier ; =les avis").create(app, &member.token).id();
    app.put(
        &format!("/proposals/{proposal}/draft-response"),
        Some(&answerer.token),
        &json!({"state": "retained", "reason": "Reprise dans FR0101."}),
    )
    .expect(200);
    app.post("/action-plans/fr-2031-2033/responses/publication", Some(&answerer.token), &json!(null)).expect(200);
    CommitmentBuilder::new("FR0101").plan("fr-2031-2033").create(app, &admin.token);
    app.put(&format!("/proposals/{proposal}/commitments/FR0101"), Some(&answerer.token), &json!(null)).expect(200);
    (shown, masked)
}

#[test]
fn every_dataset_downloads_in_both_formats_with_only_public_texts_and_the_package_validates() {
    let app = TestApp::spawn();
    let (shown, masked) = seed(&app);

    let catalogue = app.get("/open-data").expect(200).json();
    let ids: Vec<&str> = catalogue["datasets"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, DATASETS);
    assert_eq!(catalogue["licence"]["name"], "etalab-2.0");
    assert_eq!(catalogue["datapackage_url"], "/api/v1/open-data/datapackage.json");
    // What each dataset does with archived records, as the page says it.
    let archived: BTreeMap<&str, &str> = catalogue["datasets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["id"].as_str().unwrap(), d["archived_records"].as_str().unwrap()))
        .collect();
    for (id, what) in [
        ("commitments", "included"),
        ("milestones", "included"),
        ("forums", "included"),
        ("ogp-commitments", "included_unmarked"),
        ("comments", "not_archivable"),
    ] {
        assert_eq!(archived[id], what, "{id}");
    }

    let dir = temp_dir();
    let mut lines_per_dataset = BTreeMap::new();
    for dataset in catalogue["datasets"].as_array().unwrap() {
        let id = dataset["id"].as_str().unwrap();
        let urls: Vec<&str> =
            dataset["formats"].as_array().unwrap().iter().map(|f| f["url"].as_str().unwrap()).collect();
        assert_eq!(urls, [format!("/api/v1/open-data/{id}.csv"), format!("/api/v1/open-data/{id}.jsonl")]);
        assert!(dataset["last_update"].is_string(), "{id}: seeded, so dated: {dataset}");
        let got = download(&app, id);
        // The CSV's header is the catalogue's CSV fields; each JSON line has every field, in order.
        let fields = dataset["fields"].as_array().unwrap();
        let csv_names: Vec<&str> =
            fields.iter().filter(|f| f["in_csv"] == true).map(|f| f["name"].as_str().unwrap()).collect();
        assert_eq!(got.csv.split("\r\n").next().unwrap(), csv_names.join(","), "{id}");
        let all_names: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
        assert!(!got.lines.is_empty(), "{id} has records");
        for line in &got.lines {
            let keys: Vec<&str> = line.as_object().unwrap().keys().map(String::as_str).collect();
            let mut sorted = all_names.clone();
            sorted.sort_unstable();
            let mut sorted_keys = keys.clone();
            sorted_keys.sort_unstable();
            assert_eq!(sorted_keys, sorted, "{id}: {line}");
        }
        for gone in GONE {
            assert!(!got.csv.contains(gone), "{id}.csv shows {gone}");
            assert!(!got.lines.iter().any(|l| l.to_string().contains(gone)), "{id}.jsonl shows {gone}");
        }
        lines_per_dataset.insert(id.to_string(), got.lines.len() as u64);
        std::fs::write(dir.join(format!("{id}.csv")), &got.csv).unwrap();
        if id == "comments" {
            // Data as written in JSON Lines; in CSV, quoted at `;` and `,`, and every part that a
            // spreadsheet splitting on `;` without reading quotes would make a cell neutralised
            // (`http::csv`).
            let formula = "=HYPERLINK(\"http://x\");-2+3;@SUM(A1), fin";
            assert!(got.lines.iter().any(|l| l["body"] == formula));
            assert!(got.csv.contains("\"'=HYPERLINK(\"\"http://x\"\");'-2+3;'@SUM(A1), fin\""), "{}", got.csv);
            assert!(got.lines.iter().all(|l| l["author"].is_string() && l.get("email").is_none()));
        }
        if id == "questions" {
            let by_id = |q: i64| got.lines.iter().find(|l| l["id"] == q).unwrap().clone();
            let answered = by_id(shown);
            assert_eq!(answered["status"], "answered");
            assert_eq!(answered["answer"], "Le guide paraîtra en mars.");
            assert_eq!(answered["answer_on_time"], true);
            assert_eq!(answered["answers"].as_array().unwrap().len(), 1);
            let hidden = by_id(masked);
            assert_eq!(hidden["status"], "awaiting", "a hidden answer does not count: {hidden}");
            assert!(hidden["answer"].is_null() && hidden["answers"] == json!([]), "{hidden}");
        }
        if id == "proposals" {
            let line = &got.lines[0];
            assert_eq!(line["state"], "retained");
            assert_eq!(line["reason"], "Reprise dans FR0101.");
            assert_eq!(line["became"].as_array().map(Vec::len), Some(1), "{line}");
            assert!(line.get("author").is_none() && line.get("spoken_by").is_none(), "no personal data: {line}");
        }
        if id == "milestones" {
            assert!(got.lines.iter().any(|l| l["progress"].as_array().is_some_and(|p| !p.is_empty())));
        }
        if id == "action-items" {
            assert!(got.lines.iter().any(|l| l["history"].as_array().is_some_and(|h| h.len() == 2)));
        }
    }

    // The data package, validated with every CSV by frictionless.
    let package = app.get("/open-data/datapackage.json").expect(200).json();
    assert_eq!(package["profile"], "tabular-data-package");
    assert_eq!(
        package["licenses"],
        json!([{"name": "etalab-2.0", "title": "Licence Ouverte / Etalab 2.0", "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"}])
    );
    let names: Vec<&str> =
        package["resources"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names, DATASETS);
    std::fs::write(dir.join("datapackage.json"), package.to_string()).unwrap();
    let report = frictionless(&dir);
    assert_eq!(report["valid"], true, "{report:#}");
    for (id, n) in &lines_per_dataset {
        assert_eq!(report["rows"][id], json!(n), "{id}: as many CSV rows as JSON lines");
    }

    // The validation has teeth: a schema that does not fit the data is refused.
    let mut broken = package.clone();
    let comments = broken["resources"].as_array_mut().unwrap().iter_mut().find(|r| r["name"] == "comments").unwrap();
    for field in comments["schema"]["fields"].as_array_mut().unwrap() {
        if field["name"] == "author" {
            field["type"] = json!("integer");
        }
        if field["name"] == "edited_at" {
            field["constraints"]["required"] = json!(true);
        }
    }
    // Every record of the progress log names a milestone of the package; not every one of the
    // comments' ids is an action plan's.
    let progress = package["resources"].as_array().unwrap().iter().find(|r| r["name"] == "milestone-progress").unwrap();
    assert_eq!(
        progress["schema"]["foreignKeys"][0],
        json!({"fields": "milestone_id", "reference": {"resource": "milestones", "fields": "id"}})
    );
    let comments = broken["resources"].as_array_mut().unwrap().iter_mut().find(|r| r["name"] == "comments").unwrap();
    comments["schema"]["foreignKeys"] =
        json!([{"fields": "id", "reference": {"resource": "action-plans", "fields": "id"}}]);
    std::fs::write(dir.join("datapackage.json"), broken.to_string()).unwrap();
    let refused = frictionless(&dir);
    assert_eq!(refused["valid"], false, "{refused:#}");
    let kinds: Vec<&str> = refused["errors"].as_array().unwrap().iter().map(|e| e["type"].as_str().unwrap()).collect();
    for kind in ["type-error", "constraint-error", "foreign-key"] {
        assert!(kinds.contains(&kind), "{kind}: {refused:#}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_dataset_larger_than_a_batch_streams_whole_in_key_order_and_an_unknown_one_is_a_404_problem() {
    let app = TestApp::spawn();
    // 2,500 comments more, by every member in turn: three batches of the stream, a boundary
    // inside them, and authors met again batches after their name was first read.
    app.sql(
        "INSERT INTO comments (author_id, subject_id, body, body_html) \
         SELECT u.ids[1 + g % cardinality(u.ids)], c.subject_id, 'Lot ' || g, '<p>Lot</p>' \
         FROM (SELECT subject_id FROM comments WHERE parent_id IS NULL ORDER BY id LIMIT 1) c, \
              (SELECT array_agg(id ORDER BY id) AS ids FROM users) u, generate_series(1, 2500) g",
    );
    let public = app.count("comments WHERE deleted_at IS NULL AND hidden_at IS NULL");
    assert!(public > 2500);
    let got = download(&app, "comments");
    let ids: Vec<i64> = got.lines.iter().map(|l| l["id"].as_i64().unwrap()).collect();
    assert_eq!(ids.len() as i64, public);
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "in key order, none twice");

    // Each comment names its own author (the names are read once per download, not joined).
    let authors: serde_json::Map<String, Value> =
        got.lines.iter().map(|l| (l["id"].to_string(), l["author"].clone())).collect();
    let authors = Value::Object(authors).to_string().replace('\'', "''");
    let named = |how: &str| {
        app.count(&format!(
            "comments c JOIN users u ON u.id = c.author_id JOIN jsonb_each_text('{authors}'::jsonb) e \
             ON e.key::bigint = c.id WHERE e.value {how} u.display_name"
        ))
    };
    assert_eq!(named("="), public, "every line's author is the display name of the comment's author");
    assert_eq!(named("IS DISTINCT FROM"), 0);
    assert!(app.count("(SELECT DISTINCT author_id FROM comments) a") > 3, "several authors");

    for path in ["/open-data/no-such-dataset.csv", "/open-data/no-such-dataset.jsonl", "/open-data/commitments.xml"] {
        app.get(path).expect_problem(404, "not_found");
    }
}

/// OGP's column names, exactly, in OGP's order.
const OGP_COLUMNS: &[&str] = &[
    "Commitment Unique Identifier",
    "Country/Locality",
    "Action Plan Number",
    "Commitment Number",
    "Commitment Title",
    "Short Title",
    "Full Text",
    "Theme",
    "Year Of Submission",
    "Lead Institution",
    "Supporting Institution(s)",
    "OGP Value Access To Information",
    "OGP Value Civic Participation",
    "OGP Value Public Accountability",
    "OGP Value Technology",
    "Specificity",
    "Potential Impact",
    "Completion",
    "Did It Open Government",
    "Star",
];

/// The rows of a CSV text as Python's `csv` module reads them (header → value), by their first
/// column.
fn csv_rows(text: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    use std::io::Write;
    let script = "import csv, io, json, sys\n\
                  rows = list(csv.DictReader(io.StringIO(sys.stdin.read(), newline='')))\n\
                  print(json.dumps(rows))";
    let mut child = std::process::Command::new(smtp::python())
        .arg("-c")
        .arg(script)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let rows: Vec<BTreeMap<String, String>> = serde_json::from_slice(&out.stdout).unwrap();
    rows.into_iter().map(|r| (r[OGP_COLUMNS[0]].clone(), r)).collect()
}

#[test]
fn the_ogp_layout_has_ogps_column_names_and_maps_only_what_the_platform_records() {
    let app = TestApp::spawn();
    let ogp = download(&app, "ogp-commitments");
    assert_eq!(ogp.csv.split("\r\n").next().unwrap(), OGP_COLUMNS.join(","));
    for line in &ogp.lines {
        let keys: Vec<&str> = line.as_object().unwrap().keys().map(String::as_str).collect();
        let mut expected = OGP_COLUMNS.to_vec();
        expected.sort_unstable();
        let mut keys = keys.clone();
        keys.sort_unstable();
        assert_eq!(keys, expected);
    }
    let rows = csv_rows(&ogp.csv);
    assert_eq!(rows.len(), app.count("commitments") as usize);

    // FR0041 as seeded: the IRM's review as the platform recorded it, its second French plan.
    let row = &rows["FR0041"];
    let expect = |column: &str, value: &str| assert_eq!(row[column], value, "{column}: {row:#?}");
    expect("Country/Locality", "France");
    expect("Action Plan Number", "2");
    expect("Commitment Number", "12");
    expect("Commitment Title", "Open Etat Forum");
    expect("Short Title", "");
    assert!(row["Full Text"].starts_with("Open government is grounded in the principles"));
    expect("Theme", "E-Government; Public Participation");
    expect("Year Of Submission", "2018");
    expect("Lead Institution", "Minister of State for the Digital Sector, attached to the Prime Minister");
    assert!(row["Supporting Institution(s)"].starts_with("Datactivist; Vraiment Vraiment; The open government"));
    expect("OGP Value Access To Information", "No");
    expect("OGP Value Civic Participation", "Yes");
    expect("OGP Value Public Accountability", "No");
    expect("OGP Value Technology", "No");
    expect("Specificity", "");
    expect("Potential Impact", "Minor");
    expect("Completion", "Pending IRM Review");
    expect("Did It Open Government", "Pending IRM Review");
    expect("Star", "Pending IRM Review");
    let line = ogp.lines.iter().find(|l| l[OGP_COLUMNS[0]] == "FR0041").unwrap();
    assert_eq!(line["Action Plan Number"], 2);
    assert!(line["Specificity"].is_null() && line["Short Title"].is_null());

    // A starred commitment of the first plan with no IRM review recorded: nothing guessed.
    let row = &rows["FR0004"];
    assert_eq!(row["Action Plan Number"], "1");
    assert_eq!(row["Star"], "Yes");
    for column in &OGP_COLUMNS[11..19] {
        assert_eq!(row[*column], "", "{column}: not recorded, left empty");
    }

    // Without the IRM's completion, the milestones' own (from their progress updates); an
    // archived commitment stays in the layout.
    let admin = app.user("admin");
    app.sql("UPDATE commitments SET irm_completion = NULL WHERE code = 'FR0041'");
    app.delete("/commitments/FR0041", Some(&admin.token)).expect(200);
    let completion = |app: &TestApp| csv_rows(&download(app, "ogp-commitments").csv)["FR0041"]["Completion"].clone();
    assert_eq!(completion(&app), "Limited", "two milestones begun, two not started");
    app.sql(
        "UPDATE milestones SET completion = 'complete' WHERE commitment_id = \
         (SELECT id FROM commitments WHERE code = 'FR0041') AND code IN ('12.1', '12.2', '12.3')",
    );
    assert_eq!(completion(&app), "Substantial");
    app.sql(
        "UPDATE milestones SET status = 'withdrawn' WHERE commitment_id = \
         (SELECT id FROM commitments WHERE code = 'FR0041') AND code = '12.4'",
    );
    assert_eq!(completion(&app), "Complete", "a withdrawn milestone does not count");
}

/// Reads a JSON-LD text as RDF with rdflib (PyPI) and asks it, in SPARQL, what a harvester
/// would: the catalogues, their titles' languages and licence, and each dataset's identifier,
/// licences, distributions' download addresses and media types.
fn dcat(jsonld: &str) -> Value {
    use std::io::Write;
    let script = r#"
import json, sys
from rdflib import Graph, URIRef
g = Graph().parse(data=sys.stdin.read(), format='json-ld')
P = 'PREFIX dcat: <http://www.w3.org/ns/dcat#> PREFIX dct: <http://purl.org/dc/terms/> '
def rows(q, **bindings):
    return list(g.query(P + q, initBindings={k: URIRef(v) for k, v in bindings.items()}))
catalogs = [str(r[0]) for r in rows('SELECT ?c WHERE { ?c a dcat:Catalog }')]
out = {'catalogs': catalogs, 'datasets': {}}
for c in catalogs:
    out['title_languages'] = sorted(r[0].language for r in rows('SELECT ?t WHERE { ?c dct:title ?t }', c=c))
    out['description_languages'] = sorted(r[0].language for r in rows('SELECT ?t WHERE { ?c dct:description ?t }', c=c))
    out['licence'] = [str(r[0]) for r in rows('SELECT ?l WHERE { ?c dct:license ?l }', c=c)]
    out['publisher'] = [str(r[0]) for r in rows('SELECT ?n WHERE { ?c dct:publisher ?p . ?p <http://xmlns.com/foaf/0.1/name> ?n }', c=c)]
    out['modified'] = [str(r[0]) for r in rows('SELECT ?m WHERE { ?c dct:modified ?m }', c=c)]
    for (d, ident) in rows('SELECT ?d ?id WHERE { ?c dcat:dataset ?d . ?d a dcat:Dataset ; dct:identifier ?id }', c=c):
        out['datasets'][str(ident)] = {
            'licences': [str(r[0]) for r in rows('SELECT ?l WHERE { ?d dct:license ?l }', d=d)],
            'title_languages': sorted(r[0].language for r in rows('SELECT ?t WHERE { ?d dct:title ?t }', d=d)),
            'modified': [str(r[0]) for r in rows('SELECT ?m WHERE { ?d dct:modified ?m }', d=d)],
            'downloads': sorted(str(r[0]) for r in rows('SELECT ?u WHERE { ?d dcat:distribution ?x . ?x a dcat:Distribution ; dcat:downloadURL ?u ; dcat:accessURL ?a }', d=d)),
            'media_types': sorted(str(r[0]) for r in rows('SELECT ?m WHERE { ?d dcat:distribution ?x . ?x dcat:mediaType ?m }', d=d)),
            'conforms_to': [str(r[0]) for r in rows('SELECT ?s WHERE { ?d dct:conformsTo ?s }', d=d)],
        }
print(json.dumps(out))
"#;
    let mut child = std::process::Command::new(smtp::python())
        .arg("-c")
        .arg(script)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("the tests' Python (tests/smtp/venv.sh) with rdflib: {e}"));
    child.stdin.take().unwrap().write_all(jsonld.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "rdflib failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_dcat_catalogue_reads_as_rdf_with_every_dataset_licensed_and_downloadable() {
    let app = TestApp::spawn();
    seed(&app);
    let got = app.get("/open-data/catalog.jsonld").expect(200);
    assert_eq!(got.header("content-type"), Some("application/ld+json"));
    let rdf = dcat(&got.text);
    let base = format!("{PUBLIC_URL}/api/v1/open-data");
    assert_eq!(rdf["catalogs"], json!([format!("{base}/catalog.jsonld")]), "one catalogue: {rdf:#}");
    assert_eq!(rdf["title_languages"], json!(["en", "fr"]));
    assert_eq!(rdf["description_languages"], json!(["en", "fr"]));
    assert_eq!(rdf["licence"], json!([ETALAB]));
    assert_eq!(rdf["publisher"], json!(["Open d'État"]));
    assert_eq!(rdf["modified"].as_array().unwrap().len(), 1);

    // The same datasets as the data package, each licensed, dated, and downloadable.
    let package = app.get("/open-data/datapackage.json").expect(200).json();
    let mut names: Vec<&str> =
        package["resources"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    names.sort_unstable();
    let datasets = rdf["datasets"].as_object().unwrap();
    assert_eq!(datasets.keys().map(String::as_str).collect::<Vec<_>>(), names);
    for (id, d) in datasets {
        assert_eq!(d["licences"], json!([ETALAB]), "{id}");
        assert_eq!(d["title_languages"], json!(["en", "fr"]), "{id}");
        assert_eq!(d["modified"].as_array().unwrap().len(), 1, "{id}: seeded, so dated");
        assert_eq!(d["conforms_to"], json!([format!("{base}/datapackage.json")]), "{id}");
        assert_eq!(d["media_types"], json!(["https://www.iana.org/assignments/media-types/text/csv"]), "{id}");
        let downloads = d["downloads"].as_array().unwrap();
        assert!(downloads.len() >= 2, "{id}: {d}");
        for url in downloads {
            let path = url.as_str().unwrap().strip_prefix(&format!("{PUBLIC_URL}/api/v1")).unwrap();
            app.get(path).expect(200);
        }
    }
}

const ETALAB: &str = "https://www.etalab.gouv.fr/licence-ouverte-open-licence";
