//! Posting comments on the three kinds of subject, who may, and replies threaded under
//! their top-level comment on the same subject.

use opendetat_tests::*;

use super::*;

#[test]
fn posts_a_comment_on_a_forum_by_id_or_slug() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let forum = app.get(&format!("/forums/{DIALOGUE}")).expect(200).json();
    let res = app
        .post(
            &format!("/forums/{DIALOGUE}/comments"),
            Some(&member.token),
            &json!({"body": "Merci pour ce **forum**."}),
        )
        .expect(201);
    let c = res.json();
    assert_eq!(res.header("location"), Some(format!("/api/v1/comments/{}", c.id()).as_str()));
    assert_eq!(c["target"], json!({"type": "forum", "id": forum["id"]}));
    assert_eq!(c["author"]["id"], member.id);
    assert_eq!(c["author"]["display_name"], "Test member");
    assert_eq!(c["author"]["role"], "member");
    assert_eq!(c["body"], "Merci pour ce **forum**.");
    assert_eq!(c["body_html"], "<p>Merci pour ce <strong>forum</strong>.</p>\n");
    assert_eq!(c["state"], "visible");
    assert_eq!(c["depth"], 0);
    assert!(
        c["parent_id"].is_null() && c["root_id"].is_null() && c["edited_at"].is_null() && c["deleted_at"].is_null()
    );
    assert!(c["hidden_reason"].is_null());
    assert_eq!(c["reply_count"], 0);
    utc_nanos(c["created_at"].as_str().unwrap());
    // The Location answers with the same comment (the 201 is built without reading it back,
    // so every field must agree with what was stored).
    let mut fetched = app.get(res.header("location").unwrap()).expect(200).json();
    fetched.as_object_mut().unwrap().remove("replies");
    let mut posted = c.clone();
    posted.as_object_mut().unwrap().remove("replies");
    assert_eq!(fetched, posted);

    let by_id = builders::comment(&app, &member.token, &format!("/forums/{}", forum["id"]), "Par l'identifiant");
    assert_eq!(by_id["target"], json!({"type": "forum", "id": forum["id"]}));
    let listed = page_items(&app, &format!("/forums/{DIALOGUE}/comments"));
    assert_eq!(ids(&listed)[..2], [by_id.id(), c.id()]);
}

#[test]
fn posts_a_comment_on_a_commitment_by_code() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let commitment = app.get("/commitments/FR0041").expect(200).json();
    let res = app
        .post("/commitments/FR0041/comments", Some(&member.token), &json!({"body": "Où en est cet engagement ?"}))
        .expect(201);
    let c = res.json();
    assert_eq!(res.header("location"), Some(format!("/api/v1/comments/{}", c.id()).as_str()));
    assert_eq!(c["target"], json!({"type": "commitment", "id": commitment["id"]}));
    assert_eq!(c["author"]["id"], member.id);
    assert_eq!(c["body_html"], "<p>Où en est cet engagement ?</p>\n");
    assert_eq!(c["state"], "visible");
    assert_eq!(c["depth"], 0);
    assert_eq!(
        app.count(&format!(
            "comments WHERE subject_id = (SELECT subject_id FROM commitments WHERE id = {}) AND id = {}",
            commitment["id"],
            c.id()
        )),
        1
    );
    // By numeric id and lowercase code too; listed newest first before the seeded thread.
    let by_id = builders::comment(&app, &member.token, &format!("/commitments/{}", commitment["id"]), "Par id");
    let lower = builders::comment(&app, &member.token, "/commitments/fr0041", "En minuscules");
    let listed = page_items(&app, "/commitments/FR0041/comments");
    assert_eq!(ids(&listed)[..3], [lower.id(), by_id.id(), c.id()]);
    assert_eq!(listed.len(), 4, "with the seeded thread");
}

#[test]
fn posts_a_comment_on_a_milestone() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let m = milestone_id(&app, "FR0041", "12.1");
    let res = app
        .post(&format!("/milestones/{m}/comments"), Some(&member.token), &json!({"body": "Ce jalon est-il *tenu* ?"}))
        .expect(201);
    let c = res.json();
    assert_eq!(res.header("location"), Some(format!("/api/v1/comments/{}", c.id()).as_str()));
    assert_eq!(c["target"], json!({"type": "milestone", "id": m}));
    assert_eq!(c["author"]["id"], member.id);
    assert_eq!(c["body_html"], "<p>Ce jalon est-il <em>tenu</em> ?</p>\n");
    assert_eq!(c["state"], "visible");
    assert_eq!(c["depth"], 0);
    assert_eq!(ids(&page_items(&app, &format!("/milestones/{m}/comments"))), [c.id()]);
    // Milestone 12.2 keeps its own seeded discussion.
    let other = milestone_id(&app, "FR0041", "12.2");
    let seeded = page_items(&app, &format!("/milestones/{other}/comments"));
    assert_eq!(seeded.len(), 1);
    assert_eq!(seeded[0]["reply_count"], 1);
}

#[test]
fn posting_a_comment_requires_a_token_on_every_target() {
    let app = TestApp::spawn();
    let before = app.count("comments");
    let m = milestone_id(&app, "FR0041", "12.1");
    for target in [format!("/forums/{DIALOGUE}"), "/commitments/FR0041".to_string(), format!("/milestones/{m}")] {
        let res = app.post(&format!("{target}/comments"), None, &json!({"body": "Anonyme"}));
        assert_eq!(res.header("www-authenticate"), Some("Bearer"));
        res.expect_problem(401, "unauthorized");
        app.post(&format!("{target}/comments"), Some("garbage"), &json!({"body": "Anonyme"}))
            .expect_problem(401, "unauthorized");
    }
    assert_eq!(app.count("comments"), before);
}

/// The author's account is checked inside the post's own transaction: a suspended account
/// gets 403 and a deleted one 401, with a valid body or not, and nothing is written.
#[test]
fn a_suspended_or_deleted_account_cannot_post() {
    let app = TestApp::spawn();
    let before = app.count("comments");
    let target = format!("/forums/{DIALOGUE}/comments");
    let suspended = app.user("member");
    app.sql(&format!("UPDATE users SET suspended_at = now() WHERE id = {}", suspended.id));
    for body in [json!({"body": "Valide"}), json!({"body": ""}), json!({})] {
        app.post(&target, Some(&suspended.token), &body).expect_problem(403, "forbidden");
    }
    let gone = app.user("member");
    app.sql(&format!("DELETE FROM users WHERE id = {}", gone.id));
    for body in [json!({"body": "Valide"}), json!({})] {
        app.post(&target, Some(&gone.token), &body).expect_problem(401, "unauthorized");
    }
    // On an unknown target too, the account comes first.
    app.post("/forums/no-such-forum/comments", Some(&suspended.token), &json!({"body": "Valide"}))
        .expect_problem(403, "forbidden");
    assert_eq!(app.count("comments"), before);
}

#[test]
fn commenting_on_an_unknown_target_is_a_404() {
    let app = TestApp::spawn();
    let member = app.user("member");
    for target in
        ["/forums/no-such-forum", "/forums/999999", "/commitments/FR9999", "/milestones/999999", "/milestones/abc"]
    {
        app.post(&format!("{target}/comments"), Some(&member.token), &json!({"body": "Perdu"}))
            .expect_problem(404, "not_found");
        app.get(&format!("{target}/comments")).expect_problem(404, "not_found");
    }
}

// ---------------------------------------------------------------------------------------------
// Replies
// ---------------------------------------------------------------------------------------------

#[test]
fn replies_nest_under_the_top_level_comment_of_their_thread() {
    let app = TestApp::spawn();
    let forum =
        format!("/forums/{}", ForumBuilder::new("Forum des réponses").create(&app, &app.user("official").token).id());
    let alice = app.user("member");
    let bob = app.user("member");
    let top = builders::comment(&app, &alice.token, &forum, "Question");
    let r1 = builders::reply(&app, &bob.token, &forum, top.id(), "Réponse");
    assert_eq!(r1["parent_id"], top["id"]);
    assert_eq!(r1["root_id"], top["id"]);
    assert_eq!(r1["depth"], 1);
    let r2 = builders::reply(&app, &alice.token, &forum, r1.id(), "Réponse à la réponse");
    assert_eq!(r2["parent_id"], r1["id"]);
    assert_eq!(r2["root_id"], top["id"], "the root stays the top-level comment");
    assert_eq!(r2["depth"], 2);
    let r3 = builders::reply(&app, &bob.token, &forum, r2.id(), "Plus profond");
    assert_eq!(r3["root_id"], top["id"]);
    assert_eq!(r3["depth"], 3);

    assert_eq!(get_comment(&app, top.id(), None)["reply_count"], 1);
    assert_eq!(get_comment(&app, r1.id(), None)["reply_count"], 1);
    builders::reply(&app, &bob.token, &forum, top.id(), "Deuxième réponse");
    assert_eq!(get_comment(&app, top.id(), None)["reply_count"], 2);
    assert_eq!(get_comment(&app, r3.id(), None)["reply_count"], 0);
    // Only the top-level comment is a thread.
    assert_eq!(ids(&page_items(&app, &format!("{forum}/comments"))), [top.id()]);

    // Replies work on commitments and milestones too.
    let c_top = builders::comment(&app, &alice.token, "/commitments/FR0041", "Sur l'engagement");
    let c_reply = builders::reply(&app, &bob.token, "/commitments/FR0041", c_top.id(), "Réponse");
    assert_eq!((c_reply["depth"].clone(), c_reply["root_id"].clone()), (json!(1), c_top["id"].clone()));
    let m = format!("/milestones/{}", milestone_id(&app, "FR0041", "12.3"));
    let m_top = builders::comment(&app, &alice.token, &m, "Sur le jalon");
    let m_reply = builders::reply(&app, &bob.token, &m, m_top.id(), "Réponse");
    assert_eq!((m_reply["depth"].clone(), m_reply["root_id"].clone()), (json!(1), m_top["id"].clone()));
}

#[test]
fn a_reply_must_answer_a_comment_on_the_same_target() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let forum = format!("/forums/{}", ForumBuilder::new("Forum A").create(&app, &app.user("official").token).id());
    let on_forum = builders::comment(&app, &member.token, &forum, "Sur le forum");
    let on_commitment = builders::comment(&app, &member.token, "/commitments/FR0041", "Sur l'engagement");
    let m = milestone_id(&app, "FR0041", "12.1");
    let before = app.count("comments");
    let cases = [
        ("/commitments/FR0041".to_string(), &on_forum),
        (forum.clone(), &on_commitment),
        (format!("/milestones/{m}"), &on_commitment),
        (format!("/forums/{DIALOGUE}"), &on_forum),
        ("/commitments/FR0042".to_string(), &on_commitment),
    ];
    for (target, parent) in cases {
        let p = app
            .post(
                &format!("{target}/comments"),
                Some(&member.token),
                &json!({"body": "Égaré", "parent_id": parent["id"]}),
            )
            .expect_problem(409, "unknown_reference");
        assert_eq!(field_names(&p), ["parent_id"], "{target}");
    }
    assert_eq!(app.count("comments"), before);
    assert_eq!(get_comment(&app, on_forum.id(), None)["reply_count"], 0);
    assert_eq!(get_comment(&app, on_commitment.id(), None)["reply_count"], 0);
}

#[test]
fn a_reply_to_an_unknown_comment_is_rejected() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let before = app.count("comments");
    let p = app
        .post(
            &format!("/forums/{DIALOGUE}/comments"),
            Some(&member.token),
            &json!({"body": "Dans le vide", "parent_id": 987654321}),
        )
        .expect_problem(409, "unknown_reference");
    assert_eq!(field_names(&p), ["parent_id"]);
    assert_eq!(app.count("comments"), before);
}
