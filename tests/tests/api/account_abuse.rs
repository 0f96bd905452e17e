//! What an outside probe did to other people's accounts (issue 24, point 5), and what it finds
//! now: wrong passwords from one address block that address, not the owner; guesses from many
//! addresses reach a ceiling that mails the owner; a reset request takes the same work whether
//! or not the address has an account; signing up with someone's address neither signs in nor
//! holds it (and an account never confirmed goes after 7 days); sign-ups naming an address do
//! not spend its owner's budget for reset links.

use std::time::Duration;

use opendetat_tests::*;

const WRONG: &str = "not-the-password!";

/// `POST /auth/login` as if from `from` (the app trusts 127.0.0.1 as its proxy).
fn sign_in(app: &TestApp, from: &str, email: &str, password: &str) -> Resp {
    app.request(
        "POST",
        "/auth/login",
        None,
        &[("Content-Type", "application/json"), ("X-Forwarded-For", from)],
        Some(&json!({"email": email, "password": password}).to_string()),
    )
}

fn wait_for(app: &TestApp, from_where: &str, n: i64) {
    for _ in 0..400 {
        if app.count(from_where) >= n {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("never {n} of {from_where}");
}

#[test]
fn wrong_passwords_from_one_address_block_that_address_and_the_owner_signs_in_from_another() {
    let app = TestApp::spawn_with(false, &[("TRUSTED_PROXIES", "127.0.0.1")]);
    let owner = app.user("member");
    let stranger = "198.51.100.7";
    for _ in 0..4 {
        sign_in(&app, stranger, &owner.email, WRONG).expect_problem(401, "unauthorized");
    }
    // The fifth starts the block and says so; from there even the right password waits.
    sign_in(&app, stranger, &owner.email, WRONG).expect_problem(429, "too_many_requests");
    sign_in(&app, stranger, &owner.email, &owner.password).expect_problem(429, "too_many_requests");
    // Before, the owner was locked out from everywhere for 30 s doubling to 15 min.
    sign_in(&app, "203.0.113.20", &owner.email, &owner.password).expect(200);
    // The owner's success clears the owner's own standing, not the stranger's block.
    sign_in(&app, stranger, &owner.email, WRONG).expect_problem(429, "too_many_requests");
    assert_eq!(app.count("jobs WHERE kind = 'mail' AND payload->>'template' = 'sign_ins_blocked'"), 0);
}

#[test]
fn guesses_from_many_addresses_reach_the_accounts_ceiling_which_mails_the_owner_once() {
    let app = TestApp::spawn_with(false, &[("TRUSTED_PROXIES", "127.0.0.1")]);
    let owner = app.user("member");
    // Twenty addresses, five wrong passwords each: the 100th failure is the ceiling.
    for a in 0..20 {
        let from = format!("198.51.100.{}", a + 1);
        for k in 0..5 {
            let answer = sign_in(&app, &from, &owner.email, WRONG);
            if k < 4 {
                answer.expect_problem(401, "unauthorized");
            } else {
                answer.expect_problem(429, "too_many_requests");
            }
        }
    }
    // Now every address waits, the owner's too, and the owner has been told why.
    let refused = sign_in(&app, "203.0.113.20", &owner.email, &owner.password);
    assert!(refused.header("retry-after").is_some());
    refused.expect_problem(429, "too_many_requests");
    let mails = app.wait_for_mails_to(&owner.email, 2);
    let told = mails.iter().find(|m| m.part("text/plain").is_some_and(|p| p.contains("depuis de nombreuses adresses")));
    let told = told.unwrap_or_else(|| panic!("no mail about the blocked sign-ins: {mails:?}"));
    assert!(told.link_containing(&format!("{PUBLIC_URL}/mot-de-passe-oublie")).is_some(), "{}", told.data);
    // Refused attempts count nothing more: one mail, however long the guessing goes on.
    sign_in(&app, "198.51.100.99", &owner.email, WRONG).expect_problem(429, "too_many_requests");
    assert_eq!(app.count("jobs WHERE kind = 'mail' AND payload->>'template' = 'sign_ins_blocked'"), 1);
    assert_eq!(app.count("login_throttle WHERE key NOT LIKE '%|%' AND failures = 100"), 1);
}

#[test]
fn a_reset_request_is_the_same_work_and_answer_for_a_known_and_an_unknown_address() {
    let app = TestApp::spawn_with(false, &[]);
    let owner = app.user("member");
    let unknown = unique_email("nobody");
    let known = app.post("/auth/password-reset", None, &json!({"email": owner.email})).expect(202);
    let not_known = app.post("/auth/password-reset", None, &json!({"email": unknown})).expect(202);
    assert_eq!(known.json(), not_known.json());
    // Each request recorded one job and nothing else: the job decides, after the answer.
    assert_eq!(app.count("jobs WHERE kind = 'accounts_password_reset'"), 2);
    wait_for(&app, "jobs WHERE kind = 'accounts_password_reset' AND state = 'done'", 2);
    let mails = app.wait_for_mails_to(&owner.email, 2);
    assert!(mails.iter().any(|m| m.link_containing(&format!("{PUBLIC_URL}/mot-de-passe?jeton=")).is_some()));
    assert!(app.mails_to(&unknown).is_empty());
    assert_eq!(app.count("mail_tokens WHERE purpose = 'reset_password'"), 1);
    // Done, a job keeps no address.
    assert_eq!(app.count("jobs WHERE kind = 'accounts_password_reset' AND payload ? 'email'"), 0);
}

#[test]
fn sign_ups_naming_an_address_spend_their_own_budget_not_its_owners_reset_budget() {
    let app = TestApp::spawn_with(false, &[("RATE_LIMIT_MAIL", "3/1h"), ("TRUSTED_PROXIES", "127.0.0.1")]);
    let owner = app.user("member");
    // Nine sign-ups naming the owner's address, from nine addresses: all answered alike...
    for i in 0..9 {
        app.request(
            "POST",
            "/auth/register",
            None,
            &[("Content-Type", "application/json"), ("X-Forwarded-For", &format!("198.51.100.{}", i + 1))],
            Some(
                &json!({"email": owner.email, "password": "a-long-enough-password", "display_name": "Usurpateur"})
                    .to_string(),
            ),
        )
        .expect(202);
    }
    // ...and mails about them only within sign-ups' budget for that address (three, one of
    // them spent by the owner's own sign-up), the rest left unsent without a word.
    assert_eq!(app.count("jobs WHERE kind = 'mail' AND payload->>'template' = 'account_exists'"), 2);
    // The owner's own reset is not refused: it has its own budget, and its link arrives.
    app.request(
        "POST",
        "/auth/password-reset",
        None,
        &[("Content-Type", "application/json"), ("X-Forwarded-For", "203.0.113.5")],
        Some(&json!({"email": owner.email}).to_string()),
    )
    .expect(202);
    let mails = app.wait_for_mails_to(&owner.email, 4);
    assert!(mails.iter().any(|m| m.link_containing(&format!("{PUBLIC_URL}/mot-de-passe?jeton=")).is_some()));
}

#[test]
fn nobody_holds_an_address_by_signing_up_with_it() {
    let app = TestApp::spawn_with(false, &[]);
    let victim = unique_email("victim");
    // Someone signs up with another person's address and their own password...
    app.post(
        "/auth/register",
        None,
        &json!({"email": victim, "password": "the-squatters-password", "display_name": "Squat"}),
    )
    .expect(202);
    // ...and cannot sign in: answered exactly like a wrong password, as for an address
    // without any account (before: 200 here, 401 for a known address).
    let squatter = app
        .post("/auth/login", None, &json!({"email": victim, "password": "the-squatters-password"}))
        .expect_problem(401, "unauthorized");
    let nobody = app
        .post("/auth/login", None, &json!({"email": unique_email("nobody"), "password": "the-squatters-password"}))
        .expect_problem(401, "unauthorized");
    assert_eq!(squatter["detail"], nobody["detail"]);
    // The owner signs up in turn: the mail offers to choose the account's password (not to
    // confirm the squatter's), which confirms the address.
    app.post(
        "/auth/register",
        None,
        &json!({"email": victim, "password": "the-owners-password", "display_name": "Owner"}),
    )
    .expect(202);
    let mails = app.wait_for_mails_to(&victim, 2);
    assert!(mails[1].link_containing("/verification?jeton=").is_none(), "{}", mails[1].data);
    let link = mails[1]
        .link_containing(&format!("{PUBLIC_URL}/mot-de-passe?jeton="))
        .unwrap_or_else(|| panic!("no link to choose the password: {}", mails[1].data));
    let token = link.split("jeton=").nth(1).unwrap();
    app.post("/auth/password-reset/confirm", None, &json!({"token": token, "new_password": "the-owners-own-password"}))
        .expect(204);
    let session = app
        .post("/auth/login", None, &json!({"email": victim, "password": "the-owners-own-password"}))
        .expect(200)
        .json();
    assert_eq!(session["user"]["email_verified"], true);
    app.post("/auth/login", None, &json!({"email": victim, "password": "the-squatters-password"}))
        .expect_problem(401, "unauthorized");
}

#[test]
fn an_account_never_confirmed_is_deleted_after_seven_days_which_frees_the_address() {
    // A short lease: the housekeeping beat (half of it) comes every second.
    let app = TestApp::spawn_with(false, &[("JOB_LEASE_SECS", "2")]);
    let (stale, fresh) = (unique_email("stale"), unique_email("fresh"));
    for email in [&stale, &fresh] {
        app.post(
            "/auth/register",
            None,
            &json!({"email": email, "password": "a-long-enough-password", "display_name": "M"}),
        )
        .expect(202);
    }
    let confirmed = app.user("member");
    app.sql(&format!(
        "UPDATE users SET created_at = now() - interval '8 days' WHERE lower(email) IN (lower('{stale}'), lower('{}'))",
        confirmed.email
    ));
    wait_for(
        &app,
        &format!("(SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM users WHERE lower(email) = lower('{stale}'))) AS gone"),
        1,
    );
    // The fresh one waits its week; a confirmed one stays, whatever its age.
    assert_eq!(app.count(&format!("users WHERE lower(email) = lower('{fresh}')")), 1);
    assert_eq!(app.count(&format!("users WHERE id = {}", confirmed.id)), 1);
    // The address is free: signing up with it makes a new account and mails its link.
    app.post(
        "/auth/register",
        None,
        &json!({"email": stale, "password": "a-long-enough-password", "display_name": "M"}),
    )
    .expect(202);
    assert_eq!(app.count(&format!("users WHERE lower(email) = lower('{stale}') AND email_verified_at IS NULL")), 1);
    let mails = app.wait_for_mails_to(&stale, 2);
    assert!(mails[1].link_containing("/verification?jeton=").is_some(), "{}", mails[1].data);
}
