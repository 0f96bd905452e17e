//! Moderation in the open: reports once each, the queue, hiding with a public reason, the public
//! log (not by whom) beside the audit trail (by whom), automatic hiding, suspensions with a
//! mailed message, and the posting limit.

use opendetat_tests::*;

#[test]
fn a_report_goes_to_the_queue_and_a_hidden_comment_is_logged_in_public_without_its_moderator() {
    let app = TestApp::spawn();
    let author = app.user("member");
    let c = builders::comment(&app, &author.token, "/commitments/FR0041", "Un commentaire injurieux.").id();
    let (a, b) = (app.user("member"), app.user("member"));
    let path = format!("/comments/{c}/reports");
    let first = app.post(&path, Some(&a.token), &json!({"reason": "abuse"})).expect(201).json();
    assert_eq!(first["hid_comment"], false);
    app.post(&path, Some(&a.token), &json!({"reason": "spam"})).expect_problem(409, "already_exists");
    let p = app.post(&path, Some(&b.token), &json!({"reason": "other"})).expect_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["field"], "details");
    app.post(&path, Some(&b.token), &json!({"reason": "other", "details": "Propos hors charte."})).expect(201);
    app.post("/comments/999999/reports", Some(&b.token), &json!({"reason": "spam"})).expect_problem(404, "not_found");

    // The queue: one comment, its two reports, never who made them.
    let moderator = app.user("moderator");
    let queue = app.get_as("/moderation/reports", &moderator.token).expect(200).json();
    let items = queue["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["comment"]["id"], c);
    assert_eq!(items[0]["subject"]["key"], "FR0041");
    let reasons: Vec<&str> =
        items[0]["reports"].as_array().unwrap().iter().map(|r| r["reason"].as_str().unwrap()).collect();
    assert_eq!(reasons, ["abuse", "other"]);
    assert!(!queue.to_string().contains(&a.email) && items[0]["reports"][0].get("reporter").is_none());

    // Hidden with a reason: everyone sees the reason, only the author and moderators the text.
    let hidden = app
        .post(&format!("/moderation/reports/{c}/hide"), Some(&moderator.token), &json!({"reason": "propos injurieux"}))
        .expect(200)
        .json();
    assert_eq!(hidden["state"], "hidden");
    let public = app.get(&format!("/comments/{c}")).expect(200).json();
    assert_eq!((public["hidden_reason"].as_str(), public["body"].is_null()), (Some("propos injurieux"), true));
    assert_eq!(
        app.get_as(&format!("/comments/{c}"), &author.token).expect(200).json()["body"],
        "Un commentaire injurieux."
    );
    assert_eq!(app.get_as("/moderation/reports", &moderator.token).expect(200).json()["items"], json!([]));
    app.post(&path, Some(&app.user("member").token), &json!({"reason": "spam"}))
        .expect_problem(409, "comment_unavailable");

    // Restored: the public log has both, with the reason and no moderator.
    app.put(&format!("/comments/{c}/moderation"), Some(&moderator.token), &json!({"hidden": false})).expect(200);
    let log = app.get("/moderation-log").expect(200).json();
    let entries = log["items"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(
        (entries[0]["action"].as_str(), entries[0]["reason"].as_str()),
        (Some("restored"), Some("propos injurieux"))
    );
    assert_eq!((entries[1]["action"].as_str(), entries[1]["automatic"].as_bool()), (Some("hidden"), Some(false)));
    assert_eq!(entries[1]["subject"]["key"], "FR0041");
    assert!(!log.to_string().contains(&moderator.id.to_string()) || entries.iter().all(|e| e.get("actor").is_none()));
    // The audit trail (admins) says who.
    let admin = app.user("admin");
    let audit = app.get_as("/admin/audit?action=comment.hidden", &admin.token).expect(200).json();
    assert_eq!(audit["items"][0]["actor"]["id"], moderator.id);
}

#[test]
fn dismissing_closes_the_reports_and_is_audited() {
    let app = TestApp::spawn();
    let author = app.user("member");
    let c = builders::comment(&app, &author.token, "/commitments/FR0041", "Un avis tranché mais correct.").id();
    ReportBuilder::on(c).reason("off_topic").create(&app, &app.user("member").token);
    let moderator = app.user("moderator");
    app.post(&format!("/moderation/reports/{c}/dismiss"), Some(&moderator.token), &json!({})).expect(204);
    app.post(&format!("/moderation/reports/{c}/dismiss"), Some(&moderator.token), &json!({}))
        .expect_problem(404, "not_found");
    assert_eq!(app.get_as("/moderation/reports", &moderator.token).expect(200).json()["items"], json!([]));
    assert_eq!(app.get(&format!("/comments/{c}")).expect(200).json()["state"], "visible");
    let admin = app.user("admin");
    let audit = app.get_as("/admin/audit?action=comment.reports_dismissed", &admin.token).expect(200).json();
    assert_eq!(audit["items"].as_array().unwrap().len(), 1);
}

#[test]
fn reports_from_enough_distinct_members_hide_a_comment_when_configured() {
    let app = TestApp::spawn_with(true, &[("AUTO_HIDE_REPORTS", "3")]);
    let author = app.user("member");
    let c = builders::comment(&app, &author.token, "/commitments/FR0041", "Achetez mes produits !").id();
    for i in 0..3 {
        // Settled accounts: only those count (brand-new ones are tested in public_record.rs).
        let reporter = UserBuilder::member().created_days_ago(8).create(&app);
        let r = ReportBuilder::on(c).reason("spam").create(&app, &reporter.token);
        assert_eq!(r["hid_comment"], i == 2, "the third report hides it");
    }
    let public = app.get(&format!("/comments/{c}")).expect(200).json();
    assert_eq!(public["state"], "hidden");
    assert_eq!(public["hidden_reason"], "masqué automatiquement après 3 signalements");
    let log = app.get("/moderation-log").expect(200).json();
    assert_eq!(log["items"][0]["automatic"], true);
}

#[test]
fn a_suspension_stops_posting_mails_its_message_and_ends_or_is_lifted() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let moderator = app.user("moderator");
    let path = format!("/users/{}/suspension", member.id);
    let until = (chrono::Utc::now() + chrono::Duration::days(7)).to_rfc3339();
    app.post(&path, Some(&moderator.token), &json!({"until": "2020-01-01T00:00:00Z", "message": "Non."}))
        .expect_problem(422, "validation_failed");
    let s = app
        .post(
            &path,
            Some(&moderator.token),
            &json!({"until": until, "message": "Vos messages répétés enfreignent la charte."}),
        )
        .expect(200)
        .json();
    assert!(s["until"].is_string());
    // After the sign-up's address confirmation, the suspension's mail.
    let mail = app.wait_for_mails_to(&member.email, 2).pop().unwrap();
    let text = mail.part("text/plain").unwrap();
    assert!(text.contains("Vos messages répétés enfreignent la charte.") && text.contains("heure de Paris"), "{text}");
    CommentBuilder::on("/commitments/FR0041")
        .text("Encore moi.")
        .send(&app, &member.token)
        .expect_problem(403, "forbidden");
    // Moderators do not suspend moderators or admins, nor themselves.
    app.post(
        &format!("/users/{}/suspension", app.user("admin").id),
        Some(&moderator.token),
        &json!({"message": "Non."}),
    )
    .expect_problem(403, "forbidden");
    app.post(&format!("/users/{}/suspension", moderator.id), Some(&moderator.token), &json!({"message": "Non."}))
        .expect_problem(409, "self_lockout");
    // Lifted: the member posts again; audited both ways.
    app.delete(&path, Some(&moderator.token)).expect(204);
    app.delete(&path, Some(&moderator.token)).expect_problem(404, "not_found");
    builders::comment(&app, &member.token, "/commitments/FR0041", "Merci.");
    let admin = app.user("admin");
    assert_eq!(
        app.get_as("/admin/audit?action=user.suspended", &admin.token).expect(200).json()["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        app.get_as("/admin/audit?action=user.unsuspended", &admin.token).expect(200).json()["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // A suspension for a period ends by itself (the test moves its end; it does not wait).
    app.post(&path, Some(&moderator.token), &json!({"until": until, "message": "Une semaine."})).expect(200);
    CommentBuilder::on("/commitments/FR0041")
        .text("Suspendu.")
        .send(&app, &member.token)
        .expect_problem(403, "forbidden");
    app.sql(&format!("UPDATE users SET suspended_until = now() - interval '1 minute' WHERE id = {}", member.id));
    builders::comment(&app, &member.token, "/commitments/FR0041", "De retour.");
}

#[test]
fn posting_past_the_limit_answers_429_with_retry_after() {
    let app = TestApp::spawn_with(true, &[("RATE_LIMIT_POSTING", "3/1m")]);
    let member = app.user("member");
    for i in 0..3 {
        builders::comment(&app, &member.token, "/commitments/FR0041", &format!("Message {i}"));
    }
    let r = CommentBuilder::on("/commitments/FR0041").text("Un de trop.").send(&app, &member.token);
    assert_eq!(r.status, 429, "{}", r.text);
    assert!(r.header("Retry-After").unwrap().parse::<u64>().unwrap() >= 1);
    // Per account: another member still posts.
    builders::comment(&app, &app.user("member").token, "/commitments/FR0041", "Moi aussi.");
    assert_eq!(app.count("comments WHERE body = 'Un de trop.'"), 0);
}
