//! Two factors (issue 24, point 3): a person turns on a TOTP second factor with an authenticator
//! app (here `pyotp`, which reads the `otpauth://` address as an app would), signs in with its
//! codes or a recovery code (each once), makes new recovery codes, turns it off; roles listed in
//! `TWO_FACTOR_ROLES` act as members until they turn one on; admins reset a lost one.

use opendetat_tests::*;

use super::permissions::{table, ADMIN, MODERATION};

fn sign_in(app: &TestApp, user: &TestUser, code: Option<&str>) -> Resp {
    let mut body = json!({"email": user.email, "password": user.password});
    if let Some(code) = code {
        body["code"] = json!(code);
    }
    app.post("/auth/login", None, &body)
}

/// Turns the second factor on for `user` as a person would (scan, type the code shown); the
/// secret, as the app keeps it, and the recovery codes.
fn turn_on(app: &TestApp, user: &TestUser) -> (String, Vec<String>) {
    let setup = app.post("/me/two-factor", Some(&user.token), &json!({"password": user.password})).expect(201).json();
    let (secret, issuer) = authenticator::scan(setup["otpauth_uri"].as_str().unwrap());
    assert_eq!(secret, setup["secret"].as_str().unwrap(), "the QR code and the typed secret are the same");
    assert_eq!(issuer, "Open d'État");
    let codes = app
        .post("/me/two-factor/confirm", Some(&user.token), &json!({"code": authenticator::code(&secret, 0)}))
        .expect(200)
        .json()["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    (secret, codes)
}

/// A code is accepted once, and only a later one after it (RFC 6238, 5.2): the tests, which
/// use several within half a minute, make the server forget the last one it accepted, as if
/// time had passed.
fn as_if_later(app: &TestApp, user: &TestUser) {
    app.sql(&format!("UPDATE two_factor_secrets SET last_step = NULL WHERE user_id = {}", user.id));
}

#[test]
fn a_member_turns_on_a_second_factor_signs_in_with_it_and_turns_it_off() {
    let app = TestApp::spawn_empty();
    let me = app.user("member");
    let status = app.get_as("/me/two-factor", &me.token).expect(200).json();
    assert_eq!(status["enabled"], false);
    assert_eq!(status["required"], false);

    // Beginning takes the password again; nothing changes at sign-in until a code confirms it.
    app.post("/me/two-factor", None, &json!({"password": me.password})).expect_problem(401, "unauthorized");
    app.post("/me/two-factor", Some(&me.token), &json!({"password": "not-my-password"}))
        .expect_problem(403, "wrong_password");
    app.post("/me/two-factor/confirm", Some(&me.token), &json!({"code": "123456"}))
        .expect_problem(409, "two_factor_off");
    let setup = app.post("/me/two-factor", Some(&me.token), &json!({"password": me.password})).expect(201).json();
    let secret = authenticator::scan(setup["otpauth_uri"].as_str().unwrap()).0;
    sign_in(&app, &me, None).expect(200);
    // A code of another time is not the code shown now.
    let wrong = authenticator::code(&secret, 10);
    let refused = app
        .post("/me/two-factor/confirm", Some(&me.token), &json!({"code": wrong}))
        .expect_problem(409, "second_factor_invalid");
    assert_eq!(refused["errors"][0]["field"], "code", "{refused}");
    let now = authenticator::code(&secret, 0);
    let codes = app.post("/me/two-factor/confirm", Some(&me.token), &json!({"code": now})).expect(200).json()["codes"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(codes.len(), 10);
    let status = app.get_as("/me/two-factor", &me.token).expect(200).json();
    assert_eq!((status["enabled"].clone(), status["recovery_codes_left"].clone()), (json!(true), json!(10)));
    assert_eq!(app.get_as("/me", &me.token).expect(200).json()["two_factor"], true);
    app.post("/me/two-factor", Some(&me.token), &json!({"password": me.password})).expect_problem(409, "two_factor_on");
    // The owner is told, so that a change they did not make is noticed.
    let mails = app.wait_for_mails_to(&me.email, 2); // the sign-up's, then this one
    assert!(
        mails
            .iter()
            .any(|m| m.part("text/plain").is_some_and(|t| t.contains("double authentification vient d'être activée"))),
        "{mails:?}"
    );
    // Nothing of the secret or the codes is kept in clear.
    assert_eq!(app.count(&format!("recovery_codes WHERE user_id = {} AND used_at IS NULL", me.id)), 10);

    // Signing in: the password alone is not enough, and says what is missing only to whoever
    // has the password.
    sign_in(&app, &me, None).expect_problem(401, "second_factor_required");
    let stranger = TestUser { password: "not-my-password".into(), ..me.clone() };
    sign_in(&app, &stranger, Some(&authenticator::code(&secret, 0))).expect_problem(401, "unauthorized");
    // The code that confirmed is spent; the next one works, once.
    sign_in(&app, &me, Some(&now)).expect_problem(401, "second_factor_invalid");
    let next = authenticator::code(&secret, 1);
    sign_in(&app, &me, Some(&next)).expect(200);
    sign_in(&app, &me, Some(&next)).expect_problem(401, "second_factor_invalid");
    // A recovery code, however it is typed, works once.
    let recovery = codes[0].as_str().unwrap();
    sign_in(&app, &me, Some(&format!(" {} ", recovery.to_uppercase()))).expect(200);
    sign_in(&app, &me, Some(recovery)).expect_problem(401, "second_factor_invalid");
    assert_eq!(app.get_as("/me/two-factor", &me.token).expect(200).json()["recovery_codes_left"], 9);
    // The owner is told that a recovery code was used, in case it was not them.
    let mails = app.wait_for_mails_to(&me.email, 3);
    assert!(
        mails.iter().any(|m| m.part("text/plain").is_some_and(|t| t.contains("codes de secours vient de servir"))),
        "{mails:?}"
    );

    // New recovery codes take a code of the app (not a recovery code); the old ones stop.
    as_if_later(&app, &me);
    app.post("/me/two-factor/recovery-codes", Some(&me.token), &json!({"code": codes[1]}))
        .expect_problem(409, "second_factor_invalid");
    let fresh = app
        .post("/me/two-factor/recovery-codes", Some(&me.token), &json!({"code": authenticator::code(&secret, 0)}))
        .expect(200)
        .json()["codes"]
        .clone();
    sign_in(&app, &me, Some(codes[1].as_str().unwrap())).expect_problem(401, "second_factor_invalid");
    sign_in(&app, &me, Some(fresh[0].as_str().unwrap())).expect(200);

    // Off: the password and a code; then the password alone signs in again.
    as_if_later(&app, &me);
    let code = authenticator::code(&secret, 0);
    app.post("/me/two-factor/off", Some(&me.token), &json!({"password": "not-my-password", "code": code}))
        .expect_problem(403, "wrong_password");
    app.post("/me/two-factor/off", Some(&me.token), &json!({"password": me.password, "code": wrong}))
        .expect_problem(409, "second_factor_invalid");
    app.post("/me/two-factor/off", Some(&me.token), &json!({"password": me.password, "code": code})).expect(204);
    sign_in(&app, &me, None).expect(200);
    assert_eq!(app.count(&format!("two_factor_secrets WHERE user_id = {}", me.id)), 0);
    assert_eq!(app.count(&format!("recovery_codes WHERE user_id = {}", me.id)), 0);
    app.post("/me/two-factor/off", Some(&me.token), &json!({"password": me.password, "code": code}))
        .expect_problem(409, "two_factor_off");
    // The sign-up's, turned on, two recovery codes used, turned off.
    let mails = app.wait_for_mails_to(&me.email, 5);
    assert!(
        mails.iter().any(|m| m.part("text/plain").is_some_and(|t| t.contains("vient d'être désactivée"))),
        "{mails:?}"
    );
    // Tokens never reach these routes.
    let token =
        app.post("/me/tokens", Some(&me.token), &json!({"name": "Script", "scopes": ["read"]})).expect(201).json();
    app.get_as("/me/two-factor", token["token"].as_str().unwrap()).expect_problem(403, "insufficient_scope");
}

#[test]
fn wrong_codes_count_as_failed_sign_ins() {
    let app = TestApp::spawn_empty();
    let me = app.user("member");
    let (secret, _) = turn_on(&app, &me);
    let wrong = authenticator::code(&secret, 10);
    for _ in 0..4 {
        sign_in(&app, &me, Some(&wrong)).expect_problem(401, "second_factor_invalid");
    }
    // The fifth failure for this account from this address starts the block, as wrong
    // passwords do: six digits are not guessed a few at a time.
    sign_in(&app, &me, Some(&wrong)).expect_problem(429, "too_many_requests");
    sign_in(&app, &me, Some(&authenticator::code(&secret, 1))).expect_problem(429, "too_many_requests");
}

#[test]
fn staff_roles_that_require_a_second_factor_act_as_members_until_they_turn_one_on() {
    let app = TestApp::spawn_with(true, &[("TWO_FACTOR_ROLES", "admin,moderator")]);
    let admin = app.user("admin");
    let moderator = app.user("moderator");
    let official = app.user("official");
    let member = app.user("member");
    assert_eq!(app.get_as("/me/two-factor", &admin.token).expect(200).json()["required"], true);
    assert_eq!(app.get_as("/me/two-factor", &official.token).expect(200).json()["required"], false);

    // Every route of an admin's or a moderator's: 403 `two_factor_required` for them, while
    // what a member may do still works (their own account, their comments).
    let comment = builders::comment(&app, &member.token, "/commitments/FR0041", "Le mien");
    let fr0041 = app.get("/commitments/FR0041").expect(200).json();
    let milestone = fr0041["milestones"][0]["id"].as_i64().unwrap();
    let question = QuestionBuilder::on("/commitments/FR0041").create(&app, &member.token);
    let rows = table(comment.id(), milestone, member.id, question.id());
    let mut checked = 0;
    for (method, template, path, body, allowed) in &rows {
        for (role, person) in [("admin", &admin), ("moderator", &moderator)] {
            if !allowed.contains(&role) || allowed.contains(&"member") {
                continue;
            }
            let answer = match body {
                Some(body) => app.send(method, path, Some(&person.token), body),
                None => app.request(method, path, Some(&person.token), &[], None),
            };
            let problem = answer.expect_problem(403, "two_factor_required");
            assert!(problem["detail"].as_str().unwrap().contains("second factor"), "{method} {template}: {problem}");
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} staff routes were found in the table");
    assert!(rows.iter().any(|r| r.4 == MODERATION) && rows.iter().any(|r| r.4 == ADMIN));
    app.get_as("/me", &admin.token).expect(200);

    // Turned on, the same session holds the role's rights at once, and cannot turn it off.
    let (_, recovery) = turn_on(&app, &admin);
    app.get_as("/admin/users", &admin.token).expect(200);
    app.post("/me/two-factor/off", Some(&admin.token), &json!({"password": admin.password, "code": recovery[0]}))
        .expect_problem(409, "two_factor_kept");
    turn_on(&app, &moderator);
    app.get_as("/moderation/reports", &moderator.token).expect(200);

    // A lost device: an admin resets it (audited, the owner mailed); the moderator signs in with
    // the password alone and acts as a member until they turn a new one on.
    let path = format!("/admin/users/{}/two-factor", moderator.id);
    app.delete(&path, None).expect_problem(401, "unauthorized");
    app.delete(&path, Some(&member.token)).expect_problem(403, "forbidden");
    app.delete("/admin/users/999999/two-factor", Some(&admin.token)).expect_problem(404, "not_found");
    app.delete(&format!("/admin/users/{}/two-factor", member.id), Some(&admin.token))
        .expect_problem(409, "two_factor_off");
    app.delete(&format!("/admin/users/{}/two-factor", admin.id), Some(&admin.token))
        .expect_problem(409, "self_lockout");
    app.delete(&path, Some(&admin.token)).expect(204);
    sign_in(&app, &moderator, None).expect(200);
    app.get_as("/moderation/reports", &moderator.token).expect_problem(403, "two_factor_required");
    let audit = app.get_as("/admin/audit?action=user.two_factor_off", &admin.token).expect(200).json();
    assert_eq!(audit["items"][0]["actor"]["id"], admin.id, "{audit}");
    assert_eq!(audit["items"][0]["subject"]["id"], moderator.id, "{audit}");
    assert!(app
        .wait_for_mails_to(&moderator.email, 3)
        .iter()
        .any(|m| m.part("text/plain").is_some_and(|t| t.contains("vient d'être désactivée"))));
    let on = app.get_as("/admin/audit?action=user.two_factor_on", &admin.token).expect(200).json();
    assert_eq!(on["items"].as_array().unwrap().len(), 2, "{on}");
    let admin_view = app.get_as(&format!("/admin/users?q={}", moderator.email), &admin.token).expect(200).json();
    assert_eq!(admin_view["items"][0]["two_factor"], false, "{admin_view}");
}

#[test]
fn a_secret_begun_and_never_confirmed_is_forgotten_after_a_day() {
    // A short lease: the housekeeping beat (half of it) comes every second.
    let app = TestApp::spawn_with(false, &[("JOB_LEASE_SECS", "2")]);
    let idle = app.user("member");
    let on = app.user("member");
    app.post("/me/two-factor", Some(&idle.token), &json!({"password": idle.password})).expect(201);
    turn_on(&app, &on);
    app.sql("UPDATE two_factor_secrets SET created_at = now() - interval '25 hours'");
    for _ in 0..200 {
        if app.count(&format!("two_factor_secrets WHERE user_id = {}", idle.id)) == 0 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(app.count(&format!("two_factor_secrets WHERE user_id = {}", idle.id)), 0, "the pending one went");
    assert_eq!(app.count(&format!("two_factor_secrets WHERE user_id = {}", on.id)), 1, "the one on stays");
    sign_in(&app, &on, None).expect_problem(401, "second_factor_required");
}
