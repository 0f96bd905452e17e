//! Editing and deleting comments (tombstones that keep their replies), and moderation.

use opendetat_tests::*;

use super::*;

#[test]
fn the_author_edits_their_comment() {
    let app = TestApp::spawn();
    let author = app.user("member");
    let c = builders::comment(&app, &author.token, &format!("/forums/{DIALOGUE}"), "Premier jet");
    assert!(c["edited_at"].is_null());
    let edited = app
        .patch(&format!("/comments/{}", c.id()), Some(&author.token), &json!({"body": "Version *corrigée*"}))
        .expect(200)
        .json();
    assert_eq!(edited["id"], c["id"]);
    assert_eq!(edited["body"], "Version *corrigée*");
    assert_eq!(edited["body_html"], "<p>Version <em>corrigée</em></p>\n");
    let at = edited["edited_at"].as_str().expect("edited_at is set");
    assert!(utc_nanos(at) >= utc_nanos(c["created_at"].as_str().unwrap()));
    assert_eq!(edited["created_at"], c["created_at"]);
    assert_eq!(edited["state"], "visible");
    let fetched = get_comment(&app, c.id(), None);
    assert_eq!(fetched["body"], "Version *corrigée*");
    assert_eq!(fetched["edited_at"], edited["edited_at"]);
    // Blank is not an edit.
    let p = app
        .patch(&format!("/comments/{}", c.id()), Some(&author.token), &json!({"body": "  "}))
        .expect_problem(422, "validation_failed");
    assert_eq!(field_names(&p), ["body"]);
}

#[test]
fn only_the_author_may_edit_a_comment() {
    let app = TestApp::spawn();
    let author = app.user("member");
    let other = app.user("member");
    let admin = app.user("admin");
    let moderator = app.user("moderator");
    let c = builders::comment(&app, &author.token, &format!("/forums/{DIALOGUE}"), "Texte d'origine");
    let path = format!("/comments/{}", c.id());
    for token in [&other.token, &admin.token, &moderator.token] {
        app.patch(&path, Some(token), &json!({"body": "Réécrit"})).expect_problem(403, "forbidden");
    }
    app.patch(&path, None, &json!({"body": "Réécrit"})).expect_problem(401, "unauthorized");
    app.patch("/comments/987654321", Some(&author.token), &json!({"body": "Réécrit"})).expect_problem(404, "not_found");
    let now = get_comment(&app, c.id(), None);
    assert_eq!(now["body"], "Texte d'origine");
    assert!(now["edited_at"].is_null());
}

#[test]
fn a_deleted_comment_stays_as_a_tombstone_that_keeps_its_replies() {
    let app = TestApp::spawn();
    let forum =
        format!("/forums/{}", ForumBuilder::new("Forum des tombes").create(&app, &app.user("official").token).id());
    let author = app.user("member");
    let other = app.user("member");
    let top = builders::comment(&app, &author.token, &forum, "Je vais disparaître");
    let r1 = builders::reply(&app, &other.token, &forum, top.id(), "Réponse qui reste");
    let r2 = builders::reply(&app, &other.token, &forum, top.id(), "Autre réponse");

    app.delete(&format!("/comments/{}", top.id()), Some(&author.token)).expect(204);
    let t = get_comment(&app, top.id(), None);
    assert_eq!(t["state"], "deleted");
    assert!(t["body"].is_null() && t["body_html"].is_null() && t["author"].is_null(), "{t}");
    assert!(t["deleted_at"].is_string());
    assert_eq!(t["reply_count"], 2);
    // Even its author and moderators no longer see the text; it is erased.
    let moderator = app.user("moderator");
    assert!(get_comment(&app, top.id(), Some(&author.token))["body"].is_null());
    assert!(get_comment(&app, top.id(), Some(&moderator.token))["body"].is_null());
    assert_eq!(app.count(&format!("comments WHERE id = {} AND body = ''", top.id())), 1);

    let threads = page_items(&app, &format!("{forum}/comments"));
    assert_eq!(ids(&threads), [top.id()]);
    assert_eq!(threads[0]["state"], "deleted");
    assert_eq!(ids(threads[0]["replies"]["items"].as_array().unwrap()), [r1.id(), r2.id()]);
    assert_eq!(threads[0]["replies"]["items"][0]["body"], "Réponse qui reste");
    let flat = page_items(&app, &format!("{forum}/comments?mode=flat"));
    assert_eq!(ids(&flat), [top.id(), r1.id(), r2.id()]);
    assert!(flat[0]["body"].is_null());
}

#[test]
fn a_deleted_comment_cannot_be_answered_or_edited() {
    let app = TestApp::spawn();
    let author = app.user("member");
    let other = app.user("member");
    let forum = format!("/forums/{DIALOGUE}");
    let c = builders::comment(&app, &author.token, &forum, "Bientôt supprimé");
    app.delete(&format!("/comments/{}", c.id()), Some(&author.token)).expect(204);
    let before = app.count("comments");
    app.post(&format!("{forum}/comments"), Some(&other.token), &json!({"body": "Trop tard", "parent_id": c["id"]}))
        .expect_problem(409, "parent_unavailable");
    assert_eq!(app.count("comments"), before);
    assert_eq!(get_comment(&app, c.id(), None)["reply_count"], 0);
    app.patch(&format!("/comments/{}", c.id()), Some(&author.token), &json!({"body": "Ressuscité"}))
        .expect_problem(409, "comment_unavailable");
    assert_eq!(get_comment(&app, c.id(), None)["state"], "deleted");
}

#[test]
fn only_the_author_or_an_admin_may_delete_a_comment() {
    let app = TestApp::spawn();
    let author = app.user("member");
    let other = app.user("member");
    let moderator = app.user("moderator");
    let official = app.user("official");
    let admin = app.user("admin");
    let forum = format!("/forums/{DIALOGUE}");
    let c = builders::comment(&app, &author.token, &forum, "À moi");
    let path = format!("/comments/{}", c.id());
    for token in [&other.token, &moderator.token, &official.token] {
        app.delete(&path, Some(token)).expect_problem(403, "forbidden");
    }
    app.delete(&path, None).expect_problem(401, "unauthorized");
    app.delete("/comments/987654321", Some(&admin.token)).expect_problem(404, "not_found");
    assert_eq!(get_comment(&app, c.id(), None)["state"], "visible");

    app.delete(&path, Some(&admin.token)).expect(204);
    assert_eq!(get_comment(&app, c.id(), None)["state"], "deleted");
    // Deleting again is still a success.
    app.delete(&path, Some(&admin.token)).expect(204);
    app.delete(&path, Some(&author.token)).expect(204);
    assert_eq!(get_comment(&app, c.id(), None)["state"], "deleted");

    // Authors delete their own.
    let own = builders::comment(&app, &other.token, &forum, "Le mien");
    app.delete(&format!("/comments/{}", own.id()), Some(&other.token)).expect(204);
    assert_eq!(get_comment(&app, own.id(), None)["state"], "deleted");
}

// ---------------------------------------------------------------------------------------------
// Moderation
// ---------------------------------------------------------------------------------------------

#[test]
fn a_moderator_hides_a_comment_from_the_public_but_not_from_its_author() {
    let app = TestApp::spawn();
    let forum = format!("/forums/{}", ForumBuilder::new("Forum modéré").create(&app, &app.user("official").token).id());
    let author = app.user("member");
    let other = app.user("member");
    let moderator = app.user("moderator");
    let admin = app.user("admin");
    let c = builders::comment(&app, &author.token, &forum, "Propos limite");
    let path = format!("/comments/{}/moderation", c.id());

    let hidden = app
        .put(&path, Some(&moderator.token), &json!({"hidden": true, "reason": "Propos injurieux"}))
        .expect(200)
        .json();
    assert_eq!(hidden["state"], "hidden");
    assert_eq!(hidden["hidden_reason"], "Propos injurieux");
    assert_eq!(hidden["body"], "Propos limite", "moderators still read it");

    for token in [None, Some(other.token.as_str())] {
        let seen = get_comment(&app, c.id(), token);
        assert_eq!(seen["state"], "hidden");
        assert!(seen["body"].is_null() && seen["body_html"].is_null(), "{seen}");
        assert_eq!(seen["hidden_reason"], "Propos injurieux");
        assert_eq!(seen["author"]["id"], author.id);
        let listed = collect_pages(&app, &format!("{forum}/comments"), token);
        assert_eq!(ids(&listed), [c.id()]);
        assert!(listed[0]["body"].is_null());
        assert_eq!(listed[0]["state"], "hidden");
        let flat = collect_pages(&app, &format!("{forum}/comments?mode=flat"), token);
        assert!(flat[0]["body"].is_null());
    }
    for token in [&author.token, &moderator.token, &admin.token] {
        let seen = get_comment(&app, c.id(), Some(token));
        assert_eq!(seen["state"], "hidden");
        assert_eq!(seen["body"], "Propos limite");
        assert_eq!(seen["body_html"], "<p>Propos limite</p>\n");
        assert_eq!(collect_pages(&app, &format!("{forum}/comments"), Some(token))[0]["body"], "Propos limite");
    }

    let shown = app.put(&path, Some(&admin.token), &json!({"hidden": false})).expect(200).json();
    assert_eq!(shown["state"], "visible");
    assert!(shown["hidden_reason"].is_null());
    let seen = get_comment(&app, c.id(), None);
    assert_eq!(seen["state"], "visible");
    assert_eq!(seen["body"], "Propos limite");
    assert!(seen["hidden_reason"].is_null());
}

#[test]
fn a_hidden_comment_cannot_be_answered_or_edited() {
    let app = TestApp::spawn();
    let author = app.user("member");
    let moderator = app.user("moderator");
    let forum = format!("/forums/{DIALOGUE}");
    let c = builders::comment(&app, &author.token, &forum, "À masquer");
    app.put(
        &format!("/comments/{}/moderation", c.id()),
        Some(&moderator.token),
        &json!({"hidden": true, "reason": "Hors sujet"}),
    )
    .expect(200);
    app.post(&format!("{forum}/comments"), Some(&moderator.token), &json!({"body": "Non", "parent_id": c["id"]}))
        .expect_problem(409, "parent_unavailable");
    app.patch(&format!("/comments/{}", c.id()), Some(&author.token), &json!({"body": "Contourné"}))
        .expect_problem(409, "comment_unavailable");
    let seen = get_comment(&app, c.id(), Some(&author.token));
    assert_eq!(seen["body"], "À masquer");
    assert_eq!(seen["reply_count"], 0);
}

#[test]
fn only_moderators_and_admins_may_moderate() {
    let app = TestApp::spawn();
    let author = app.user("member");
    let member = app.user("member");
    let official = app.user("official");
    let admin = app.user("admin");
    let c = builders::comment(&app, &author.token, &format!("/forums/{DIALOGUE}"), "Texte");
    let path = format!("/comments/{}/moderation", c.id());
    let body = json!({"hidden": true, "reason": "Abus"});
    for token in [&author.token, &member.token, &official.token] {
        app.put(&path, Some(token), &body).expect_problem(403, "forbidden");
    }
    app.put(&path, None, &body).expect_problem(401, "unauthorized");
    assert_eq!(get_comment(&app, c.id(), None)["state"], "visible");
    assert_eq!(app.count(&format!("comments WHERE id = {} AND hidden_at IS NOT NULL", c.id())), 0);

    let hidden = app.put(&path, Some(&admin.token), &body).expect(200).json();
    assert_eq!(hidden["state"], "hidden");
    assert_eq!(hidden["hidden_reason"], "Abus");
    app.put("/comments/987654321/moderation", Some(&admin.token), &body).expect_problem(404, "not_found");
}
