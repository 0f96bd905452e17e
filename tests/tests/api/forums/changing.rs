//! Changing forums: partial updates, the commitments and the capacity, the place and the
//! schedule checked against what is stored, slugs; deletion that archives a discussed forum.

use opendetat_tests::*;

use super::*;

#[test]
fn patch_changes_only_the_given_fields() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let before = app.get(&format!("/forums/{DIALOGUE}")).expect(200).json();
    let after = app
        .patch(
            &format!("/forums/{DIALOGUE}"),
            Some(&official.token),
            &json!({"title": "Nouveau titre", "status": "held"}),
        )
        .expect(200)
        .json();
    assert_eq!(after["title"], "Nouveau titre");
    assert_eq!(after["status"], "held");
    for unchanged in [
        "slug",
        "theme",
        "description",
        "starts_at",
        "ends_at",
        "location",
        "online_url",
        "capacity",
        "commitments",
        "created_at",
    ] {
        assert_eq!(after[unchanged], before[unchanged], "{unchanged}");
    }
    assert!(utc_nanos(after["updated_at"].as_str().unwrap()) > utc_nanos(before["updated_at"].as_str().unwrap()));
    assert_eq!(app.get(&format!("/forums/{DIALOGUE}")).expect(200).json(), after);
}

#[test]
fn patch_replaces_the_commitments_and_null_clears_the_capacity() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let fr0033 = commitment_id(&app, "FR0033");
    let fr0050 = commitment_id(&app, "FR0050");
    let path = format!("/forums/{DIALOGUE}");
    let after = app
        .patch(&path, Some(&admin.token), &json!({"commitment_ids": [fr0050, fr0033], "capacity": null}))
        .expect(200)
        .json();
    assert_eq!(commitment_codes(&after), ["FR0033", "FR0050"]);
    assert!(after["capacity"].is_null());
    assert_eq!(app.count(&format!("forum_commitments WHERE forum_id = {}", after["id"])), 2);
    assert_eq!(slugs(&page_items(&app, "/forums?commitment=FR0041")), [ESSAI], "the dialogue forum left FR0041");
    assert_eq!(slugs(&page_items(&app, "/forums?commitment=FR0050")), [DIALOGUE]);
    // An empty list removes them all; an absent one leaves them.
    let after = app.patch(&path, Some(&admin.token), &json!({"capacity": 12})).expect(200).json();
    assert_eq!(after["capacity"], 12);
    assert_eq!(commitment_codes(&after), ["FR0033", "FR0050"]);
    let after = app.patch(&path, Some(&admin.token), &json!({"commitment_ids": []})).expect(200).json();
    assert_eq!(after["commitments"], json!([]));
    // An unknown id changes nothing.
    let p = app
        .patch(&path, Some(&admin.token), &json!({"commitment_ids": [fr0033, 987654]}))
        .expect_problem(409, "unknown_reference");
    assert_eq!(field_names(&p), ["commitment_ids"]);
    assert_eq!(app.get(&path).expect(200).json()["commitments"], json!([]));
}

#[test]
fn patch_cannot_clear_the_only_place_of_a_forum() {
    let app = TestApp::spawn();
    let official = app.user("official");
    // In person only.
    let path = format!("/forums/{ALGORITHMES}");
    let p = app
        .patch(&path, Some(&official.token), &json!({"location": null}))
        .expect_problem(409, "conflicts_with_stored");
    assert_eq!(field_names(&p), ["location"]);
    assert_eq!(app.get(&path).expect(200).json()["location"], "20 avenue de Ségur, 75007 Paris");
    // Moving it online in the same request is fine.
    let moved = app
        .patch(&path, Some(&official.token), &json!({"location": null, "online_url": "https://example.org/en-ligne"}))
        .expect(200)
        .json();
    assert!(moved["location"].is_null());
    assert_eq!(moved["online_url"], "https://example.org/en-ligne");
    // Hybrid: either may go, not both.
    let hybrid = format!("/forums/{DIALOGUE}");
    let p = app
        .patch(&hybrid, Some(&official.token), &json!({"location": null, "online_url": null}))
        .expect_problem(422, "validation_failed");
    assert_eq!(field_names(&p), ["location"]);
    let p = app
        .patch(&hybrid, Some(&official.token), &json!({"online_url": "javascript:alert(1)"}))
        .expect_problem(422, "validation_failed");
    assert_eq!(field_names(&p), ["online_url"]);
}

#[test]
fn patch_checks_the_schedule_against_the_stored_times() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let path = format!("/forums/{DIALOGUE}");
    // Stored: 2027-01-21 17:30–20:00 UTC.
    let p = app
        .patch(&path, Some(&official.token), &json!({"ends_at": "2027-01-21T17:00:00Z"}))
        .expect_problem(409, "conflicts_with_stored");
    assert_eq!(field_names(&p), ["ends_at"]);
    let p = app
        .patch(&path, Some(&official.token), &json!({"starts_at": "2027-01-22T09:00:00Z"}))
        .expect_problem(409, "conflicts_with_stored");
    assert_eq!(field_names(&p), ["ends_at"]);
    let moved = app
        .patch(
            &path,
            Some(&official.token),
            &json!({"starts_at": "2027-01-22T09:00:00+01:00", "ends_at": "2027-01-22T12:00:00+01:00"}),
        )
        .expect(200)
        .json();
    assert_eq!(moved["starts_at"], "2027-01-22T08:00:00Z");
    assert_eq!(moved["ends_at"], "2027-01-22T11:00:00Z");
}

#[test]
fn patch_to_a_slug_already_taken_is_a_409() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let path = format!("/forums/{DIALOGUE}");
    app.patch(&path, Some(&official.token), &json!({"slug": CONSULTATION})).expect_problem(409, "already_exists");
    assert_eq!(app.get(&path).expect(200).json()["slug"], DIALOGUE);
    let p = app
        .patch(&path, Some(&official.token), &json!({"slug": "Pas Valide"}))
        .expect_problem(422, "validation_failed");
    assert_eq!(field_names(&p), ["slug"]);
    let renamed = app.patch(&path, Some(&official.token), &json!({"slug": "dialogue-2027"})).expect(200).json();
    assert_eq!(renamed["slug"], "dialogue-2027");
    app.get("/forums/dialogue-2027").expect(200);
    app.get(&path).expect_problem(404, "not_found");
}

#[test]
fn deleting_a_discussed_forum_archives_it_and_keeps_every_comment() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let admin = app.user("admin");
    let member = app.user("member");
    let forum = ForumBuilder::new("Forum éphémère").create(&app, &official.token);
    let id = forum["id"].as_i64().unwrap();
    assert_eq!(forum["archived_at"], Value::Null);
    let top = builders::comment(&app, &member.token, &format!("/forums/{id}"), "Premier");
    let reply = builders::reply(&app, &member.token, &format!("/forums/{id}"), top.id(), "Réponse");
    // Even a comment its author deleted counts: its row keeps the thread's shape.
    app.delete(&format!("/comments/{}", reply["id"]), Some(&member.token)).expect(204);
    assert_eq!(app.count(&format!("comments WHERE subject_id = (SELECT subject_id FROM forums WHERE id = {id})")), 2);

    // Officials no longer delete forums: one call of theirs destroyed a whole discussion.
    app.delete("/forums/forum-ephemere", Some(&official.token)).expect_problem(403, "forbidden");
    let archived = app.delete("/forums/forum-ephemere", Some(&admin.token)).expect(200).json();
    assert!(archived["archived_at"].is_string(), "{archived}");
    assert_eq!(archived["id"], id);
    // Deleting again changes nothing.
    let again = app.delete(&format!("/forums/{id}"), Some(&admin.token)).expect(200).json();
    assert_eq!(again["archived_at"], archived["archived_at"]);

    // Nothing is lost: every row is there, the page and the discussion are readable...
    assert_eq!(app.count(&format!("comments WHERE subject_id = (SELECT subject_id FROM forums WHERE id = {id})")), 2);
    assert_eq!(app.count(&format!("forums WHERE id = {id}")), 1);
    let page = app.get(&format!("/forums/{id}")).expect(200).json();
    assert_eq!(page["archived_at"], archived["archived_at"]);
    let thread = page_items(&app, &format!("/forums/{id}/comments"));
    assert_eq!(thread.len(), 1);
    assert_eq!(thread[0]["reply_count"], 1);
    app.get(&format!("/comments/{}", top["id"])).expect(200);
    // ... but the forum is out of the lists, and the discussion takes no new comments.
    let listed = |path: &str| -> Vec<i64> {
        collect_pages(&app, path, None).iter().map(|f| f["id"].as_i64().unwrap()).collect()
    };
    assert!(!listed("/forums?limit=100").contains(&id));
    assert_eq!(listed("/forums?archived=true"), [id]);
    app.post(&format!("/forums/{id}/comments"), Some(&member.token), &json!({"body": "Encore"}))
        .expect_problem(409, "archived");
    // The database itself refuses to destroy the discussion.
    use diesel::RunQueryDsl;
    let mut conn = app.db();
    let refused = diesel::sql_query(format!("DELETE FROM forums WHERE id = {id}")).execute(&mut conn);
    assert!(refused.is_err(), "a forum with comments cannot be deleted in SQL");

    // Restoring brings it back (admins only).
    app.post(&format!("/forums/{id}/restore"), Some(&official.token), &json!({})).expect_problem(403, "forbidden");
    app.post(&format!("/forums/{id}/restore"), None, &json!({})).expect_problem(401, "unauthorized");
    let restored = app.post(&format!("/forums/{id}/restore"), Some(&admin.token), &json!({})).expect(200).json();
    assert_eq!(restored["archived_at"], Value::Null);
    assert!(listed("/forums?limit=100").contains(&id));
    builders::comment(&app, &member.token, &format!("/forums/{id}"), "De retour");
}

#[test]
fn a_forum_without_contributions_is_deleted() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let admin = app.user("admin");
    let forum = ForumBuilder::new("Forum annulé").create(&app, &official.token);
    let id = forum["id"].as_i64().unwrap();
    let r = app.delete(&format!("/forums/{id}"), Some(&admin.token)).expect(204);
    assert!(r.text.is_empty());
    app.get(&format!("/forums/{id}")).expect_problem(404, "not_found");
    app.delete(&format!("/forums/{id}"), Some(&admin.token)).expect_problem(404, "not_found");
    assert_eq!(app.count(&format!("forum_commitments WHERE forum_id = {id}")), 0);
    // The other forums and their discussions are untouched.
    assert_eq!(app.count("forums"), N);
    assert_eq!(page_items(&app, &format!("/forums/{DIALOGUE}/comments")).len(), 1);
}
