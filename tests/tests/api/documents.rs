//! Documents by knowledge level: links and files on forums, formats, commitments, milestones
//! and proposals; files judged by their content, kept version by version with their SHA-256,
//! served so a browser runs nothing of them, in the local store and in a real S3-compatible
//! one (moto); refused uploads and links; evidence cited by progress updates; and the flag of
//! a commitment without news for six months.

use opendetat_tests::builders::*;
use opendetat_tests::files::S3Store;
use opendetat_tests::*;
use sha2::{Digest, Sha256};

const FORUM: &str = "2018-10-transparence-algorithmes-publics";

fn sha256(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// A file document on the seed's held forum, its first version uploaded: PDF, then CSV.
fn versions_round_trip(app: &TestApp, token: &str) -> Value {
    let doc = DocumentBuilder::on(&format!("/forums/{FORUM}"), "Synthèse des débats")
        .level("expert")
        .with("stage", "after")
        .create(app, token);
    assert_eq!(doc["file"], Value::Null);
    let pdf = pdf_bytes(300_000);
    let first = app.upload(doc.id(), "synthèse.pdf", Some(token), &pdf, false).expect(200).json();
    assert_eq!(first["file"]["version"], 1);
    assert_eq!(first["file"]["media_type"], "application/pdf");
    assert_eq!(first["file"]["size_bytes"], 300_000);
    assert_eq!(first["file"]["sha256"], sha256(&pdf));

    let got = app.download(&format!("/documents/{}/file", doc.id()));
    assert_eq!(got.status, 200);
    assert_eq!(got.bytes, pdf, "the bytes come back as they went");
    assert_eq!(got.header("content-type"), Some("application/pdf"));
    assert_eq!(got.header("x-content-type-options"), Some("nosniff"));
    assert!(
        got.header("content-security-policy").is_some_and(|c| c.contains("sandbox")),
        "{:?}",
        got.header("content-security-policy")
    );
    assert!(got
        .header("content-disposition")
        .is_some_and(|d| d.starts_with("inline;") && d.contains("filename*=UTF-8''synth%C3%A8se%2Epdf")));

    // A new version (sent chunked: the size is learnt while streaming); the first stays.
    let csv = "commune;participants\nParis;42\n".as_bytes();
    let second = app.upload(doc.id(), "participants.csv", Some(token), csv, true).expect(200).json();
    assert_eq!(second["file"]["version"], 2);
    assert_eq!(second["file"]["media_type"], "text/csv");
    assert_eq!(second["earlier_versions"][0]["version"], 1);
    let current = app.download(&format!("/documents/{}/file", doc.id()));
    assert_eq!(current.bytes, csv);
    assert_eq!(current.header("content-type"), Some("text/csv; charset=utf-8"));
    assert!(
        current.header("content-disposition").is_some_and(|d| d.starts_with("attachment;")),
        "not shown in the page"
    );
    assert_eq!(app.download(second["earlier_versions"][0]["download"].as_str().unwrap()).bytes, pdf);
    app.get(&format!("/documents/{}/versions/3/file", doc.id())).expect_problem(404, "not_found");
    doc
}

#[test]
fn documents_are_grouped_by_level_and_files_kept_version_by_version() {
    let app = TestApp::spawn();
    let official = app.demo("agent@demo.opendetat.fr");
    let member = app.user("member");
    // The member follows the forum: they hear of a link at once, of a file once it is there.
    app.put(&format!("/me/follows/forum/{FORUM}"), Some(&member.token), &json!(null)).expect(200);
    let link = DocumentBuilder::on(&format!("/forums/{FORUM}"), "Les algorithmes publics en 5 minutes")
        .link("https://www.etalab.gouv.fr/algorithmes")
        .with("stage", "before")
        .create(&app, &official.token);
    assert_eq!(link["attached_to"], json!({"type": "forum", "id": link["attached_to"]["id"], "key": FORUM}));
    let pending = DocumentBuilder::on(&format!("/forums/{FORUM}"), "Pas encore déposé")
        .level("intermediate")
        .create(&app, &official.token);
    // A file not uploaded yet is for those who write documents only.
    let public: Vec<i64> = app
        .get(&format!("/forums/{FORUM}/documents"))
        .expect(200)
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.id())
        .collect();
    assert_eq!(public, [link.id()]);
    app.get(&format!("/documents/{}", pending.id())).expect_problem(404, "not_found");
    assert_eq!(
        app.get_as(&format!("/forums/{FORUM}/documents"), &official.token).expect(200).json().as_array().unwrap().len(),
        2
    );

    let doc = versions_round_trip(&app, &official.token);
    let told = |n: i64| {
        for _ in 0..200 {
            if app.count(&format!("notifications WHERE user_id = {} AND reason = 'document'", member.id)) >= n {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("the follower was not told of {n} documents");
    };
    // The link, and the two versions of the file; not the file document before its upload.
    told(3);
    let notes = app.get_as("/me/notifications", &member.token).expect(200).json();
    assert!(notes["items"].as_array().unwrap().iter().any(|n| n["reason"] == "document"), "{notes}");
    let levels: Vec<String> = app
        .get(&format!("/forums/{FORUM}/documents"))
        .expect(200)
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["level"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(levels, ["discovery", "expert"], "by level, the pending one left out");

    // Judged by content, not by name: a program named .pdf is refused, and nothing is kept.
    let files_before = app.count("document_files");
    let refused = app
        .upload(doc.id(), "rapport.pdf", Some(&official.token), b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", false)
        .expect_problem(409, "file_type_not_allowed");
    assert_eq!(refused["errors"][0]["field"], "file");
    app.upload(doc.id(), "vide.txt", Some(&official.token), b"", false).expect_problem(409, "file_type_not_allowed");
    assert_eq!(app.count("document_files"), files_before);
    app.upload(link.id(), "x.pdf", Some(&official.token), &pdf_bytes(100), false)
        .expect_problem(409, "document_is_link");
    // Who may: officials and admins upload; members and strangers do not.
    app.upload(doc.id(), "x.pdf", Some(&member.token), &pdf_bytes(100), false).expect_problem(403, "forbidden");
    app.upload(doc.id(), "x.pdf", None, &pdf_bytes(100), false).expect(401);

    // Links go to public addresses only.
    for private in [
        "http://192.168.1.10/doc.pdf",
        "http://localhost:8080/",
        "https://[::1]/x",
        "http://intranet/wiki",
        "http://169.254.169.254/latest",
    ] {
        let problem = DocumentBuilder::on(&format!("/forums/{FORUM}"), "Lien")
            .link(private)
            .send(&app, &official.token)
            .expect_problem(409, "link_refused");
        assert_eq!(problem["errors"][0]["code"], "private_address", "{private}");
    }
    app.patch(&format!("/documents/{}", doc.id()), Some(&official.token), &json!({"link": "https://example.org/"}))
        .expect_problem(409, "not_a_link");
    // Only a forum's documents are read before or after it.
    DocumentBuilder::on("/commitments/FR0041", "Fiche")
        .with("stage", "before")
        .send(&app, &official.token)
        .expect_problem(409, "stage_for_forums");

    // Every kind of record takes documents.
    let milestone = app.get("/commitments/FR0041").expect(200).json()["milestones"][0]["id"].as_i64().unwrap();
    for (on, kind) in [
        ("/formats/forum-open-detat".to_string(), "format"),
        ("/commitments/FR0041".to_string(), "commitment"),
        (format!("/milestones/{milestone}"), "milestone"),
    ] {
        let d = DocumentBuilder::on(&on, "Guide")
            .link("https://www.opengovpartnership.org/")
            .level("intermediate")
            .create(&app, &official.token);
        assert_eq!(d["attached_to"]["type"], kind);
        assert_eq!(app.get(&format!("{on}/documents")).expect(200).json()[0]["id"], d.id());
    }
    app.get("/forums/no-such-forum/documents").expect_problem(404, "not_found");
    assert_eq!(
        app.count("events WHERE type LIKE 'document.%' AND audited"),
        app.count("events WHERE type LIKE 'document.%'")
    );

    // Admins remove.
    app.delete(&format!("/documents/{}", pending.id()), Some(&official.token)).expect_problem(403, "forbidden");
    let admin = app.user("admin");
    app.delete(&format!("/documents/{}", pending.id()), Some(&admin.token)).expect(204);
}

#[test]
fn uploads_past_the_limit_are_refused_whether_announced_or_not() {
    let app = TestApp::spawn_with(true, &[("DOCUMENTS_MAX_BYTES", "100000")]);
    let official = app.demo("agent@demo.opendetat.fr");
    let doc = DocumentBuilder::on(&format!("/forums/{FORUM}"), "Trop gros").create(&app, &official.token);
    app.upload(doc.id(), "gros.pdf", Some(&official.token), &pdf_bytes(100_001), false)
        .expect_problem(413, "payload_too_large");
    app.upload(doc.id(), "gros.pdf", Some(&official.token), &pdf_bytes(300_000), true)
        .expect_problem(413, "payload_too_large");
    assert_eq!(app.count("document_files"), 0);
    app.upload(doc.id(), "juste.pdf", Some(&official.token), &pdf_bytes(100_000), true).expect(200);
}

#[test]
fn files_are_kept_in_an_s3_compatible_store() {
    let s3 = S3Store::start();
    let env = s3.env();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let app = TestApp::spawn_with(true, &env);
    let official = app.demo("agent@demo.opendetat.fr");
    let doc = versions_round_trip(&app, &official.token);
    let keys = s3.keys();
    assert_eq!(keys.len(), 2, "both versions are in the bucket: {keys:?}");
    assert!(keys.iter().all(|k| k.starts_with(&format!("documents/{}/", doc.id()))), "{keys:?}");
    // A refused upload leaves nothing behind in the bucket either.
    app.upload(doc.id(), "x.pdf", Some(&official.token), b"\x7fELF\x02\x01\x01", false)
        .expect_problem(409, "file_type_not_allowed");
    assert_eq!(s3.keys().len(), 2);
}

#[test]
fn progress_updates_cite_documents_and_a_commitment_without_news_for_six_months_is_flagged() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let fr0041 = app.get("/commitments/FR0041").expect(200).json();
    assert_eq!(fr0041["stale"], false);
    let lead = fr0041["institutions"]["lead"]["slug"].as_str().unwrap().to_string();
    // Seven months without news.
    app.sql(&format!("UPDATE commitments SET created_at = now() - interval '7 months' WHERE id = {}", fr0041.id()));
    app.sql(&format!("DELETE FROM commitment_news WHERE commitment_id = {}", fr0041.id()));
    assert_eq!(app.get("/commitments/FR0041").expect(200).json()["stale"], true);
    let stale: Vec<String> = app.get("/commitments?stale=true&limit=100").expect(200).json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(stale, ["FR0041"]);
    assert!(!app.get("/commitments?stale=false&limit=100").expect(200).json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["code"] == "FR0041"));
    let record = app.get(&format!("/institutions/{lead}")).expect(200).json();
    assert_eq!(
        record["commitments"].as_array().unwrap().iter().find(|c| c["code"] == "FR0041").unwrap()["stale"],
        true
    );

    // A progress update citing a document brings news; the log shows the evidence.
    let milestone = fr0041["milestones"][0]["id"].as_i64().unwrap();
    let evidence = DocumentBuilder::on(&format!("/milestones/{milestone}"), "Rapport d'étape")
        .link("https://www.modernisation.gouv.fr/rapport")
        .create(&app, &admin.token);
    // (attaching it to the milestone is news already: take it back to test the update alone)
    app.sql(&format!("DELETE FROM commitment_news WHERE commitment_id = {}", fr0041.id()));
    ProgressBuilder::on(milestone)
        .with("evidence_documents", json!([999999]))
        .send(&app, &admin.token)
        .expect_problem(409, "unknown_reference");
    assert_eq!(app.get("/commitments/FR0041").expect(200).json()["stale"], true, "nothing was stored");
    ProgressBuilder::on(milestone).with("evidence_documents", json!([evidence.id()])).create(&app, &admin.token);
    let fresh = app.get("/commitments/FR0041").expect(200).json();
    assert_eq!(fresh["stale"], false);
    assert!(fresh["last_update_at"].is_string());
    let log = app.get(&format!("/milestones/{milestone}/progress")).expect(200).json();
    assert_eq!(log["items"][0]["evidence_documents"][0]["id"], evidence.id());
    assert_eq!(log["items"][0]["evidence_documents"][0]["href"], "https://www.modernisation.gouv.fr/rapport");
}
