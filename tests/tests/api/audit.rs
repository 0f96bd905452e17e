//! The audit trail: administrative, official and moderation writes are recorded in the write's
//! transaction, admins read them with filters, and nobody can change them (the API has no
//! route for it; the database refuses it).

use opendetat_tests::*;

fn entries(app: &TestApp, token: &str, query: &str) -> Vec<Value> {
    collect_pages(app, &format!("/admin/audit{query}"), Some(token))
}

#[test]
fn an_officials_edit_is_in_the_trail_with_who_when_what_before_and_after() {
    let app = TestApp::spawn();
    let admin = app.demo("admin@demo.opendetat.fr");
    let official = app.user("official");
    let forum = ForumBuilder::new("Forum audité").create(&app, &official.token);
    let slug = &forum.slug();
    app.patch(&format!("/forums/{slug}"), Some(&official.token), &json!({"title": "Forum audité (nouveau titre)"}))
        .expect(200);

    let found = entries(&app, &admin.token, "?action=forum.updated");
    assert_eq!(found.len(), 1, "{found:?}");
    let e = &found[0];
    assert_eq!(e["actor"]["id"], official.id);
    assert_eq!(e["actor"]["role"], "official");
    assert_eq!(e["subject"], json!({"type": "forum", "id": forum["id"], "key": slug}));
    assert_eq!(e["before"]["title"], "Forum audité");
    assert_eq!(e["after"]["title"], "Forum audité (nouveau titre)");
    assert!(e["at"].is_string());
    // The creation is there too, newest first.
    let all = entries(&app, &admin.token, &format!("?subject_type=forum&subject_key={slug}"));
    let actions: Vec<&str> = all.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["forum.updated", "forum.created"]);
    assert!(all[1]["before"].is_null());
    // An empty PATCH changes nothing and records nothing.
    app.patch(&format!("/forums/{slug}"), Some(&official.token), &json!({})).expect(200);
    assert_eq!(entries(&app, &admin.token, &format!("?subject_key={slug}")).len(), 2);
    // A member's comment is not an administrative write.
    let member = app.user("member");
    builders::comment(&app, &member.token, &format!("/forums/{slug}"), "Bonjour");
    assert!(entries(&app, &admin.token, &format!("?actor={}", member.id)).is_empty());
}

#[test]
fn role_changes_suspensions_deletions_and_moderation_are_recorded() {
    let app = TestApp::spawn();
    let admin = app.demo("admin@demo.opendetat.fr");
    let moderator = app.user("moderator");
    let member = app.user("member");
    app.patch(&format!("/admin/users/{}", member.id), Some(&admin.token), &json!({"role": "official"})).expect(200);
    app.patch(&format!("/admin/users/{}", member.id), Some(&admin.token), &json!({"suspended": true})).expect(200);
    let users = entries(&app, &admin.token, &format!("?subject_type=user&subject_key={}", member.id));
    assert_eq!(users.len(), 2, "{users:?}");
    assert_eq!(users[1]["before"], json!({"role": "member", "suspended": false, "institution_id": null}));
    assert_eq!(users[1]["after"], json!({"role": "official", "suspended": false, "institution_id": null}));
    assert_eq!(users[0]["after"], json!({"role": "official", "suspended": true, "institution_id": null}));

    let author = app.user("member");
    let c = builders::comment(&app, &author.token, "/commitments/FR0041", "Propos à masquer");
    app.put(
        &format!("/comments/{}/moderation", c["id"]),
        Some(&moderator.token),
        &json!({"hidden": true, "reason": "Hors sujet"}),
    )
    .expect(200);
    let hidden = entries(&app, &admin.token, "?action=comment.hidden");
    assert_eq!(hidden.len(), 1);
    assert_eq!(hidden[0]["actor"]["id"], moderator.id);
    assert_eq!(hidden[0]["after"]["hidden_reason"], "Hors sujet");
    // The trail keeps no comment's text.
    assert!(!hidden[0].to_string().contains("Propos à masquer"), "{}", hidden[0]);

    let plan = ActionPlanBuilder::new("fr-2030-2032").create(&app, &admin.token);
    app.delete(&format!("/action-plans/{}", plan["slug"].as_str().unwrap()), Some(&admin.token)).expect(204);
    let deleted = entries(&app, &admin.token, "?action=action_plan.deleted");
    assert_eq!(deleted[0]["before"]["slug"], "fr-2030-2032");
    assert!(deleted[0]["after"].is_null());
}

#[test]
fn filters_combine_and_pages_cover_every_entry_once() {
    let app = TestApp::spawn();
    let admin = app.demo("admin@demo.opendetat.fr");
    let official = app.user("official");
    let before = chrono_now(&app);
    for i in 0..7 {
        ForumBuilder::new(&format!("Forum {i}")).create(&app, &official.token);
    }
    let after = chrono_now(&app);
    let mine = entries(&app, &admin.token, &format!("?actor={}&action=forum.created&limit=3", official.id));
    assert_eq!(mine.len(), 7);
    let mut ids: Vec<i64> = mine.iter().map(|e| e["id"].as_i64().unwrap()).collect();
    ids.dedup();
    assert_eq!(ids.len(), 7);
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "newest first: {ids:?}");
    let window = entries(&app, &admin.token, &format!("?from={before}&to={after}&subject_type=forum"));
    assert_eq!(window.len(), 7);
    assert!(entries(&app, &admin.token, &format!("?to={before}&actor={}", official.id)).is_empty());
}

/// The database's clock, as an RFC 3339 query value.
fn chrono_now(app: &TestApp) -> String {
    #[derive(diesel::QueryableByName)]
    struct Now {
        #[diesel(sql_type = diesel::sql_types::Text)]
        now: String,
    }
    use diesel::RunQueryDsl;
    let now: Now = diesel::sql_query(
        "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS now",
    )
    .get_result(&mut app.db())
    .unwrap();
    now.now
}

#[test]
fn bad_filters_are_clear_problems_and_only_admins_read_it() {
    let app = TestApp::spawn();
    let admin = app.demo("admin@demo.opendetat.fr");
    let bad = app.get_as("/admin/audit?action=forum.exploded", &admin.token).expect_problem(400, "invalid_query");
    assert!(bad["detail"].as_str().unwrap().contains("action"), "{bad}");
    app.get_as("/admin/audit?actor=0", &admin.token).expect_problem(422, "validation_failed");
    app.get_as("/admin/audit?subject_type=Forum!", &admin.token).expect_problem(422, "validation_failed");
    app.get_as("/admin/audit?from=yesterday", &admin.token).expect_problem(400, "invalid_query");
    Guarded { method: "GET", path: "/admin/audit", body: None, allowed: &["admin"] }.check(&app);
}

#[test]
fn nobody_changes_the_trail_through_the_api_or_in_sql() {
    let app = TestApp::spawn();
    let admin = app.demo("admin@demo.opendetat.fr");
    let official = app.user("official");
    ForumBuilder::new("Forum à garder").create(&app, &official.token);
    let n = app.count("events WHERE audited");
    assert!(n >= 1);
    // The API has no route that writes it.
    for method in ["POST", "PUT", "PATCH", "DELETE"] {
        let res = app.request(
            method,
            "/admin/audit",
            Some(&admin.token),
            &[("Content-Type", "application/json")],
            Some("{}"),
        );
        res.expect_problem(405, "method_not_allowed");
    }
    // The database refuses UPDATE, DELETE and TRUNCATE, whoever connects.
    let mut conn = app.db();
    for statement in ["UPDATE events SET actor_id = NULL", "DELETE FROM events", "TRUNCATE events"] {
        let refused = diesel::RunQueryDsl::execute(diesel::sql_query(statement), &mut conn);
        let message = refused.expect_err(statement).to_string();
        assert!(message.contains("append-only"), "{statement}: {message}");
    }
    assert_eq!(app.count("events WHERE audited"), n);
    let listed = collect_pages(&app, "/admin/audit", Some(&admin.token));
    assert_eq!(listed.len() as i64, n);
}
