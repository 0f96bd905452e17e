//! `/commitments`: the 50 seeded French commitments (FR0041 in full), their filters, writes
//! by officials and admins, validation, partial updates, deletion, and keyset pagination that
//! neither skips nor repeats while commitments are being added.

use std::collections::{BTreeSet, HashMap};

use opendetat_tests::*;

fn codes(items: &[Value]) -> Vec<String> {
    items.iter().map(|c| c["code"].as_str().unwrap().to_string()).collect()
}

fn fr(range: std::ops::RangeInclusive<u32>) -> Vec<String> {
    range.map(|n| format!("FR{n:04}")).collect()
}

fn error_fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .expect("errors array")
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect()
}

/// Percent-encodes what a query value may hold here (`+`, `%`, `:` and spaces).
fn q(value: &str) -> String {
    value.replace('%', "%25").replace('+', "%2B").replace(' ', "%20").replace(':', "%3A")
}

/// The fields every PATCH test compares: the whole commitment but its change stamp.
fn without(mut c: Value, keys: &[&str]) -> Value {
    for k in keys {
        c.as_object_mut().unwrap().remove(*k);
    }
    c
}

#[test]
fn lists_the_fifty_seeded_commitments_in_code_order_across_pages() {
    let app = TestApp::spawn();
    let first = app.get("/commitments?limit=7").expect(200).json();
    assert_eq!(first["items"].as_array().unwrap().len(), 7);
    assert!(first["next_cursor"].is_string());
    let all = collect_pages(&app, "/commitments?limit=7", None);
    assert_eq!(all.len(), 50);
    let got = codes(&all);
    assert_eq!(got, fr(1..=50));
    assert_eq!(got.iter().collect::<BTreeSet<_>>().len(), 50, "duplicates in {got:?}");
    // The list carries milestone progress but not the milestones themselves.
    let fr0041 = all.iter().find(|c| c["code"] == "FR0041").unwrap();
    assert_eq!(fr0041["milestone_progress"]["total"], 4);
    assert!(fr0041.get("milestones").is_none(), "{fr0041}");
    let fr0001 = &all[0];
    assert_eq!(fr0001["action_plan"]["slug"], "fr-2015-2017");
    assert_eq!(fr0001["milestone_progress"]["total"], 0);
}

#[test]
fn default_page_holds_twenty_commitments() {
    let app = TestApp::spawn();
    let page = app.get("/commitments").expect(200).json();
    assert_eq!(codes(page["items"].as_array().unwrap()), fr(1..=20));
}

#[test]
fn fr0041_is_served_in_full_by_code_lowercase_code_and_numeric_id() {
    let app = TestApp::spawn();
    let c = app.get("/commitments/FR0041").expect(200).json();
    assert_eq!(c["code"], "FR0041");
    assert_eq!(c["number"], 12);
    assert_eq!(c["title"], "Open Etat Forum");
    assert_eq!(c["status"], "active");
    assert_eq!(c["starred"], false);
    assert_eq!(c["start_year"], 2018);
    assert_eq!(c["end_year"], 2019);
    assert_eq!(c["action_plan"]["slug"], "fr-2018-2020");
    assert_eq!(c["action_plan"]["title"], "France National Action Plan 2018-2020");
    assert_eq!(c["policy_areas"], json!(["E-Government", "Public Participation"]));
    assert_eq!(c["lead_institution"], "Minister of State for the Digital Sector, attached to the Prime Minister");
    assert_eq!(
        c["support_institutions"],
        json!([
            "Datactivist",
            "Vraiment Vraiment",
            "The open government community (civil society organisation, startups, civic tech, researchers, think tanks)"
        ])
    );
    assert_eq!(c["ambitions"].as_array().unwrap().len(), 4);
    assert!(c["description"].as_str().unwrap().starts_with("Open government is grounded"));
    assert!(c["description_html"].as_str().unwrap().contains("<p>"), "{}", c["description_html"]);

    let irm = &c["irm"];
    assert_eq!(irm["verifiable"], true);
    assert_eq!(irm["potential_impact"], "Minor");
    assert_eq!(irm["report"], "France Design Report 2018-2020");
    assert_eq!(irm["starred"], "Pending IRM Review");
    assert_eq!(irm["relevance"], json!(["Civic Participation"]));
    assert!(irm["analysis_html"].as_str().unwrap().contains("<h3>Next steps</h3>"), "{}", irm["analysis_html"]);

    let ms = c["milestones"].as_array().unwrap();
    let got: Vec<(&str, &str, &str, &str, i64)> = ms
        .iter()
        .map(|m| {
            (
                m["code"].as_str().unwrap(),
                m["due_period"].as_str().unwrap(),
                m["due_date"].as_str().unwrap(),
                m["status"].as_str().unwrap(),
                m["position"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("12.1", "Semester 2 2018", "2018-12-31", "in_progress", 1),
            ("12.2", "Semester 2 2018", "2018-12-31", "in_progress", 2),
            ("12.3", "2019", "2019-12-31", "not_started", 3),
            ("12.4", "Semester 2 2019", "2019-12-31", "not_started", 4),
        ]
    );
    assert!(ms.iter().all(|m| m["commitment_code"] == "FR0041" && m["commitment_id"] == c["id"]));

    assert_eq!(
        c["milestone_progress"],
        json!({"total": 4, "not_started": 2, "in_progress": 2, "completed": 0, "delayed": 0, "withdrawn": 0, "percent_complete": 0})
    );

    let id = c["id"].as_i64().unwrap();
    assert_eq!(app.get(&format!("/commitments/{id}")).expect(200).json(), c);
    assert_eq!(app.get("/commitments/fr0041").expect(200).json(), c);
}

#[test]
fn unknown_commitment_is_404() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    app.get("/commitments/FR9999").expect_problem(404, "not_found");
    app.get("/commitments/99999999").expect_problem(404, "not_found");
    app.patch("/commitments/FR9999", Some(&admin.token), &json!({"title": "x"})).expect_problem(404, "not_found");
    app.delete("/commitments/FR9999", Some(&admin.token)).expect_problem(404, "not_found");
}

#[test]
fn starred_filter_gives_exactly_the_five_irm_starred_commitments() {
    let app = TestApp::spawn();
    let starred = collect_pages(&app, "/commitments?starred=true&limit=2", None);
    assert_eq!(codes(&starred), ["FR0004", "FR0009", "FR0015", "FR0018", "FR0026"]);
    assert!(starred.iter().all(|c| c["starred"] == true));
    let rest = collect_pages(&app, "/commitments?starred=false&limit=100", None);
    assert_eq!(rest.len(), 45);
    assert!(!codes(&rest).contains(&"FR0009".to_string()));
}

#[test]
fn action_plan_filter_accepts_a_slug_or_a_numeric_id() {
    let app = TestApp::spawn();
    let by_slug = collect_pages(&app, "/commitments?action_plan=fr-2018-2020&limit=5", None);
    assert_eq!(codes(&by_slug), fr(30..=50));
    let plan_id = app.get("/action-plans/fr-2015-2017").expect(200).json()["id"].as_i64().unwrap();
    let by_id = collect_pages(&app, &format!("/commitments?action_plan={plan_id}&limit=100"), None);
    assert_eq!(codes(&by_id), fr(1..=29));
    assert!(by_id.iter().all(|c| c["action_plan"]["id"] == plan_id));
    let none = app.get("/commitments?action_plan=fr-1999-2001").expect(200).json();
    assert_eq!(none["items"], json!([]));
    assert!(none["next_cursor"].is_null());
}

#[test]
fn policy_area_filter_matches_any_of_a_commitments_areas() {
    let app = TestApp::spawn();
    let egov = collect_pages(&app, "/commitments?policy_area=E-Government&limit=100", None);
    assert_eq!(
        codes(&egov),
        [
            "FR0002", "FR0006", "FR0008", "FR0012", "FR0020", "FR0021", "FR0022", "FR0030", "FR0031", "FR0033",
            "FR0035", "FR0040", "FR0041", "FR0042", "FR0044", "FR0047"
        ]
    );
    // FR0041 is found by its second area too.
    let participation = collect_pages(&app, "/commitments?policy_area=Public%20Participation&limit=100", None);
    assert_eq!(codes(&participation), ["FR0016", "FR0041"]);
    let open_data = collect_pages(&app, "/commitments?policy_area=Open%20Data&limit=100", None);
    assert_eq!(codes(&open_data), ["FR0003", "FR0013", "FR0014", "FR0019", "FR0028"]);
    // Exact match: neither a prefix nor a different case.
    assert_eq!(app.get("/commitments?policy_area=E-Gov").expect(200).json()["items"], json!([]));
    assert_eq!(app.get("/commitments?policy_area=e-government").expect(200).json()["items"], json!([]));
}

#[test]
fn status_filter_selects_by_implementation_status() {
    let app = TestApp::spawn();
    let active = collect_pages(&app, "/commitments?status=active", None);
    assert_eq!(codes(&active), ["FR0041"]);
    let unknown = collect_pages(&app, "/commitments?status=unknown&limit=100", None);
    assert_eq!(unknown.len(), 49);
    assert_eq!(app.get("/commitments?status=completed").expect(200).json()["items"], json!([]));
    // Combined with another filter.
    let both = collect_pages(&app, "/commitments?status=unknown&starred=true", None);
    assert_eq!(codes(&both), ["FR0004", "FR0009", "FR0015", "FR0018", "FR0026"]);
    app.get("/commitments?status=finished").expect_problem(400, "invalid_query");
}

#[test]
fn text_search_is_case_insensitive_across_code_title_summary_and_lead() {
    let app = TestApp::spawn();
    let upper = collect_pages(&app, "/commitments?q=COUR%20DES%20COMPTES", None);
    assert_eq!(codes(&upper), ["FR0007", "FR0048"]);
    let lower = collect_pages(&app, "/commitments?q=cour%20des%20comptes", None);
    assert_eq!(codes(&lower), ["FR0007", "FR0048"]);
    let transparency = collect_pages(&app, "/commitments?q=transparency&limit=5", None);
    assert_eq!(
        codes(&transparency),
        [
            "FR0004", "FR0005", "FR0008", "FR0010", "FR0011", "FR0027", "FR0030", "FR0031", "FR0032", "FR0035",
            "FR0045", "FR0049"
        ]
    );
    // By code.
    assert_eq!(codes(&collect_pages(&app, "/commitments?q=fr004", None)), fr(40..=49));
    // By lead institution only (FR0041's title does not say "digital").
    assert_eq!(codes(&collect_pages(&app, "/commitments?q=DIGITAL%20SECTOR", None)), ["FR0041"]);
    // By summary only ("exchanging ideas" appears in FR0041's summary).
    assert_eq!(codes(&collect_pages(&app, "/commitments?q=Exchanging%20Ideas", None)), ["FR0041"]);
    // Blank text is no filter.
    assert_eq!(collect_pages(&app, "/commitments?q=%20%20&limit=100", None).len(), 50);
}

#[test]
fn text_search_matches_like_wildcards_literally() {
    let app = TestApp::spawn();
    // No seeded commitment holds `%` or `_`: as wildcards they would match everything.
    assert_eq!(app.get("/commitments?q=%25").expect(200).json()["items"], json!([]));
    assert_eq!(app.get("/commitments?q=_").expect(200).json()["items"], json!([]));
    assert_eq!(app.get("/commitments?q=FR00_1").expect(200).json()["items"], json!([]));
    assert_eq!(app.get("/commitments?q=open%25forum").expect(200).json()["items"], json!([]));

    let official = app.user("official");
    CommitmentBuilder::new("FR0051").number(22).with("title", "Publish 100% of_budgets").create(&app, &official.token);
    assert_eq!(codes(&collect_pages(&app, &format!("/commitments?q={}", q("100%")), None)), ["FR0051"]);
    assert_eq!(codes(&collect_pages(&app, &format!("/commitments?q={}", q("% OF_")), None)), ["FR0051"]);
    assert_eq!(app.get("/commitments?q=%25").expect(200).json()["items"].as_array().unwrap().len(), 1);
}

#[test]
fn updated_since_returns_only_commitments_changed_after_the_instant() {
    let app = TestApp::spawn();
    let future = app.get(&format!("/commitments?updated_since={}", q("2199-01-01T00:00:00Z"))).expect(200).json();
    assert_eq!(future["items"], json!([]));
    assert!(future["next_cursor"].is_null());
    let past =
        collect_pages(&app, &format!("/commitments?limit=100&updated_since={}", q("2000-01-01T00:00:00Z")), None);
    assert_eq!(past.len(), 50);

    // A server-side instant taken before the change: the creation time of a new plan.
    let admin = app.user("admin");
    let marker = app
        .post(
            "/action-plans",
            Some(&admin.token),
            &json!({
                "slug": "marker", "country": "France", "title": "Marker", "period_start": 2030, "period_end": 2030
            }),
        )
        .expect(201)
        .json();
    let before_patch = marker["created_at"].as_str().unwrap().to_string();
    assert_eq!(
        app.get(&format!("/commitments?updated_since={}", q(&before_patch))).expect(200).json()["items"],
        json!([]),
        "nothing changed since {before_patch}"
    );

    let old = app.get("/commitments/FR0010").expect(200).json();
    let patched =
        app.patch("/commitments/FR0010", Some(&admin.token), &json!({"status": "completed"})).expect(200).json();
    assert_ne!(patched["updated_at"], old["updated_at"], "updated_at must move on a change");
    let changed = collect_pages(&app, &format!("/commitments?updated_since={}", q(&before_patch)), None);
    assert_eq!(codes(&changed), ["FR0010"]);
    assert_eq!(changed[0]["status"], "completed");
    // `since` is inclusive of the change instant itself.
    let at = patched["updated_at"].as_str().unwrap();
    assert_eq!(codes(&collect_pages(&app, &format!("/commitments?updated_since={}", q(at)), None)), ["FR0010"]);
}

#[test]
fn official_creates_a_commitment_with_nested_irm_and_zero_progress() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let admin = app.user("admin");
    let institution = |name: &str| InstitutionBuilder::new(name).create(&app, &admin.token).id();
    let (finance, etalab, cour) =
        (institution("Ministry of Finance"), institution("Etalab"), institution("Cour des comptes"));
    let body = json!({
        "action_plan": "fr-2018-2020",
        "code": "FR0051",
        "number": 22,
        "title": "  Open Budget Forum  ",
        "summary": "Budget dialogue",
        "description": "A **forum** on the budget.",
        "policy_areas": ["Fiscal Transparency"],
        "lead_institution_id": finance,
        "support_institution_ids": [etalab, cour],
        "status": "active",
        "starred": true,
        "start_year": 2019,
        "end_year": 2020,
        "irm": {"verifiable": false, "potential_impact": "Moderate", "relevance": ["Access to Information"], "analysis": "Good *start*."}
    });
    let c = app.post("/commitments", Some(&official.token), &body).expect(201).json();
    assert_eq!(c["code"], "FR0051");
    assert_eq!(c["title"], "Open Budget Forum", "title is trimmed");
    assert_eq!(c["number"], 22);
    assert_eq!(c["action_plan"]["slug"], "fr-2018-2020");
    assert_eq!(c["starred"], true);
    assert_eq!(c["support_institutions"], json!(["Etalab", "Cour des comptes"]));
    assert!(c["description_html"].as_str().unwrap().contains("<strong>forum</strong>"), "{c}");
    assert_eq!(c["irm"]["verifiable"], false);
    assert_eq!(c["irm"]["potential_impact"], "Moderate");
    assert_eq!(c["irm"]["relevance"], json!(["Access to Information"]));
    assert!(c["irm"]["report"].is_null());
    assert!(c["irm"]["analysis_html"].as_str().unwrap().contains("<em>start</em>"), "{c}");
    assert_eq!(
        c["milestone_progress"],
        json!({"total": 0, "not_started": 0, "in_progress": 0, "completed": 0, "delayed": 0, "withdrawn": 0, "percent_complete": 0})
    );
    assert_eq!(c["milestones"], json!([]));
    assert_eq!(app.get("/commitments/FR0051").expect(200).json(), c);
    let all = collect_pages(&app, "/commitments?limit=100", None);
    assert_eq!(codes(&all).last().unwrap(), "FR0051");
    assert_eq!(all.len(), 51);
}

#[test]
fn admin_creates_a_commitment_with_defaults_naming_the_plan_by_id() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let plan_id = app.get("/action-plans/fr-2015-2017").expect(200).json()["id"].as_i64().unwrap();
    let c = CommitmentBuilder::new("FR0100").plan(&plan_id.to_string()).number(30).create(&app, &admin.token);
    assert_eq!(c["action_plan"]["id"], plan_id);
    assert_eq!(c["action_plan"]["slug"], "fr-2015-2017");
    assert_eq!(c["status"], "active");
    assert_eq!(c["starred"], false);
    assert_eq!(c["policy_areas"], json!([]));
    assert!(c["description"].is_null() && c["description_html"].is_null());
    assert!(c["irm"]["verifiable"].is_null());
    assert_eq!(c["irm"]["relevance"], json!([]));
    assert_eq!(c["milestone_progress"]["total"], 0);
}

#[test]
fn commitment_writes_need_an_official_or_admin() {
    let app = TestApp::spawn();
    let before = app.get("/commitments/FR0041").expect(200).json();
    let new = CommitmentBuilder::new("FR0051").number(22);
    for role in ["member", "moderator"] {
        let user = app.user(role);
        new.send(&app, &user.token).expect_problem(403, "forbidden");
        app.patch("/commitments/FR0041", Some(&user.token), &json!({"title": "Hijacked"}))
            .expect_problem(403, "forbidden");
        app.delete("/commitments/FR0041", Some(&user.token)).expect_problem(403, "forbidden");
    }
    app.post("/commitments", None, &new.body()).expect_problem(401, "unauthorized");
    app.patch("/commitments/FR0041", None, &json!({"title": "Hijacked"})).expect_problem(401, "unauthorized");
    app.delete("/commitments/FR0041", None).expect_problem(401, "unauthorized");
    app.get("/commitments/FR0051").expect_problem(404, "not_found");
    assert_eq!(app.get("/commitments/FR0041").expect(200).json(), before);
}

#[test]
fn invalid_commitment_lists_every_bad_field_in_one_problem() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let body = json!({"action_plan": "fr-2018-2020", "code": "fr41", "number": 0, "title": "   "});
    let p = app.post("/commitments", Some(&official.token), &body).expect_problem(422, "validation_failed");
    assert_eq!(error_fields(&p), ["code", "number", "title"]);
    let by_field: HashMap<String, String> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap().to_string(), e["code"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(by_field["code"], "ogp_code");
    assert_eq!(by_field["number"], "range");
    assert_eq!(by_field["title"], "blank");
    assert!(p["detail"].as_str().unwrap().contains("code, number, title"), "{p}");

    // Nested IRM fields are named with their path; the year order is checked too.
    let new = CommitmentBuilder::new("FR0051").number(22);
    let p = new
        .clone()
        .with("irm", json!({"relevance": ["  "]}))
        .send(&app, &official.token)
        .expect_problem(422, "validation_failed");
    assert_eq!(error_fields(&p), ["irm.relevance"]);
    let p = new
        .with("start_year", 2020)
        .with("end_year", 2019)
        .send(&app, &official.token)
        .expect_problem(422, "validation_failed");
    assert_eq!(error_fields(&p), ["end_year"]);
    app.get("/commitments/FR0051").expect_problem(404, "not_found");
}

#[test]
fn unknown_action_plan_is_409_naming_action_plan() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let p = CommitmentBuilder::new("FR0051")
        .plan("fr-1999-2001")
        .send(&app, &official.token)
        .expect_problem(409, "unknown_reference");
    assert_eq!(error_fields(&p), ["action_plan"]);
    let p = CommitmentBuilder::new("FR0051")
        .plan("987654")
        .send(&app, &official.token)
        .expect_problem(409, "unknown_reference");
    assert_eq!(error_fields(&p), ["action_plan"]);
    let p = app
        .patch("/commitments/FR0041", Some(&official.token), &json!({"action_plan": "fr-1999-2001"}))
        .expect_problem(409, "unknown_reference");
    assert_eq!(error_fields(&p), ["action_plan"]);
    app.get("/commitments/FR0051").expect_problem(404, "not_found");
    assert_eq!(app.get("/commitments/FR0041").expect(200).json()["action_plan"]["slug"], "fr-2018-2020");
}

#[test]
fn duplicate_commitment_code_is_409() {
    let app = TestApp::spawn();
    let official = app.user("official");
    CommitmentBuilder::new("FR0041").send(&app, &official.token).expect_problem(409, "already_exists");
    assert_eq!(app.get("/commitments/FR0041").expect(200).json()["title"], "Open Etat Forum");
    app.patch("/commitments/FR0040", Some(&official.token), &json!({"code": "FR0041"}))
        .expect_problem(409, "already_exists");
    assert_eq!(app.get("/commitments/FR0040").expect(200).json()["title"], "Streamline Data Flows");
}

#[test]
fn patch_of_the_title_alone_leaves_every_other_field() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let before = app.get("/commitments/FR0041").expect(200).json();
    let after = app
        .patch("/commitments/FR0041", Some(&official.token), &json!({"title": "Forum Open d'État"}))
        .expect(200)
        .json();
    assert_eq!(after["title"], "Forum Open d'État");
    assert_eq!(without(after.clone(), &["title", "updated_at"]), without(before, &["title", "updated_at"]));
    assert_eq!(app.get("/commitments/FR0041").expect(200).json(), after);
}

#[test]
fn patch_with_null_clears_the_description_and_its_html() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let before = app.get("/commitments/FR0041").expect(200).json();
    assert!(before["description"].is_string());
    let after =
        app.patch("/commitments/FR0041", Some(&official.token), &json!({"description": null})).expect(200).json();
    assert!(after["description"].is_null(), "{after}");
    assert!(after["description_html"].is_null(), "{after}");
    assert_eq!(after["summary"], before["summary"], "summary is not named, so kept");
    assert_eq!(after["lead_institution"], before["lead_institution"]);
    assert!(app.get("/commitments/FR0041").expect(200).json()["description"].is_null());
}

#[test]
fn empty_patch_returns_the_commitment_unchanged() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let before = app.get("/commitments/FR0041").expect(200).json();
    let after = app.patch("/commitments/FR0041", Some(&official.token), &json!({})).expect(200).json();
    assert_eq!(after, before);
    assert_eq!(app.get("/commitments/FR0041").expect(200).json(), before);
}

#[test]
fn patch_rejects_invalid_values_and_unknown_fields() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let p = app
        .patch("/commitments/FR0041", Some(&official.token), &json!({"code": "FR41", "number": 0, "title": ""}))
        .expect_problem(422, "validation_failed");
    assert_eq!(
        error_fields(&p).into_iter().collect::<BTreeSet<_>>(),
        BTreeSet::from(["code", "number", "title"].map(String::from))
    );
    let p = app
        .patch("/commitments/FR0041", Some(&official.token), &json!({"start_year": 2020, "end_year": 2018}))
        .expect_problem(422, "validation_failed");
    assert_eq!(error_fields(&p), ["end_year"]);
    // Checked against the stored start_year (2018) when only end_year is sent.
    let p = app
        .patch("/commitments/FR0041", Some(&official.token), &json!({"end_year": 2017}))
        .expect_problem(409, "conflicts_with_stored");
    assert_eq!(error_fields(&p), ["end_year"]);
    app.patch("/commitments/FR0041", Some(&official.token), &json!({"colour": "blue"}))
        .expect_problem(422, "unprocessable_body");
    app.patch("/commitments/FR0041", Some(&official.token), &json!({"status": "finished"}))
        .expect_problem(422, "unprocessable_body");
    assert_eq!(app.get("/commitments/FR0041").expect(200).json()["title"], "Open Etat Forum");
}

#[test]
fn patch_of_one_irm_field_keeps_the_irm_fields_it_does_not_name() {
    // `CommitmentChanges::irm` is documented as "Replaces the IRM review fields that it names".
    let app = TestApp::spawn();
    let official = app.user("official");
    let before = app.get("/commitments/FR0041").expect(200).json();
    let after = app
        .patch("/commitments/FR0041", Some(&official.token), &json!({"irm": {"potential_impact": "Moderate"}}))
        .expect(200)
        .json();
    assert_eq!(after["irm"]["potential_impact"], "Moderate");
    assert_eq!(after["irm"]["verifiable"], true, "{}", after["irm"]);
    assert_eq!(after["irm"]["report"], "France Design Report 2018-2020", "{}", after["irm"]);
    assert_eq!(after["irm"]["relevance"], json!(["Civic Participation"]), "{}", after["irm"]);
    assert_eq!(after["irm"]["analysis"], before["irm"]["analysis"]);
}

#[test]
fn patch_can_move_a_commitment_to_another_plan_and_renumber_it() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let c = app
        .patch(
            "/commitments/FR0041",
            Some(&admin.token),
            &json!({"action_plan": "fr-2015-2017", "number": 30, "starred": true}),
        )
        .expect(200)
        .json();
    assert_eq!(c["action_plan"]["slug"], "fr-2015-2017");
    assert_eq!(c["number"], 30);
    assert_eq!(c["starred"], true);
    assert_eq!(codes(&collect_pages(&app, "/commitments?action_plan=fr-2018-2020&limit=100", None)).len(), 20);
    assert!(codes(&collect_pages(&app, "/commitments?starred=true", None)).contains(&"FR0041".to_string()));
}

#[test]
fn only_admins_delete_commitments_and_a_discussed_one_is_archived_with_its_milestones_kept() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let admin = app.user("admin");
    let c = app.get("/commitments/FR0041").expect(200).json();
    let milestone_ids: Vec<i64> =
        c["milestones"].as_array().unwrap().iter().map(|m| m["id"].as_i64().unwrap()).collect();
    assert_eq!(milestone_ids.len(), 4);
    let comments_before = app.count("comments");
    assert!(
        app.count(&format!("comments WHERE subject_id = (SELECT subject_id FROM commitments WHERE id = {})", c["id"]))
            > 0
    );

    app.delete("/commitments/FR0041", Some(&official.token)).expect_problem(403, "forbidden");
    app.get("/commitments/FR0041").expect(200);

    // FR0041 has a discussion (the seed's comments): it is archived, nothing is destroyed.
    let archived = app.delete("/commitments/FR0041", Some(&admin.token)).expect(200).json();
    assert!(archived["archived_at"].is_string(), "{archived}");
    assert_eq!(app.count("comments"), comments_before);
    assert_eq!(app.count(&format!("milestones WHERE commitment_id = {}", c["id"])), 4);
    let page = app.get("/commitments/FR0041").expect(200).json();
    assert_eq!(page["archived_at"], archived["archived_at"]);
    for id in &milestone_ids {
        app.get(&format!("/milestones/{id}")).expect(200);
    }
    app.get("/commitments/FR0041/comments").expect(200);
    let all = collect_pages(&app, "/commitments?limit=100", None);
    assert_eq!(all.len(), 49);
    assert!(!codes(&all).contains(&"FR0041".to_string()));
    let archived_list = collect_pages(&app, "/commitments?archived=true", None);
    assert_eq!(codes(&archived_list), ["FR0041"]);
    let member = app.user("member");
    CommentBuilder::on("/commitments/FR0041")
        .text("Et après ?")
        .send(&app, &member.token)
        .expect_problem(409, "archived");
    // Its milestones' discussions are closed with it.
    CommentBuilder::on(&format!("/milestones/{}", milestone_ids[0]))
        .text("Et après ?")
        .send(&app, &member.token)
        .expect_problem(409, "archived");

    app.post("/commitments/FR0041/restore", Some(&admin.token), &json!({})).expect(200);
    assert_eq!(collect_pages(&app, "/commitments?limit=100", None).len(), 50);
}

#[test]
fn a_commitment_whose_milestone_was_discussed_is_archived_and_one_never_discussed_is_deleted() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let member = app.user("member");
    // FR0030 has no comment; one milestone gets one.
    let c = app.get("/commitments/FR0030").expect(200).json();
    let m = MilestoneBuilder::on("FR0030", "1.1").title("Un jalon").create(&app, &admin.token);
    builders::comment(&app, &member.token, &format!("/milestones/{}", m["id"]), "Où en est-on ?");
    app.delete("/commitments/FR0030", Some(&admin.token)).expect(200);
    assert_eq!(
        app.count(&format!("comments WHERE subject_id = (SELECT subject_id FROM milestones WHERE id = {})", m["id"])),
        1
    );
    app.get(&format!("/commitments/{}", c["id"])).expect(200);

    // FR0029 was never discussed: it goes, with its milestones.
    app.delete("/commitments/FR0029", Some(&admin.token)).expect(204);
    app.get("/commitments/FR0029").expect_problem(404, "not_found");
    app.delete("/commitments/FR0029", Some(&admin.token)).expect_problem(404, "not_found");
}

// ---- Pagination ---------------------------------------------------------------------------

/// An empty app with one plan, `n` commitments `KK0010`, `KK0020`, … and an admin.
fn app_with_spaced_commitments(n: u32) -> (TestApp, TestUser, Vec<String>) {
    let app = TestApp::spawn_empty();
    let admin = app.user("admin");
    ActionPlanBuilder::new("kk-2030-2032").country("Kakania").title("Plan").create(&app, &admin.token);
    let mut codes = Vec::new();
    for i in 1..=n {
        let code = format!("KK{:04}", i * 10);
        CommitmentBuilder::new(&code).plan("kk-2030-2032").number(i as i64).create(&app, &admin.token);
        codes.push(code);
    }
    (app, admin, codes)
}

#[test]
fn keyset_pagination_neither_skips_nor_repeats_while_commitments_are_inserted() {
    let (app, admin, initial) = app_with_spaced_commitments(25);
    let mut seen: Vec<String> = Vec::new();
    let mut inserted_after: Vec<String> = Vec::new();
    let mut inserted_before: Vec<String> = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let url = match &cursor {
            Some(c) => format!("/commitments?limit=5&cursor={c}"),
            None => "/commitments?limit=5".to_string(),
        };
        let page = app.get(&url).expect(200).json();
        let items = codes(page["items"].as_array().unwrap());
        assert!(!items.is_empty(), "empty page at {url}");
        pages += 1;
        seen.extend(items.iter().cloned());
        cursor = page["next_cursor"].as_str().map(str::to_string);
        if cursor.is_none() {
            break;
        }
        // Between two page fetches, add commitments on both sides of the current position:
        // before everything, after everything and, while the cursor is among the initial
        // `KK` codes, between two already-seen items and right after the cursor.
        let last = items.last().unwrap();
        let k = pages;
        let mut batch = vec![(format!("AA{k:04}"), false), (format!("ZZ{k:04}"), true)];
        if let Some(n) = last.strip_prefix("KK") {
            let n: u32 = n.parse().unwrap();
            batch.push((format!("KK{:04}", n - 5), false));
            batch.push((format!("KK{:04}", n + 1), true));
        }
        for (code, after) in batch {
            CommitmentBuilder::new(&code).plan("kk-2030-2032").number(1).create(&app, &admin.token);
            if after {
                inserted_after.push(code)
            } else {
                inserted_before.push(code)
            }
        }
        assert!(pages < 50, "pagination does not end");
    }
    let distinct: BTreeSet<&String> = seen.iter().collect();
    assert_eq!(distinct.len(), seen.len(), "a commitment appeared twice: {seen:?}");
    for code in &initial {
        assert_eq!(seen.iter().filter(|s| *s == code).count(), 1, "{code} missing from {seen:?}");
    }
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(seen, sorted, "pages are not in code order");
    for code in &inserted_before {
        assert!(!seen.contains(code), "{code} was inserted behind the cursor yet served: {seen:?}");
    }
    for code in &inserted_after {
        assert!(seen.contains(code), "{code} was inserted ahead of the cursor yet skipped: {seen:?}");
    }
    // The whole list now holds the initial 25 plus everything inserted.
    assert_eq!(
        collect_pages(&app, "/commitments?limit=100", None).len(),
        25 + inserted_before.len() + inserted_after.len()
    );
}

#[test]
fn pagination_continues_after_the_cursor_commitment_is_deleted() {
    let (app, admin, initial) = app_with_spaced_commitments(12);
    let page = app.get("/commitments?limit=5").expect(200).json();
    assert_eq!(codes(page["items"].as_array().unwrap()), initial[..5]);
    app.delete(&format!("/commitments/{}", initial[4]), Some(&admin.token)).expect(204);
    let cursor = page["next_cursor"].as_str().unwrap();
    let next = app.get(&format!("/commitments?limit=5&cursor={cursor}")).expect(200).json();
    assert_eq!(codes(next["items"].as_array().unwrap()), initial[5..10]);
}

#[test]
fn link_header_points_at_the_next_page_and_is_absent_on_the_last() {
    let app = TestApp::spawn();
    let first = app.get("/commitments?limit=7&starred=false");
    assert_eq!(first.status, 200);
    let link = first.header("link").expect("Link header on a non-last page").to_string();
    assert!(link.contains("rel=\"next\""), "{link}");
    assert!(link.contains("cursor="), "{link}");
    assert!(link.contains("limit=7") && link.contains("starred=false"), "filters are kept: {link}");
    let body = first.json();
    let cursor = body["next_cursor"].as_str().unwrap();
    assert!(link.contains(&format!("cursor={cursor}")), "{link}");
    // Following the link gives the next page.
    let target = link.trim_start_matches('<').split('>').next().unwrap();
    assert!(target.starts_with("/api/v1/commitments?"), "{link}");
    let second = app.get(target).expect(200).json();
    assert_eq!(
        codes(second["items"].as_array().unwrap()),
        ["FR0010", "FR0011", "FR0012", "FR0013", "FR0014", "FR0016", "FR0017"]
    );

    let last = app.get("/commitments?starred=true");
    assert_eq!(last.status, 200);
    assert!(last.header("link").is_none(), "no Link on the last page");
    assert!(last.json()["next_cursor"].is_null());
}

#[test]
fn garbage_or_foreign_cursor_is_400_invalid_cursor() {
    let app = TestApp::spawn();
    app.get("/commitments?cursor=garbage!").expect_problem(400, "invalid_cursor");
    app.get("/commitments?cursor=%7B%7D").expect_problem(400, "invalid_cursor");
    // A cursor of the milestone list (an id) does not fit the commitment list (a code).
    let ms = app.get("/milestones?limit=1").expect(200).json();
    let foreign = ms["next_cursor"].as_str().unwrap();
    app.get(&format!("/commitments?cursor={foreign}")).expect_problem(400, "invalid_cursor");
}

#[test]
fn limit_outside_one_to_a_hundred_is_422_naming_limit() {
    let app = TestApp::spawn();
    for limit in ["0", "101", "1000000", "-1"] {
        let p = app.get(&format!("/commitments?limit={limit}")).expect_problem(422, "validation_failed");
        assert_eq!(error_fields(&p), ["limit"], "limit={limit}");
    }
    assert_eq!(app.get("/commitments?limit=100").expect(200).json()["items"].as_array().unwrap().len(), 50);
    assert_eq!(app.get("/commitments?limit=1").expect(200).json()["items"].as_array().unwrap().len(), 1);
    app.get("/commitments?limit=ten").expect_problem(400, "invalid_query");
}

#[test]
fn irm_relevance_is_replaced_and_null_empties_it() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let set = app
        .patch(
            "/commitments/FR0041",
            Some(&official.token),
            &json!({"irm": {"relevance": ["Access to Information", "Civic Participation"]}}),
        )
        .expect(200)
        .json();
    assert_eq!(set["irm"]["relevance"], json!(["Access to Information", "Civic Participation"]));
    assert_eq!(set["irm"]["potential_impact"], "Minor", "fields not named are kept");
    let cleared = app
        .patch("/commitments/FR0041", Some(&official.token), &json!({"irm": {"relevance": null}}))
        .expect(200)
        .json();
    assert_eq!(cleared["irm"]["relevance"], json!([]));
    assert_eq!(cleared["irm"]["verifiable"], true);
}
