//! `/action-plans`: the seeded French plans, reads by id or slug, admin-only writes, period
//! and slug rules, and refusal to delete a plan that still has commitments.

use opendetat_tests::*;

fn error_fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .expect("errors array")
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect()
}

fn slugs(items: &[Value]) -> Vec<String> {
    items.iter().map(|p| p["slug"].as_str().unwrap().to_string()).collect()
}

#[test]
fn lists_the_two_seeded_french_plans_in_id_order() {
    let app = TestApp::spawn();
    let body = app.get("/action-plans").expect(200).json();
    let items = body["items"].as_array().unwrap();
    assert_eq!(slugs(items), ["fr-2015-2017", "fr-2018-2020"]);
    assert!(body["next_cursor"].is_null(), "{body}");
    assert_eq!(items[0]["period_start"], 2015);
    assert_eq!(items[0]["period_end"], 2017);
    assert_eq!(items[0]["country"], "France");
    assert!(items[0]["description"].is_null());
    assert_eq!(items[1]["title"], "France National Action Plan 2018-2020");
    assert_eq!(items[1]["period_start"], 2018);
    assert_eq!(items[1]["period_end"], 2020);
    assert!(items[0]["id"].as_i64().unwrap() < items[1]["id"].as_i64().unwrap());
}

#[test]
fn action_plans_page_with_a_cursor_without_repeating() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    for y in [2021, 2024, 2027] {
        ActionPlanBuilder::new(&format!("fr-{y}-{}", y + 2)).create(&app, &admin.token);
    }
    let first = app.get("/action-plans?limit=2").expect(200);
    assert!(first.header("link").unwrap_or_default().contains("rel=\"next\""));
    let all = collect_pages(&app, "/action-plans?limit=2", None);
    assert_eq!(slugs(&all), ["fr-2015-2017", "fr-2018-2020", "fr-2021-2023", "fr-2024-2026", "fr-2027-2029"]);
    app.get("/action-plans?cursor=not-a-cursor!").expect_problem(400, "invalid_cursor");
    let p = app.get("/action-plans?limit=0").expect_problem(422, "validation_failed");
    assert_eq!(error_fields(&p), ["limit"]);
}

#[test]
fn gets_a_plan_by_numeric_id_and_by_slug_identically() {
    let app = TestApp::spawn();
    let by_slug = app.get("/action-plans/fr-2018-2020").expect(200).json();
    assert_eq!(by_slug["slug"], "fr-2018-2020");
    assert_eq!(
        by_slug["description"],
        "For a Transparent and Collaborative Government: France National Action Plan 2018–2020"
    );
    let id = by_slug["id"].as_i64().unwrap();
    let by_id = app.get(&format!("/action-plans/{id}")).expect(200).json();
    assert_eq!(by_id, by_slug);
}

#[test]
fn unknown_action_plan_is_404_for_reads_and_writes() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    app.get("/action-plans/fr-1999-2001").expect_problem(404, "not_found");
    app.get("/action-plans/987654").expect_problem(404, "not_found");
    app.patch("/action-plans/fr-1999-2001", Some(&admin.token), &json!({"title": "x"}))
        .expect_problem(404, "not_found");
    app.delete("/action-plans/987654", Some(&admin.token)).expect_problem(404, "not_found");
}

#[test]
fn admin_creates_patches_and_deletes_an_action_plan() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let created = ActionPlanBuilder::new("fr-2021-2023")
        .title("France National Action Plan 2021-2023")
        .description("Troisième plan d'action national")
        .create(&app, &admin.token);
    assert_eq!(created["slug"], "fr-2021-2023");
    assert_eq!(created["title"], "France National Action Plan 2021-2023");
    assert_eq!(created["period_start"], 2021);
    assert_eq!(created["period_end"], 2023);
    assert_eq!(created["description"], "Troisième plan d'action national");
    let id = created["id"].as_i64().unwrap();
    assert_eq!(app.get("/action-plans/fr-2021-2023").expect(200).json(), created);

    let patched = app
        .patch(
            &format!("/action-plans/{id}"),
            Some(&admin.token),
            &json!({"title": "Plan d'action national 2021-2024", "period_end": 2024, "description": null}),
        )
        .expect(200)
        .json();
    assert_eq!(patched["title"], "Plan d'action national 2021-2024");
    assert_eq!(patched["period_end"], 2024);
    assert_eq!(patched["period_start"], 2021, "untouched field changed");
    assert_eq!(patched["slug"], "fr-2021-2023", "untouched field changed");
    assert!(patched["description"].is_null(), "null must clear the description: {patched}");
    assert_eq!(app.get(&format!("/action-plans/{id}")).expect(200).json(), patched);

    // An empty PATCH is a no-op.
    let same = app.patch("/action-plans/fr-2021-2023", Some(&admin.token), &json!({})).expect(200).json();
    assert_eq!(same, patched);

    let del = app.delete("/action-plans/fr-2021-2023", Some(&admin.token)).expect(204);
    assert!(del.text.is_empty());
    app.get(&format!("/action-plans/{id}")).expect_problem(404, "not_found");
    assert_eq!(app.get("/action-plans").expect(200).json()["items"].as_array().unwrap().len(), 2);
}

#[test]
fn officials_and_members_may_not_write_action_plans() {
    let app = TestApp::spawn();
    let before = app.get("/action-plans/fr-2015-2017").expect(200).json();
    for role in ["official", "member", "moderator"] {
        let user = app.user(role);
        ActionPlanBuilder::new("fr-2021-2023").send(&app, &user.token).expect_problem(403, "forbidden");
        app.patch("/action-plans/fr-2015-2017", Some(&user.token), &json!({"title": "Hijacked"}))
            .expect_problem(403, "forbidden");
        app.delete("/action-plans/fr-2015-2017", Some(&user.token)).expect_problem(403, "forbidden");
    }
    app.get("/action-plans/fr-2021-2023").expect_problem(404, "not_found");
    assert_eq!(app.get("/action-plans/fr-2015-2017").expect(200).json(), before);
}

#[test]
fn action_plan_writes_without_a_token_are_401() {
    let app = TestApp::spawn();
    let r = app.post("/action-plans", None, &ActionPlanBuilder::new("fr-2021-2023").body());
    assert_eq!(r.header("www-authenticate"), Some("Bearer"));
    r.expect_problem(401, "unauthorized");
    app.patch("/action-plans/fr-2015-2017", None, &json!({"title": "x"})).expect_problem(401, "unauthorized");
    app.delete("/action-plans/fr-2015-2017", None).expect_problem(401, "unauthorized");
    app.patch("/action-plans/fr-2015-2017", Some("not-a-jwt"), &json!({"title": "x"}))
        .expect_problem(401, "unauthorized");
    app.get("/action-plans/fr-2021-2023").expect_problem(404, "not_found");
    assert_eq!(
        app.get("/action-plans/fr-2015-2017").expect(200).json()["title"],
        "France National Action Plan 2015-2017"
    );
}

#[test]
fn period_end_before_period_start_is_refused_naming_period_end() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let p = ActionPlanBuilder::new("fr-2023-2021")
        .period(2023, 2021)
        .send(&app, &admin.token)
        .expect_problem(422, "validation_failed");
    assert_eq!(error_fields(&p), ["period_end"]);
    app.get("/action-plans/fr-2023-2021").expect_problem(404, "not_found");

    // On PATCH, the rule holds against the stored period_start.
    let p = app
        .patch("/action-plans/fr-2018-2020", Some(&admin.token), &json!({"period_end": 2017}))
        .expect_problem(409, "conflicts_with_stored");
    assert_eq!(error_fields(&p), ["period_end"]);
    assert_eq!(app.get("/action-plans/fr-2018-2020").expect(200).json()["period_end"], 2020);
}

#[test]
fn invalid_plan_fields_are_all_listed() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let body = ActionPlanBuilder::new("Bad Slug").period(1800, 2023).title("   ");
    let p = body.send(&app, &admin.token).expect_problem(422, "validation_failed");
    assert_eq!(error_fields(&p), ["period_start", "slug", "title"]);
}

#[test]
fn duplicate_slug_is_409_on_create_and_on_patch() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    ActionPlanBuilder::new("fr-2018-2020").send(&app, &admin.token).expect_problem(409, "already_exists");
    let list = app.get("/action-plans").expect(200).json();
    assert_eq!(list["items"].as_array().unwrap().len(), 2);

    ActionPlanBuilder::new("fr-2021-2023").create(&app, &admin.token);
    app.patch("/action-plans/fr-2021-2023", Some(&admin.token), &json!({"slug": "fr-2015-2017"}))
        .expect_problem(409, "already_exists");
    app.get("/action-plans/fr-2021-2023").expect(200);
}

#[test]
fn deleting_a_plan_that_has_commitments_is_409_has_commitments() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let p = app.delete("/action-plans/fr-2018-2020", Some(&admin.token)).expect_problem(409, "has_commitments");
    assert!(p["detail"].as_str().unwrap().contains("21"), "{p}");
    app.get("/action-plans/fr-2018-2020").expect(200);
    let left = collect_pages(&app, "/commitments?action_plan=fr-2018-2020&limit=100", None);
    assert_eq!(left.len(), 21);
}

#[test]
fn action_plan_updated_since_returns_only_plans_changed_since() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let future = app.get("/action-plans?updated_since=2199-01-01T00%3A00%3A00Z").expect(200).json();
    assert_eq!(future["items"], json!([]));
    let created = ActionPlanBuilder::new("fr-2021-2023").create(&app, &admin.token);
    let since = created["created_at"].as_str().unwrap().replace(':', "%3A").replace('+', "%2B");
    assert_eq!(slugs(&collect_pages(&app, &format!("/action-plans?updated_since={since}"), None)), ["fr-2021-2023"]);
    app.patch("/action-plans/fr-2015-2017", Some(&admin.token), &json!({"description": "Premier plan"})).expect(200);
    assert_eq!(
        slugs(&collect_pages(&app, &format!("/action-plans?updated_since={since}"), None)),
        ["fr-2015-2017", "fr-2021-2023"]
    );
}
