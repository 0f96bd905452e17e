//! Institutions as records: the seed's, an admin's, officials who speak for one, commitments
//! that name them.

use opendetat_tests::*;

#[test]
fn the_seeds_institutions_are_records_that_fr0041_links_to() {
    let app = TestApp::spawn();
    let fr0041 = app.get("/commitments/FR0041").expect(200).json();
    let lead = &fr0041["institutions"]["lead"];
    assert_eq!(lead["slug"], "minister-of-state-digital-sector");
    assert_eq!(lead["kind"], "ministry");
    assert_eq!(fr0041["lead_institution"], lead["name"], "the name copy stays for older clients");
    let support: Vec<&str> =
        fr0041["institutions"]["support"].as_array().unwrap().iter().map(|i| i["slug"].as_str().unwrap()).collect();
    assert_eq!(support, ["datactivist", "vraiment-vraiment", "open-government-community"]);

    let page = app.get("/institutions/minister-of-state-digital-sector").expect(200).json();
    assert_eq!(
        page["commitments"],
        json!([{"id": fr0041["id"], "code": "FR0041", "title": fr0041["title"], "lead": true, "stale": false}])
    );
    let officials: Vec<&str> =
        page["officials"].as_array().unwrap().iter().map(|o| o["display_name"].as_str().unwrap()).collect();
    assert_eq!(officials, ["Claire Dubois"], "the demo official speaks for it");
    assert!(page.get("email").is_none() && page["officials"][0].get("email").is_none(), "no personal data");

    let list = app.get("/institutions").expect(200).json();
    let names: Vec<&str> = list["items"].as_array().unwrap().iter().map(|i| i["slug"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        ["datactivist", "minister-of-state-digital-sector", "open-government-community", "vraiment-vraiment"],
        "in name order"
    );
    assert_eq!(app.get("/institutions?kind=ministry").expect(200).json()["items"].as_array().unwrap().len(), 1);
    assert_eq!(app.get("/institutions?q=vraiment").expect(200).json()["items"][0]["slug"], "vraiment-vraiment");
    // Keyset pages meet every institution once.
    let paged = collect_pages(&app, "/institutions?limit=1", None);
    assert_eq!(paged.len(), 4);
    app.get("/institutions/no-such-institution").expect_problem(404, "not_found");
}

#[test]
fn admins_record_and_rename_institutions_and_commitments_follow() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let official = app.user("official");
    let created = app
        .post(
            "/institutions",
            Some(&admin.token),
            &json!({"name": "Direction interministérielle du numérique", "acronym": "DINUM", "kind": "agency", "siren": "130025265", "website": "https://www.numerique.gouv.fr"}),
        )
        .expect(201)
        .json();
    assert_eq!(created["slug"], "dinum", "made from the acronym");
    let id = created["id"].as_i64().unwrap();
    // Same name in another case: one record per institution.
    app.post(
        "/institutions",
        Some(&admin.token),
        &json!({"name": "DIRECTION INTERMINISTÉRIELLE DU NUMÉRIQUE", "kind": "agency"}),
    )
    .expect_problem(409, "already_exists");
    let bad = app
        .post(
            "/institutions",
            Some(&admin.token),
            &json!({"name": " ", "kind": "agency", "siren": "12", "website": "javascript:alert(1)"}),
        )
        .expect_problem(422, "validation_failed");
    let mut fields: Vec<&str> =
        bad["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    fields.sort();
    assert_eq!(fields, ["name", "siren", "website"]);
    app.post("/institutions", Some(&admin.token), &json!({"name": "X", "kind": "parliament"}))
        .expect_problem(422, "unprocessable_body");

    // FR0041 changes lead: the name copy follows, then follows a rename.
    let c =
        app.patch("/commitments/FR0041", Some(&official.token), &json!({"lead_institution_id": id})).expect(200).json();
    assert_eq!(c["lead_institution"], "Direction interministérielle du numérique");
    app.patch(
        "/institutions/dinum",
        Some(&admin.token),
        &json!({"name": "DINUM (Direction interministérielle du numérique)"}),
    )
    .expect(200);
    let c = app.get("/commitments/FR0041").expect(200).json();
    assert_eq!(c["lead_institution"], "DINUM (Direction interministérielle du numérique)");
    assert_eq!(c["institutions"]["lead"]["id"], id);
    assert_eq!(
        app.get("/commitments?q=DINUM").expect(200).json()["items"][0]["code"],
        "FR0041",
        "search reads the copy"
    );
    // An id that names nothing is a 409 on its field; null removes the lead.
    let p = app
        .patch("/commitments/FR0041", Some(&official.token), &json!({"lead_institution_id": 999999}))
        .expect_problem(409, "unknown_reference");
    assert_eq!(p["errors"][0]["field"], "lead_institution_id");
    let p = app
        .patch("/commitments/FR0041", Some(&official.token), &json!({"support_institution_ids": [999999]}))
        .expect_problem(409, "unknown_reference");
    assert_eq!(p["errors"][0]["field"], "support_institution_ids");
    let c = app
        .patch("/commitments/FR0041", Some(&official.token), &json!({"lead_institution_id": null}))
        .expect(200)
        .json();
    assert!(c["lead_institution"].is_null());
    // Every change is in the audit trail.
    let audit = app.get_as("/admin/audit?action=institution.updated", &admin.token).expect(200).json();
    assert_eq!(audit["items"].as_array().unwrap().len(), 1, "{audit}");
}

#[test]
fn admins_say_which_institution_an_account_speaks_for() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let official = app.user("official");
    let institution = app.get("/institutions/datactivist").expect(200).json()["id"].clone();
    let p = app
        .patch(&format!("/admin/users/{}", official.id), Some(&admin.token), &json!({"institution_id": 999999}))
        .expect_problem(409, "unknown_reference");
    assert_eq!(p["errors"][0]["field"], "institution_id");
    let account = app
        .patch(&format!("/admin/users/{}", official.id), Some(&admin.token), &json!({"institution_id": institution}))
        .expect(200)
        .json();
    assert_eq!(account["institution_id"], institution);
    assert_eq!(app.get_as("/me", &official.token).expect(200).json()["institution_id"], institution);
    assert_eq!(app.get(&format!("/users/{}", official.id)).expect(200).json()["institution_id"], institution);
    let page = app.get("/institutions/datactivist").expect(200).json();
    assert_eq!(page["officials"].as_array().unwrap().len(), 1);
    // The official cannot set it themselves.
    app.patch("/me", Some(&official.token), &json!({"institution_id": institution}))
        .expect_problem(422, "unprocessable_body");
    let account = app
        .patch(&format!("/admin/users/{}", official.id), Some(&admin.token), &json!({"institution_id": null}))
        .expect(200)
        .json();
    assert!(account["institution_id"].is_null());
    let audit = app.get_as("/admin/audit?action=user.updated", &admin.token).expect(200).json();
    assert!(audit["items"].as_array().unwrap().len() >= 2);
}
