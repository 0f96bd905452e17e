//! Mentions name handles (`@handle`, unique where display names are not) and follow the text:
//! an edit tells the people it newly mentions, once per comment; nobody whose mention an edit
//! removed, nobody twice. Handles come from names, are unique, and change within limits.

use opendetat_tests::*;

use super::notifications::{fan_out_done, notifications};

#[test]
fn an_edit_tells_the_people_it_newly_mentions_once_and_nobody_else() {
    let app = TestApp::spawn();
    let author = UserBuilder::member().named("Olympe de Gouges").create(&app);
    let camille = UserBuilder::member().named("Camille Desmoulins").create(&app);
    let lucile = UserBuilder::member().named("Lucile Duplessis").create(&app);
    let manon = UserBuilder::member().named("Manon Roland").create(&app);
    let [m, ca, l, o] = [&manon, &camille, &lucile, &author].map(|u| handle_of(&app, u));
    let c = builders::comment(&app, &author.token, "/commitments/FR0041", &format!("Qu'en pense @{m} ?"));
    assert_eq!(notifications(&app, &manon, 1)[0]["reason"], "mention");
    let edit = |body: &str| {
        app.patch(&format!("/comments/{}", c.id()), Some(&author.token), &json!({ "body": body })).expect(200);
        fan_out_done(&app);
    };

    // Camille is added: she hears of it, once; Manon, still named, hears nothing more.
    edit(&format!("Qu'en pensent @{m} et @{ca} ?"));
    let heard = notifications(&app, &camille, 1);
    assert_eq!((heard[0]["reason"].as_str(), heard[0]["comment_id"].as_i64()), (Some("mention"), Some(c.id())));
    assert_eq!(heard[0]["actor"]["display_name"], "Olympe de Gouges");
    assert_eq!(notifications(&app, &manon, 1).len(), 1);

    // Camille is taken out and Lucile put in: Lucile hears, Camille hears nothing of it.
    edit(&format!("Qu'en pensent @{m} et @{l} ?"));
    assert_eq!(notifications(&app, &lucile, 1)[0]["reason"], "mention");
    assert_eq!(notifications(&app, &camille, 1).len(), 1);

    // Camille named again, and an edit that changes only words: nobody hears twice.
    edit(&format!("Qu'en pensent @{m}, @{l} et @{ca} ?"));
    edit(&format!("Qu'en pensent vraiment @{m}, @{l} et @{ca} ?"));
    for (who, n) in [(&manon, 1), (&camille, 1), (&lucile, 1)] {
        assert_eq!(notifications(&app, who, n).len(), n, "{}", who.email);
    }
    assert_eq!(app.count(&format!("notifications WHERE comment_id = {} AND reason = 'mention'", c.id())), 3);
    assert!(notifications(&app, &author, 0).is_empty(), "nobody hears of their own edit");

    // The person replied to, named in the reply, is told once, as a reply; naming them again
    // in an edit tells them nothing more.
    let reply = builders::reply(&app, &camille.token, "/commitments/FR0041", c.id(), &format!("Merci @{o}."));
    fan_out_done(&app);
    assert_eq!(notifications(&app, &author, 1)[0]["reason"], "reply");
    app.patch(
        &format!("/comments/{}", reply.id()),
        Some(&camille.token),
        &json!({"body": format!("Merci @{o}, vraiment.")}),
    )
    .expect(200);
    fan_out_done(&app);
    assert_eq!(notifications(&app, &author, 1).len(), 1);
}

#[test]
fn namesakes_each_have_their_handle_and_a_mention_names_one_of_them() {
    let app = TestApp::spawn();
    // Three accounts signed up as "Camille Martin": the first handle bare, the others with
    // their id; a mention by handle reaches exactly one.
    let signed_up: Vec<TestUser> = (0..3)
        .map(|_| {
            let email = unique_email("namesake");
            let body = json!({"email": email, "password": "a-long-enough-password", "display_name": "Camille Martin"});
            app.post("/auth/register", None, &body).expect(202);
            app.sql(&format!("UPDATE users SET email_verified_at = now() WHERE email = '{email}'"));
            let session = app
                .post("/auth/login", None, &json!({"email": email, "password": "a-long-enough-password"}))
                .expect(200)
                .json();
            TestUser {
                id: session["user"]["id"].as_i64().unwrap(),
                email,
                password: "a-long-enough-password".into(),
                token: session["access_token"].as_str().unwrap().into(),
            }
        })
        .collect();
    let handles: Vec<String> = signed_up.iter().map(|u| handle_of(&app, u)).collect();
    assert!(handles[0].starts_with("camille-martin"), "{handles:?}");
    assert_eq!(handles.iter().collect::<std::collections::HashSet<_>>().len(), 3, "unique: {handles:?}");
    let author = app.user("member");
    let c = builders::comment(&app, &author.token, "/commitments/FR0041", &format!("Merci @{} !", handles[1]));
    assert_eq!(c["author"]["handle"], handle_of(&app, &author).as_str());
    fan_out_done(&app);
    for (i, person) in signed_up.iter().enumerate() {
        let expected = usize::from(i == 1);
        assert_eq!(notifications(&app, person, expected).len(), expected, "{}", handles[i]);
    }
    // A name after the `@` names nobody any more.
    let before = app.count("notifications WHERE reason = 'mention'");
    builders::comment(&app, &author.token, "/commitments/FR0041", "Merci @Camille Martin !");
    fan_out_done(&app);
    assert_eq!(app.count("notifications WHERE reason = 'mention'"), before);
    // Suggestions give the handle to write, by the name's start or the handle's.
    let suggested = |q: &str| -> Vec<String> {
        let found = app.get_as(&format!("/mentions/suggestions?q={q}"), &author.token).expect(200).json();
        found.as_array().unwrap().iter().map(|s| s["handle"].as_str().unwrap().to_string()).collect()
    };
    assert!(handles.iter().all(|h| suggested("camille%20mar").contains(h)), "{:?}", suggested("camille%20mar"));
    assert_eq!(suggested(&handles[2]), vec![handles[2].clone()]);
}

#[test]
fn a_handle_is_chosen_within_limits() {
    let app = TestApp::spawn();
    let me = app.user("member");
    let other = app.user("member");
    let taken = handle_of(&app, &other);
    for bad in ["", "Majuscules", "-tiret", "tiret-", "espace ici", "é", &"a".repeat(31)] {
        app.patch("/me", Some(&me.token), &json!({ "handle": bad })).expect_problem(422, "validation_failed");
    }
    app.patch("/me", Some(&me.token), &json!({ "handle": taken })).expect_problem(409, "already_exists");
    let mine = format!("olympe-{}", me.id);
    let account = app.patch("/me", Some(&me.token), &json!({ "handle": mine })).expect(200).json();
    assert_eq!(account["handle"], mine.as_str());
    // The same handle again changes nothing; another one waits 30 days.
    app.patch("/me", Some(&me.token), &json!({ "handle": mine })).expect(200);
    app.patch("/me", Some(&me.token), &json!({ "handle": "olympe-bis" }))
        .expect_problem(409, "handle_recently_changed");
    app.sql(&format!("UPDATE users SET handle_changed_at = now() - interval '31 days' WHERE id = {}", me.id));
    app.patch("/me", Some(&me.token), &json!({ "handle": format!("olympe-bis-{}", me.id) })).expect(200);
    // The public profile shows it.
    assert_eq!(handle_of(&app, &me), format!("olympe-bis-{}", me.id));
}
