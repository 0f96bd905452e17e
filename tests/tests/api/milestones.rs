//! Milestones: FR0041's 12.1–12.4, the global `/milestones` sync list, writes by officials and
//! admins, their effect on the commitment's progress, and pagination under concurrent inserts.

use std::collections::BTreeSet;

use opendetat_tests::*;

fn mcodes(items: &[Value]) -> Vec<String> {
    items.iter().map(|m| m["code"].as_str().unwrap().to_string()).collect()
}

fn ids(items: &[Value]) -> Vec<i64> {
    items.iter().map(|m| m["id"].as_i64().unwrap()).collect()
}

fn error_fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .expect("errors array")
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect()
}

fn enc(value: &str) -> String {
    value.replace('+', "%2B").replace(':', "%3A")
}

fn progress(app: &TestApp, code: &str) -> Value {
    app.get(&format!("/commitments/{code}")).expect(200).json()["milestone_progress"].clone()
}

#[test]
fn lists_fr0041_milestones_in_order() {
    let app = TestApp::spawn();
    let body = app.get("/commitments/FR0041/milestones").expect(200).json();
    assert!(body["next_cursor"].is_null());
    let items = body["items"].as_array().unwrap();
    assert_eq!(mcodes(items), ["12.1", "12.2", "12.3", "12.4"]);
    assert_eq!(items.iter().map(|m| m["position"].as_i64().unwrap()).collect::<Vec<_>>(), [1, 2, 3, 4]);
    assert!(items.iter().all(|m| m["commitment_code"] == "FR0041"));
    assert_eq!(
        items[0]["title"],
        "Trial a discussion forum format by organising 5 \"Open d’Etat\" forums so as to monitor implementation of France's National Action Plan for the OGP"
    );
    assert_eq!(items[2]["due_period"], "2019");
    assert_eq!(items[2]["due_date"], "2019-12-31");
    assert_eq!(items[3]["status"], "not_started");
    // Same list by numeric id and lowercase code, and as on the commitment itself.
    let c = app.get("/commitments/FR0041").expect(200).json();
    assert_eq!(&c["milestones"], &body["items"]);
    let id = c["id"].as_i64().unwrap();
    assert_eq!(app.get(&format!("/commitments/{id}/milestones")).expect(200).json(), body);
    assert_eq!(app.get("/commitments/fr0041/milestones").expect(200).json(), body);
    // Paged by two, and filtered by status.
    assert_eq!(
        mcodes(&collect_pages(&app, "/commitments/FR0041/milestones?limit=2", None)),
        ["12.1", "12.2", "12.3", "12.4"]
    );
    assert_eq!(
        mcodes(&collect_pages(&app, "/commitments/FR0041/milestones?status=not_started", None)),
        ["12.3", "12.4"]
    );
    // A commitment without milestones, and an unknown one.
    assert_eq!(app.get("/commitments/FR0001/milestones").expect(200).json()["items"], json!([]));
    app.get("/commitments/FR9999/milestones").expect_problem(404, "not_found");
}

#[test]
fn global_milestone_list_pages_by_id_and_filters() {
    let app = TestApp::spawn();
    let first = app.get("/milestones?limit=3");
    assert_eq!(first.status, 200);
    let link = first.header("link").expect("Link on a non-last page").to_string();
    assert!(link.contains("rel=\"next\"") && link.contains("cursor="), "{link}");
    let all = collect_pages(&app, "/milestones?limit=3", None);
    assert_eq!(mcodes(&all), ["12.1", "12.2", "12.3", "12.4"]);
    let all_ids = ids(&all);
    assert!(all_ids.windows(2).all(|w| w[0] < w[1]), "{all_ids:?}");
    assert!(all.iter().all(|m| m["commitment_code"] == "FR0041"));
    assert_eq!(mcodes(&collect_pages(&app, "/milestones?status=in_progress", None)), ["12.1", "12.2"]);
    assert_eq!(app.get("/milestones?status=delayed").expect(200).json()["items"], json!([]));
    app.get("/milestones?status=done").expect_problem(400, "invalid_query");
}

#[test]
fn global_milestone_list_supports_updated_since() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let future = app.get(&format!("/milestones?updated_since={}", enc("2199-01-01T00:00:00Z"))).expect(200).json();
    assert_eq!(future["items"], json!([]));
    assert!(future["next_cursor"].is_null());
    assert_eq!(
        collect_pages(&app, &format!("/milestones?updated_since={}", enc("2000-01-01T00:00:00Z")), None).len(),
        4
    );

    // A server-side instant before the changes: the creation time of a new milestone.
    let new = MilestoneBuilder::on("FR0041", "12.5").title("Assess the forums").create(&app, &official.token);
    let since = new["created_at"].as_str().unwrap().to_string();
    assert_eq!(mcodes(&collect_pages(&app, &format!("/milestones?updated_since={}", enc(&since)), None)), ["12.5"]);

    let id = milestone_id(&app, "FR0041", "12.2");
    let old = app.get(&format!("/milestones/{id}")).expect(200).json();
    let admin = app.user("admin");
    ProgressBuilder::on(id).status("delayed").completion("limited").note("En retard.").create(&app, &admin.token);
    let patched = app.get(&format!("/milestones/{id}")).expect(200).json();
    assert_ne!(patched["updated_at"], old["updated_at"]);
    let changed = collect_pages(&app, &format!("/milestones?updated_since={}", enc(&since)), None);
    assert_eq!(mcodes(&changed), ["12.2", "12.5"]);
    assert_eq!(changed[0]["status"], "delayed");
    let per_commitment =
        collect_pages(&app, &format!("/commitments/FR0041/milestones?updated_since={}", enc(&since)), None);
    assert_eq!(mcodes(&per_commitment), ["12.2", "12.5"]);
}

#[test]
fn gets_one_milestone_by_id() {
    let app = TestApp::spawn();
    let c = app.get("/commitments/FR0041").expect(200).json();
    let m = &c["milestones"][1];
    let id = m["id"].as_i64().unwrap();
    let got = app.get(&format!("/milestones/{id}")).expect(200).json();
    assert_eq!(&got, m);
    assert_eq!(got["code"], "12.2");
    assert_eq!(got["commitment_id"], c["id"]);
    assert_eq!(got["commitment_code"], "FR0041");
    assert_eq!(got["due_period"], "Semester 2 2018");
    assert!(got["description"].is_null() && got["description_html"].is_null());
    app.get("/milestones/99999999").expect_problem(404, "not_found");
    app.get("/milestones/twelve").expect_problem(404, "not_found");
}

#[test]
fn official_adds_a_milestone_after_the_last_by_default() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let body = json!({
        "code": " 12.5 ",
        "title": "  Assess the forums  ",
        "description": "With **participants**.",
        "due_date": "2020-06-30",
        "due_period": "Semester 1 2020"
    });
    let m = app.post("/commitments/FR0041/milestones", Some(&official.token), &body).expect(201).json();
    assert_eq!(m["code"], "12.5", "code is trimmed");
    assert_eq!(m["title"], "Assess the forums", "title is trimmed");
    assert_eq!(m["position"], 5);
    assert_eq!(m["status"], "not_started");
    assert_eq!(m["commitment_code"], "FR0041");
    assert_eq!(m["due_date"], "2020-06-30");
    assert_eq!(m["due_period"], "Semester 1 2020");
    assert!(m["description_html"].as_str().unwrap().contains("<strong>participants</strong>"), "{m}");
    let id = m["id"].as_i64().unwrap();
    assert_eq!(app.get(&format!("/milestones/{id}")).expect(200).json(), m);

    // An explicit position puts it first; the next default still goes after the last.
    let first = app
        .post(
            "/commitments/FR0041/milestones",
            Some(&official.token),
            &json!({"code": "12.0", "title": "Kick-off", "position": 0, "status": "completed"}),
        )
        .expect(201)
        .json();
    assert_eq!(first["position"], 0);
    assert_eq!(first["status"], "completed");
    let last = app
        .post("/commitments/FR0041/milestones", Some(&official.token), &json!({"code": "12.6", "title": "Wrap-up"}))
        .expect(201)
        .json();
    assert_eq!(last["position"], 6);
    let list = app.get("/commitments/FR0041/milestones").expect(200).json();
    assert_eq!(mcodes(list["items"].as_array().unwrap()), ["12.0", "12.1", "12.2", "12.3", "12.4", "12.5", "12.6"]);
    assert_eq!(progress(&app, "FR0041")["total"], 7);

    // The first milestone of a commitment without any.
    let admin = app.user("admin");
    let m = app
        .post("/commitments/FR0030/milestones", Some(&admin.token), &json!({"code": "1.1", "title": "Publish"}))
        .expect(201)
        .json();
    assert_eq!(m["position"], 1);
    assert_eq!(m["commitment_code"], "FR0030");
}

#[test]
fn milestone_creation_validates_and_needs_a_known_commitment() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let p = app
        .post(
            "/commitments/FR0041/milestones",
            Some(&official.token),
            &json!({"code": "   ", "title": "", "position": -1}),
        )
        .expect_problem(422, "validation_failed");
    assert_eq!(
        error_fields(&p).into_iter().collect::<BTreeSet<_>>(),
        BTreeSet::from(["code", "position", "title"].map(String::from))
    );
    app.post(
        "/commitments/FR0041/milestones",
        Some(&official.token),
        &json!({"code": "12.5", "title": "x", "status": "done"}),
    )
    .expect_problem(422, "unprocessable_body");
    app.post("/commitments/FR9999/milestones", Some(&official.token), &json!({"code": "1.1", "title": "x"}))
        .expect_problem(404, "not_found");
    assert_eq!(progress(&app, "FR0041")["total"], 4);
}

#[test]
fn duplicate_milestone_code_conflicts_only_within_one_commitment() {
    let app = TestApp::spawn();
    let official = app.user("official");
    app.post("/commitments/FR0041/milestones", Some(&official.token), &json!({"code": "12.1", "title": "Again"}))
        .expect_problem(409, "already_exists");
    // Codes are trimmed before the check.
    app.post("/commitments/FR0041/milestones", Some(&official.token), &json!({"code": " 12.1 ", "title": "Again"}))
        .expect_problem(409, "already_exists");
    assert_eq!(progress(&app, "FR0041")["total"], 4);

    let other = app
        .post(
            "/commitments/FR0030/milestones",
            Some(&official.token),
            &json!({"code": "12.1", "title": "Same code elsewhere"}),
        )
        .expect(201)
        .json();
    assert_eq!(other["commitment_code"], "FR0030");
    assert_eq!(other["code"], "12.1");

    // Renaming onto a sibling's code conflicts too.
    let id = milestone_id(&app, "FR0041", "12.4");
    app.patch(&format!("/milestones/{id}"), Some(&official.token), &json!({"code": "12.1"}))
        .expect_problem(409, "already_exists");
    assert_eq!(app.get(&format!("/milestones/{id}")).expect(200).json()["code"], "12.4");
}

#[test]
fn milestone_writes_need_an_official_or_admin() {
    let app = TestApp::spawn();
    let id = milestone_id(&app, "FR0041", "12.1");
    let before = app.get(&format!("/milestones/{id}")).expect(200).json();
    let new = MilestoneBuilder::on("FR0041", "12.5").title("x");
    for role in ["member", "moderator"] {
        let user = app.user(role);
        new.send(&app, &user.token).expect_problem(403, "forbidden");
        app.patch(&format!("/milestones/{id}"), Some(&user.token), &json!({"title": "Autre titre"}))
            .expect_problem(403, "forbidden");
        app.delete(&format!("/milestones/{id}"), Some(&user.token)).expect_problem(403, "forbidden");
    }
    app.post("/commitments/FR0041/milestones", None, &new.body()).expect_problem(401, "unauthorized");
    app.patch(&format!("/milestones/{id}"), None, &json!({"title": "Autre titre"})).expect_problem(401, "unauthorized");
    app.delete(&format!("/milestones/{id}"), None).expect_problem(401, "unauthorized");
    assert_eq!(app.get(&format!("/milestones/{id}")).expect(200).json(), before);
    assert_eq!(progress(&app, "FR0041")["total"], 4);
}

#[test]
fn milestone_statuses_drive_the_commitments_progress() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    // A status changes through the progress log only.
    let set = |code: &str, status: &str| {
        let id = milestone_id(&app, "FR0041", code);
        ProgressBuilder::on(id).status(status).completion("limited").note("Point.").create(&app, &admin.token);
        assert_eq!(app.get(&format!("/milestones/{id}")).expect(200).json()["status"], status);
    };
    set("12.3", "completed");
    assert_eq!(
        progress(&app, "FR0041"),
        json!({"total": 4, "not_started": 1, "in_progress": 2, "completed": 1, "delayed": 0, "withdrawn": 0, "percent_complete": 25})
    );
    // Withdrawn milestones do not count: 1 of 3.
    set("12.4", "withdrawn");
    assert_eq!(
        progress(&app, "FR0041"),
        json!({"total": 4, "not_started": 0, "in_progress": 2, "completed": 1, "delayed": 0, "withdrawn": 1, "percent_complete": 33})
    );
    set("12.1", "completed");
    set("12.2", "completed");
    assert_eq!(progress(&app, "FR0041")["percent_complete"], 100);
    // The list shows the same progress.
    let listed = collect_pages(&app, "/commitments?q=FR0041", None);
    assert_eq!(listed[0]["milestone_progress"]["completed"], 3);
    assert_eq!(listed[0]["milestone_progress"]["percent_complete"], 100);
}

#[test]
fn invalid_milestone_status_is_422_and_changes_nothing() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let admin = app.user("admin");
    let id = milestone_id(&app, "FR0041", "12.3");
    let report = ProgressBuilder::on(id).completion("limited");
    report.clone().status("done").send(&app, &admin.token).expect_problem(422, "unprocessable_body");
    report.status("Completed").send(&app, &admin.token).expect_problem(422, "unprocessable_body");
    // A PATCH does not set a status: the log does.
    app.patch(&format!("/milestones/{id}"), Some(&official.token), &json!({"status": "completed"}))
        .expect_problem(422, "unprocessable_body");
    let p = app
        .patch(&format!("/milestones/{id}"), Some(&official.token), &json!({"title": "  ", "position": 100001}))
        .expect_problem(422, "validation_failed");
    assert_eq!(error_fields(&p), ["position", "title"]);
    let m = app.get(&format!("/milestones/{id}")).expect(200).json();
    assert_eq!(m["status"], "not_started");
    assert_eq!(m["position"], 3);
    app.patch("/milestones/99999999", Some(&official.token), &json!({"title": "Autre titre"}))
        .expect_problem(404, "not_found");
}

#[test]
fn milestone_patch_is_partial_and_null_clears() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let id = milestone_id(&app, "FR0041", "12.3");
    let before = app.get(&format!("/milestones/{id}")).expect(200).json();
    let after = app
        .patch(
            &format!("/milestones/{id}"),
            Some(&official.token),
            &json!({"due_date": null, "due_period": null, "description": "Done *soon*"}),
        )
        .expect(200)
        .json();
    assert!(after["due_date"].is_null() && after["due_period"].is_null(), "{after}");
    assert_eq!(after["description"], "Done *soon*");
    assert!(after["description_html"].as_str().unwrap().contains("<em>soon</em>"));
    assert_eq!(after["title"], before["title"]);
    assert_eq!(after["status"], before["status"]);
    assert_eq!(after["code"], "12.3");
    assert_eq!(after["position"], 3);
    let same = app.patch(&format!("/milestones/{id}"), Some(&official.token), &json!({})).expect(200).json();
    assert_eq!(same, after);
}

#[test]
fn deleted_milestone_is_gone() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let admin = app.user("admin");
    // 12.3 has no discussion.
    let id = milestone_id(&app, "FR0041", "12.3");
    app.delete(&format!("/milestones/{id}"), Some(&official.token)).expect_problem(403, "forbidden");
    let r = app.delete(&format!("/milestones/{id}"), Some(&admin.token)).expect(204);
    assert!(r.text.is_empty());
    app.get(&format!("/milestones/{id}")).expect_problem(404, "not_found");
    app.delete(&format!("/milestones/{id}"), Some(&admin.token)).expect_problem(404, "not_found");
    let list = app.get("/commitments/FR0041/milestones").expect(200).json();
    assert_eq!(mcodes(list["items"].as_array().unwrap()), ["12.1", "12.2", "12.4"]);
}

#[test]
fn a_discussed_milestone_is_archived_out_of_lists_and_progress() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let member = app.user("member");
    // 12.2 has the seed's comments.
    let id = milestone_id(&app, "FR0041", "12.2");
    let comments =
        app.count(&format!("comments WHERE subject_id = (SELECT subject_id FROM milestones WHERE id = {id})"));
    assert!(comments > 0);
    let archived = app.delete(&format!("/milestones/{id}"), Some(&admin.token)).expect(200).json();
    assert!(archived["archived_at"].is_string(), "{archived}");
    assert_eq!(
        app.count(&format!("comments WHERE subject_id = (SELECT subject_id FROM milestones WHERE id = {id})")),
        comments
    );
    app.get(&format!("/milestones/{id}")).expect(200);
    app.get(&format!("/milestones/{id}/comments")).expect(200);
    let list = app.get("/commitments/FR0041/milestones").expect(200).json();
    assert_eq!(mcodes(list["items"].as_array().unwrap()), ["12.1", "12.3", "12.4"]);
    assert_eq!(
        progress(&app, "FR0041"),
        json!({"total": 3, "not_started": 2, "in_progress": 1, "completed": 0, "delayed": 0, "withdrawn": 0, "percent_complete": 0})
    );
    assert_eq!(mcodes(&collect_pages(&app, "/milestones", None)), ["12.1", "12.3", "12.4"]);
    assert_eq!(mcodes(&collect_pages(&app, "/milestones?archived=true", None)), ["12.2"]);
    CommentBuilder::on(&format!("/milestones/{id}"))
        .text("Et ce jalon ?")
        .send(&app, &member.token)
        .expect_problem(409, "archived");
    app.post(&format!("/milestones/{id}/restore"), Some(&admin.token), &json!({})).expect(200);
    assert_eq!(mcodes(&collect_pages(&app, "/milestones", None)).len(), 4);
}

// ---- Pagination under concurrent inserts --------------------------------------------------

/// An empty app with one plan, the given commitments and an admin.
fn empty_app_with(commitments: &[&str]) -> (TestApp, TestUser) {
    let app = TestApp::spawn_empty();
    let admin = app.user("admin");
    ActionPlanBuilder::new("kk-2030-2032").country("Kakania").title("Plan").create(&app, &admin.token);
    for (i, code) in commitments.iter().enumerate() {
        CommitmentBuilder::new(code).plan("kk-2030-2032").number(i as i64 + 1).create(&app, &admin.token);
    }
    (app, admin)
}

#[test]
fn global_milestone_pagination_neither_skips_nor_repeats_while_milestones_are_inserted() {
    let commitments = ["KK0001", "KK0002", "KK0003"];
    let (app, admin) = empty_app_with(&commitments);
    let mut initial = Vec::new();
    for i in 0..25 {
        initial.push(MilestoneBuilder::on(commitments[i % 3], &format!("{i}")).create(&app, &admin.token).id());
    }
    let mut seen: Vec<i64> = Vec::new();
    let mut inserted = Vec::new();
    let mut cursor: Option<String> = None;
    for page_no in 0.. {
        assert!(page_no < 50, "pagination does not end");
        let url = match &cursor {
            Some(c) => format!("/milestones?limit=5&cursor={c}"),
            None => "/milestones?limit=5".to_string(),
        };
        let page = app.get(&url).expect(200).json();
        let items = page["items"].as_array().unwrap();
        assert!(!items.is_empty(), "empty page at {url}");
        seen.extend(ids(items));
        cursor = page["next_cursor"].as_str().map(str::to_string);
        if cursor.is_none() {
            break;
        }
        // New milestones in every commitment, including those already paged past.
        for c in commitments {
            inserted
                .push(MilestoneBuilder::on(c, &format!("new-{page_no}")).position(0).create(&app, &admin.token).id());
        }
    }
    let distinct: BTreeSet<i64> = seen.iter().copied().collect();
    assert_eq!(distinct.len(), seen.len(), "a milestone appeared twice: {seen:?}");
    for id in &initial {
        assert_eq!(seen.iter().filter(|s| *s == id).count(), 1, "{id} missing from {seen:?}");
    }
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "not in id order: {seen:?}");
    // Milestones get increasing ids, so everything inserted meanwhile is ahead of the cursor.
    for id in &inserted {
        assert!(seen.contains(id), "{id} inserted during paging was skipped");
    }
    assert_eq!(seen.len(), initial.len() + inserted.len());
}

#[test]
fn commitment_milestone_pagination_neither_skips_nor_repeats_while_milestones_are_inserted() {
    let (app, admin) = empty_app_with(&["KK0001"]);
    let initial: Vec<i64> =
        (1..=12).map(|i| MilestoneBuilder::on("KK0001", &format!("1.{i}")).create(&app, &admin.token).id()).collect();
    let mut seen: Vec<Value> = Vec::new();
    let mut before = Vec::new();
    let mut after = Vec::new();
    let mut cursor: Option<String> = None;
    for page_no in 0.. {
        assert!(page_no < 50, "pagination does not end");
        let url = match &cursor {
            Some(c) => format!("/commitments/KK0001/milestones?limit=4&cursor={c}"),
            None => "/commitments/KK0001/milestones?limit=4".to_string(),
        };
        let page = app.get(&url).expect(200).json();
        let items = page["items"].as_array().unwrap().clone();
        assert!(!items.is_empty());
        let last_pos = items.last().unwrap()["position"].as_i64().unwrap();
        seen.extend(items);
        cursor = page["next_cursor"].as_str().map(str::to_string);
        if cursor.is_none() {
            break;
        }
        // Before the cursor: position 0. After it: the cursor's own position (a larger id
        // sorts after) and the very end.
        before.push(MilestoneBuilder::on("KK0001", &format!("b{page_no}")).position(0).create(&app, &admin.token).id());
        after.push(
            MilestoneBuilder::on("KK0001", &format!("s{page_no}")).position(last_pos).create(&app, &admin.token).id(),
        );
        after.push(
            MilestoneBuilder::on("KK0001", &format!("e{page_no}")).position(1000).create(&app, &admin.token).id(),
        );
    }
    let seen_ids = ids(&seen);
    let distinct: BTreeSet<i64> = seen_ids.iter().copied().collect();
    assert_eq!(distinct.len(), seen_ids.len(), "a milestone appeared twice: {seen_ids:?}");
    for id in &initial {
        assert_eq!(seen_ids.iter().filter(|s| *s == id).count(), 1, "{id} missing");
    }
    let keys: Vec<(i64, i64)> =
        seen.iter().map(|m| (m["position"].as_i64().unwrap(), m["id"].as_i64().unwrap())).collect();
    assert!(keys.windows(2).all(|w| w[0] < w[1]), "not in (position, id) order: {keys:?}");
    for id in &before {
        assert!(!seen_ids.contains(id), "{id} was inserted behind the cursor yet served");
    }
    for id in &after {
        assert!(seen_ids.contains(id), "{id} was inserted ahead of the cursor yet skipped");
    }
}

#[test]
fn milestone_lists_reject_bad_cursors_and_limits() {
    let app = TestApp::spawn();
    app.get("/milestones?cursor=garbage!").expect_problem(400, "invalid_cursor");
    app.get("/commitments/FR0041/milestones?cursor=garbage!").expect_problem(400, "invalid_cursor");
    // A cursor of the global list (an id) does not fit a commitment's list (position, id).
    let global = app.get("/milestones?limit=1").expect(200).json();
    let foreign = global["next_cursor"].as_str().unwrap();
    app.get(&format!("/commitments/FR0041/milestones?cursor={foreign}")).expect_problem(400, "invalid_cursor");
    for limit in ["0", "101", "1000000"] {
        let p = app.get(&format!("/milestones?limit={limit}")).expect_problem(422, "validation_failed");
        assert_eq!(error_fields(&p), ["limit"]);
        let p =
            app.get(&format!("/commitments/FR0041/milestones?limit={limit}")).expect_problem(422, "validation_failed");
        assert_eq!(error_fields(&p), ["limit"]);
    }
}
