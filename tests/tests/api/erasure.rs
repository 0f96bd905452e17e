//! Erasing an account (issue 24, point 4; RGPD article 17): by the person, after giving their
//! password again, or by an admin. Afterwards no table or column holds their address, their
//! name, their organisation or what they wrote, and nothing signs in as them; threads keep
//! their shape, the seat they held goes to the person waiting.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use opendetat_tests::*;

/// Every place a needle appears in the database: `table.column` for each text, JSON, array or
/// search-vector column of every table whose value (as text) contains it, ignoring case.
fn places_holding(app: &TestApp, needles: &[&str]) -> Vec<String> {
    #[derive(QueryableByName)]
    struct Column {
        #[diesel(sql_type = Text)]
        table_name: String,
        #[diesel(sql_type = Text)]
        column_name: String,
    }
    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    let mut conn = app.db();
    let columns: Vec<Column> = diesel::sql_query(
        "SELECT c.table_name::text AS table_name, c.column_name::text AS column_name \
           FROM information_schema.columns c \
           JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name \
          WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' \
            AND (c.data_type IN ('text', 'character varying', 'json', 'jsonb', 'tsvector', 'ARRAY', 'USER-DEFINED'))",
    )
    .load(&mut conn)
    .unwrap();
    assert!(columns.len() > 50, "the scan reads every text column ({} found)", columns.len());
    let mut found = Vec::new();
    for column in &columns {
        for needle in needles {
            let n: N = diesel::sql_query(format!(
                "SELECT count(*) AS n FROM \"{}\" WHERE strpos(lower(\"{}\"::text), lower($1)) > 0",
                column.table_name, column.column_name
            ))
            .bind::<Text, _>(*needle)
            .get_result(&mut conn)
            .unwrap();
            if n.n > 0 {
                found.push(format!("{}.{} holds {needle:?} ({} rows)", column.table_name, column.column_name, n.n));
            }
        }
    }
    found
}

#[test]
fn an_erased_account_leaves_no_trace_of_who_it_was_and_threads_keep_their_shape() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let me = app.user("member");
    let other = app.user("member");
    let marker = format!("zqx{}", std::process::id());
    let name = format!("Zéphyrine Quillebeuf {marker}");
    let organisation = format!("Collectif Quillebeuf {marker}");
    let my_words = format!("Mon avis singulier wq{marker}");
    let my_report = format!("Détails du signalement rp{marker}");
    let handle = format!("zephyrine-{marker}");
    app.patch("/me", Some(&me.token), &json!({"display_name": name, "organisation": organisation, "handle": handle}))
        .expect(200);

    // An afternoon's traces: a comment, a mention of them by someone else, a reaction, a report,
    // a follow, a question, a token, a seat at a full forum with someone waiting behind them, a
    // reset link asked for and mailed.
    let mine = builders::comment(&app, &me.token, "/commitments/FR0041", &my_words);
    let reply = CommentBuilder::on("/commitments/FR0041")
        .reply_to(mine.id())
        .text(&format!("Je rejoins @{handle} sur ce point."))
        .create(&app, &other.token);
    let theirs = builders::comment(&app, &other.token, "/commitments/FR0041", "Un autre avis");
    app.put(
        &format!("/comments/{}/reaction", theirs.id()),
        Some(&me.token),
        &json!({"useful": true, "stance": "agree"}),
    )
    .expect(200);
    app.post(
        &format!("/comments/{}/reports", theirs.id()),
        Some(&me.token),
        &json!({"reason": "other", "details": my_report}),
    )
    .expect(201);
    app.put("/me/follows/commitment/FR0041", Some(&me.token), &json!(null)).expect(200);
    let question =
        QuestionBuilder::on("/commitments/FR0041").title("Où en est le jalon 12.3 ?").create(&app, &me.token);
    let token =
        app.post("/me/tokens", Some(&me.token), &json!({"name": "Mon script", "scopes": ["read"]})).expect(201).json()
            ["token"]
            .as_str()
            .unwrap()
            .to_string();
    let slug = ForumBuilder::new("Forum complet").open().capacity(1).create(&app, &admin.token).slug();
    RegistrationBuilder::to(&slug).create(&app, &me.token);
    // The forum is a meeting of the multi-stakeholder forum, where they agreed to name their
    // organisation.
    builders::stakeholder_meeting(&app, &admin.token, &slug);
    app.put(&format!("/forums/{slug}/organisation-consent"), Some(&me.token), &json!(null)).expect(200);
    let waiting = RegistrationBuilder::to(&slug).create(&app, &other.token);
    assert_eq!(waiting["status"], "waitlisted");
    app.post("/auth/password-reset", None, &json!({"email": me.email})).expect(202);
    // The sign-up's mail and the reset link's: the reset job has run (one running at the moment
    // of the erasure is `auth::user::find_by_email_for_update`'s case, and the planted job's).
    app.wait_for_mails_to(&me.email, 2);
    // The reply's notification (a job) has reached them.
    for _ in 0..200 {
        if app.count(&format!("notifications WHERE user_id = {}", me.id)) > 0 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    // A mail to them that a worker is sending at the moment of the erasure (a worker elsewhere
    // holds it): it is left to finish, and its kept copy holds nothing of them either.
    app.sql(&format!(
        "INSERT INTO jobs (kind, payload, state, locked_at, locked_by, attempts) \
         VALUES ('mail', jsonb_build_object('to', '{}', 'name', '{name}', 'link', 'http://x/y', 'template', 'password_changed', 'locale', 'fr'), \
                 'running', now(), 'a-worker-elsewhere', 1)",
        me.email
    ));
    assert!(!places_holding(&app, &[&me.email, &name, &handle, &organisation, &my_words, &my_report]).is_empty());

    // The password again, or nothing happens.
    app.post("/me/erasure", Some(&me.token), &json!({"password": "not-the-password"}))
        .expect_problem(403, "wrong_password");
    app.post("/me/erasure", Some(&token), &json!({"password": me.password})).expect_problem(403, "insufficient_scope");
    app.post("/me/erasure", None, &json!({"password": me.password})).expect_problem(401, "unauthorized");
    assert_eq!(app.count(&format!("users WHERE id = {} AND erased_at IS NULL", me.id)), 1);
    app.post("/me/erasure", Some(&me.token), &json!({"password": me.password})).expect(204);
    assert_eq!(app.count(&format!("organisation_consents WHERE user_id = {}", me.id)), 0);

    // Nothing signs in as them any more: not the session, not the token, not the password.
    app.get_as("/me", &me.token).expect_problem(401, "unauthorized");
    assert_eq!(app.get_as("/me/tokens", &token).status, 401);
    app.post("/auth/login", None, &json!({"email": me.email, "password": me.password}))
        .expect_problem(401, "unauthorized");
    app.get(&format!("/users/{}", me.id)).expect_problem(404, "not_found");

    // No table, no column holds who they were or what they wrote.
    let left = places_holding(&app, &[&me.email, &name, &handle, &organisation, &my_words, &my_report]);
    assert!(left.is_empty(), "traces left: {left:#?}");
    // And nothing linked to the account says anything: their comments are tombstones.
    assert_eq!(app.count(&format!("comments WHERE author_id = {} AND body <> ''", me.id)), 0);
    assert_eq!(app.count(&format!("api_tokens WHERE owner_id = {}", me.id)), 0);

    // Threads keep their shape: the comment is a tombstone, the reply stays under it and its
    // mention no longer names anyone.
    let thread = app.get(&format!("/comments/{}", mine.id())).expect(200).json();
    assert_eq!(thread["state"], "deleted", "{thread}");
    assert!(thread["author"].is_null() && thread["body"].is_null(), "{thread}");
    let answer = app.get(&format!("/comments/{}", reply.id())).expect(200).json();
    assert_eq!(answer["parent_id"], mine["id"]);
    assert_eq!(answer["body"], "Je rejoins [compte supprimé] sur ce point.");
    // The question stays, asked by nobody; the reaction is gone from the counts.
    let asked = app.get(&format!("/questions/{}", question.id())).expect(200).json();
    assert_eq!(asked["title"], "Où en est le jalon 12.3 ?");
    assert_eq!(app.count(&format!("questions WHERE id = {} AND asked_by IS NULL", question.id())), 1);
    assert_eq!(app.count(&format!("comment_reactions WHERE comment_id = {}", theirs.id())), 0);
    // Their seat went to the person waiting, who is told.
    let seat = app.get_as(&format!("/forums/{slug}/registrations/me"), &other.token).expect(200).json();
    assert_eq!(seat["status"], "registered", "{seat}");
    // Recorded, with nothing of theirs in it.
    assert_eq!(app.count(&format!("events WHERE type = 'user.erased' AND subject_ref = {}", me.id)), 1);
    // Erased once: the admin finds no account to erase again.
    app.post(&format!("/admin/users/{}/erasure", me.id), Some(&admin.token), &json!(null))
        .expect_problem(404, "not_found");
}

#[test]
fn a_person_may_leave_their_words_and_an_admin_erases_an_official_whose_updates_stay() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let me = app.user("member");
    app.patch("/me", Some(&me.token), &json!({"display_name": "Mathis Laissetexte"})).expect(200);
    let kept = builders::comment(&app, &me.token, "/commitments/FR0041", "Ces mots restent.");
    app.post("/me/erasure", Some(&me.token), &json!({"password": me.password, "keep_comment_text": true})).expect(204);
    let comment = app.get(&format!("/comments/{}", kept.id())).expect(200).json();
    assert_eq!(comment["body"], "Ces mots restent.");
    assert_eq!(comment["author"]["display_name"], "Compte supprimé");

    // An official's progress update keeps its institution, loses its author and name.
    let official = UserBuilder::official_of("minister-of-state-digital-sector").named("Agathe Officielle").create(&app);
    let m = milestone_id(&app, "FR0041", "12.1");
    let update = ProgressBuilder::on(m).note("Point d'étape.").create(&app, &official.token);
    let path = format!("/admin/users/{}/erasure", official.id);
    app.post(&path, None, &json!(null)).expect_problem(401, "unauthorized");
    app.post(&path, Some(&me.token), &json!(null)).expect_problem(401, "unauthorized");
    let member = app.user("member");
    app.post(&path, Some(&member.token), &json!(null)).expect_problem(403, "forbidden");
    app.post(&format!("/admin/users/{}/erasure", admin.id), Some(&admin.token), &json!(null))
        .expect_problem(409, "self_lockout");
    app.post("/admin/users/999999/erasure", Some(&admin.token), &json!(null)).expect_problem(404, "not_found");
    app.post(&path, Some(&admin.token), &json!(null)).expect(204);
    let after = app.get(&format!("/progress-updates/{}", update["id"])).expect(200).json();
    assert!(after["author"]["id"].is_null(), "{after}");
    assert_eq!(after["author"]["display_name"], "Compte supprimé");
    assert_eq!(after["author"]["institution"]["slug"], "minister-of-state-digital-sector");
    assert_eq!(after["note"], "Point d'étape.");
    let left = places_holding(&app, &["Agathe Officielle"]);
    assert!(left.is_empty(), "{left:#?}");
    // In the audit trail, by the admin.
    let audit = app.get_as("/admin/audit?action=user.erased", &admin.token).expect(200).json();
    assert_eq!(audit["items"][0]["actor"]["id"], admin.id, "{audit}");
    // Gone from the admin's list of accounts.
    let listed = collect_pages(&app, "/admin/users", Some(&admin.token));
    assert!(listed.iter().all(|u| u["id"] != official.id && u["id"] != me.id));
}

#[test]
fn the_only_admin_left_cannot_erase_their_account() {
    let app = TestApp::spawn_empty();
    let admin = app.user("admin");
    app.post("/me/erasure", Some(&admin.token), &json!({"password": admin.password})).expect_problem(409, "last_admin");
    let second = app.user("admin");
    app.post("/me/erasure", Some(&admin.token), &json!({"password": admin.password})).expect(204);
    app.get_as("/me", &second.token).expect(200);
}
