//! Accounts and sessions: `/auth/register`, `/auth/login`, `/me`, bearer-token checks
//! (hand-made JWTs: unsigned, foreign key, expired, tampered, and a valid control), and the
//! refusal to start in production without a strong `JWT_SECRET`.

use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

use opendetat_tests::*;
use sha2::{Digest, Sha256};

// ---------------------------------------------------------------------------------------------
// Hand-made JWTs (the tests crate does not depend on `jsonwebtoken`).
// ---------------------------------------------------------------------------------------------

fn b64url(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1; // 1 byte → 2 chars, 2 → 3, 3 → 4 (no padding)
        for i in 0..chars {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut block = [0u8; 64];
    if key.len() > 64 {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let ipad: Vec<u8> = block.iter().map(|b| b ^ 0x36).collect();
    let opad: Vec<u8> = block.iter().map(|b| b ^ 0x5c).collect();
    let inner = Sha256::new().chain_update(&ipad).chain_update(message).finalize();
    Sha256::new().chain_update(&opad).chain_update(inner).finalize().into()
}

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs()
}

/// The claims the server issues, for `sub`, expiring at `exp`.
fn claims(sub: i64, exp: u64) -> Value {
    json!({"sub": sub.to_string(), "iss": "opendetat", "aud": "opendetat-api", "iat": now() - 10, "exp": exp})
}

/// An HS256 JWT of `payload` signed with `secret`.
fn hs256(payload: &Value, secret: &[u8]) -> String {
    let header = b64url(br#"{"alg":"HS256","typ":"JWT"}"#);
    let body = b64url(payload.to_string().as_bytes());
    let signing_input = format!("{header}.{body}");
    let sig = b64url(&hmac_sha256(secret, signing_input.as_bytes()));
    format!("{signing_input}.{sig}")
}

/// A valid token for `user_id` signed with the real test secret, as the server would issue it.
fn real_token(user_id: i64) -> String {
    hs256(&claims(user_id, now() + 3600), JWT_SECRET.as_bytes())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn jwt_helpers_match_published_vectors() {
    // RFC 4231, test case 2, and a key longer than the block (test case 6).
    assert_eq!(
        hex(&hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    );
    assert_eq!(
        hex(&hmac_sha256(&[0xaa; 131], b"Test Using Larger Than Block-Size Key - Hash Key First")),
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
    );
    // RFC 4648 §10 (url-safe alphabet, no padding).
    assert_eq!(b64url(b"f"), "Zg");
    assert_eq!(b64url(b"fo"), "Zm8");
    assert_eq!(b64url(b"foo"), "Zm9v");
    assert_eq!(b64url(b"foobar"), "Zm9vYmFy");
    assert_eq!(b64url(&[0xfb, 0xff]), "-_8");
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const PASSWORD: &str = "a-long-enough-password";

/// Signs up (202: a mail is on its way), follows the mail's link, then signs in: the session.
fn register(app: &TestApp, email: &str) -> Value {
    let accepted = app
        .post("/auth/register", None, &json!({"email": email, "password": PASSWORD, "display_name": "Camille Test"}))
        .expect(202)
        .json();
    assert_eq!(accepted, json!({"status": "check_your_mail"}));
    confirm(app, email, 1);
    app.post("/auth/login", None, &json!({"email": email, "password": PASSWORD})).expect(200).json()
}

/// Follows the confirmation link of the `nth` mail to `email`.
fn confirm(app: &TestApp, email: &str, nth: usize) {
    let mail = app.wait_for_mails_to(email, nth).swap_remove(nth - 1);
    let link = mail.link_containing("/verification?jeton=").unwrap_or_else(|| panic!("no link in {}", mail.data));
    let token = link.split("jeton=").nth(1).unwrap();
    app.post("/auth/verify-email", None, &json!({"token": token})).expect(200);
}

fn users_with_email(app: &TestApp, email: &str) -> i64 {
    app.count(&format!("users WHERE lower(email) = lower('{email}')"))
}

fn admin_token(app: &TestApp) -> String {
    app.demo("admin@demo.opendetat.fr").token
}

// ---------------------------------------------------------------------------------------------
// Registration
// ---------------------------------------------------------------------------------------------

#[test]
fn register_answers_202_then_once_the_address_is_confirmed_the_password_signs_in_a_member_and_no_hash_leaks() {
    let app = TestApp::spawn();
    let res = app
        .post(
            "/auth/register",
            None,
            &json!({"email": "New.Member@example.org", "password": PASSWORD, "display_name": "  Nouvelle Membre ", "organisation": "Asso"}),
        )
        .expect(202);
    assert!(!res.text.contains("password"), "a password field leaked: {}", res.text);
    assert!(!res.text.contains("$argon2"), "a hash leaked: {}", res.text);
    // Not before the mail's link is followed (answered like a wrong password).
    app.post("/auth/login", None, &json!({"email": "New.Member@example.org", "password": PASSWORD}))
        .expect_problem(401, "unauthorized");
    confirm(&app, "New.Member@example.org", 1);
    let res =
        app.post("/auth/login", None, &json!({"email": "New.Member@example.org", "password": PASSWORD})).expect(200);
    assert!(!res.text.contains("$argon2"), "a hash leaked: {}", res.text);
    let body = res.json();
    assert_eq!(body["token_type"], "Bearer");
    let token = body["access_token"].as_str().expect("access_token");
    assert_eq!(token.split('.').count(), 3, "not a JWT: {token}");
    assert!(body["expires_at"].is_string(), "{body}");
    let user = &body["user"];
    assert_eq!(user["role"], "member");
    assert_eq!(user["email"], "New.Member@example.org");
    assert_eq!(user["display_name"], "Nouvelle Membre");
    assert_eq!(user["organisation"], "Asso");
    assert_eq!(user["email_verified"], true);
    assert!(user["suspended_at"].is_null());
    let id = user["id"].as_i64().expect("numeric id");

    // The account exists and the token signs it in.
    let me = app.get_as("/me", token).expect(200).json();
    assert_eq!(me["id"], id);
    assert_eq!(me["role"], "member");
    assert_eq!(
        app.count(&format!("users WHERE id = {id} AND role = 'member' AND password_hash LIKE '$argon2id$%'")),
        1
    );
}

#[test]
fn register_with_a_known_address_answers_the_same_and_tells_the_owner_by_mail() {
    let app = TestApp::spawn();
    register(&app, "Dup.Licate@Example.org");
    let twin = app
        .post(
            "/auth/register",
            None,
            &json!({"email": "dup.licate@example.ORG", "password": PASSWORD, "display_name": "Twin"}),
        )
        .expect(202);
    assert_eq!(twin.json(), json!({"status": "check_your_mail"}));
    // A seeded account, in upper case.
    app.post(
        "/auth/register",
        None,
        &json!({"email": "ADMIN@DEMO.OPENDETAT.FR", "password": PASSWORD, "display_name": "Not admin"}),
    )
    .expect(202);
    assert_eq!(users_with_email(&app, "dup.licate@example.org"), 1);
    assert_eq!(users_with_email(&app, "admin@demo.opendetat.fr"), 1);
    // The owner learns of it: the second mail says there is an account, and how to get in.
    let mails = app.wait_for_mails_to("dup.licate@example.org", 2);
    let text = mails[1].part("text/plain").unwrap();
    assert!(text.contains("/connexion"), "{text}");
    assert!(text.contains("/mot-de-passe-oublie"), "{text}");
    assert!(mails[1].link_containing("jeton=").is_none(), "no link that signs anyone in: {text}");
    // The twin's password does not open the account.
    app.post("/auth/login", None, &json!({"email": "dup.licate@example.org", "password": "not-the-first-password"}))
        .expect_problem(401, "unauthorized");
}

#[test]
fn register_names_every_invalid_field() {
    let app = TestApp::spawn();
    let before = app.count("users");
    let problem = app
        .post("/auth/register", None, &json!({"email": "not-an-email", "password": "short", "display_name": "   "}))
        .expect_problem(422, "validation_failed");
    let errors = problem["errors"].as_array().expect("errors");
    let mut fields: Vec<&str> = errors.iter().map(|e| e["field"].as_str().unwrap()).collect();
    fields.sort_unstable();
    fields.dedup();
    assert_eq!(fields, ["display_name", "email", "password"], "{problem}");
    for e in errors {
        assert!(e["code"].is_string() && e["message"].is_string(), "{e}");
    }
    let code_of = |f: &str| errors.iter().find(|e| e["field"] == f).unwrap()["code"].clone();
    assert_eq!(code_of("email"), "email");
    assert_eq!(code_of("password"), "length");
    assert_eq!(code_of("display_name"), "blank");
    // The rule's bounds come as parameters, for clients to word the message; never the value.
    let password = errors.iter().find(|e| e["field"] == "password").unwrap();
    assert_eq!(password["params"], json!({"min": 12, "max": 128}), "{password}");
    assert!(!problem.to_string().contains("short\""), "the value sent is not echoed: {problem}");
    assert_eq!(app.count("users"), before);
}

#[test]
fn register_rejects_unknown_fields_and_never_creates_an_admin() {
    let app = TestApp::spawn();
    let email = "sneaky@example.org";
    let problem = app
        .post(
            "/auth/register",
            None,
            &json!({"email": email, "password": PASSWORD, "display_name": "Sneaky", "role": "admin"}),
        )
        .expect_problem(422, "unprocessable_body");
    assert!(problem["detail"].as_str().unwrap().contains("role"), "{problem}");
    assert_eq!(users_with_email(&app, email), 0, "the account was created");
    assert_eq!(app.count("users WHERE role = 'admin'"), 1, "only the seeded admin");
    // And the same email can still register normally, as a member.
    let body = register(&app, email);
    assert_eq!(body["user"]["role"], "member");
}

#[test]
fn register_rejects_malformed_json_with_400() {
    let app = TestApp::spawn();
    let before = app.count("users");
    let res = app.request(
        "POST",
        "/auth/register",
        None,
        &[("Content-Type", "application/json")],
        Some(r#"{"email": "x@example.org", "password": "a-long-enough-password", "#),
    );
    res.expect_problem(400, "malformed_json");
    assert_eq!(app.count("users"), before);
}

#[test]
fn register_rejects_a_non_json_content_type_with_415() {
    let app = TestApp::spawn();
    let body = json!({"email": "plain@example.org", "password": PASSWORD, "display_name": "Plain"}).to_string();
    app.request("POST", "/auth/register", None, &[("Content-Type", "text/plain")], Some(&body))
        .expect_problem(415, "unsupported_media_type");
    app.request("POST", "/auth/register", None, &[("Content-Type", "application/x-www-form-urlencoded")], Some(&body))
        .expect_problem(415, "unsupported_media_type");
    // No content type at all is refused the same way.
    app.request("POST", "/auth/register", None, &[], Some(&body)).expect_problem(415, "unsupported_media_type");
    assert_eq!(users_with_email(&app, "plain@example.org"), 0);
    // The control: the same body as JSON (with a charset parameter) is accepted.
    app.request("POST", "/auth/register", None, &[("Content-Type", "application/json; charset=utf-8")], Some(&body))
        .expect(202);
    assert_eq!(users_with_email(&app, "plain@example.org"), 1);
}

#[test]
fn register_rejects_a_body_over_64_kib_with_413() {
    let app = TestApp::spawn();
    let body = json!({"email": "big@example.org", "password": PASSWORD, "display_name": "x".repeat(70 * 1024)});
    app.post("/auth/register", None, &body).expect_problem(413, "payload_too_large");
    assert_eq!(users_with_email(&app, "big@example.org"), 0);
}

// ---------------------------------------------------------------------------------------------
// Login
// ---------------------------------------------------------------------------------------------

#[test]
fn login_returns_a_session_for_the_right_password() {
    let app = TestApp::spawn();
    let user = app.user("member");
    let body =
        app.post("/auth/login", None, &json!({"email": user.email, "password": user.password})).expect(200).json();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["user"]["id"], user.id);
    assert_eq!(body["user"]["email"], user.email.as_str());
    assert!(!body.to_string().contains("password"), "{body}");
    let token = body["access_token"].as_str().unwrap();
    assert_eq!(app.get_as("/me", token).expect(200).json()["id"], user.id);
}

#[test]
fn login_ignores_the_case_of_the_email() {
    let app = TestApp::spawn();
    let body = app
        .post("/auth/login", None, &json!({"email": "Admin@DEMO.opendetat.FR", "password": DEMO_PASSWORD}))
        .expect(200)
        .json();
    assert_eq!(body["user"]["email"], "admin@demo.opendetat.fr");
    assert_eq!(body["user"]["role"], "admin");
    // An account registered with capitals signs in in lower case.
    register(&app, "Mixed.Case@Example.org");
    let body = app
        .post("/auth/login", None, &json!({"email": "mixed.case@example.org", "password": PASSWORD}))
        .expect(200)
        .json();
    assert_eq!(body["user"]["email"], "Mixed.Case@Example.org");
}

#[test]
fn login_fails_alike_for_a_wrong_password_and_an_unknown_email() {
    let app = TestApp::spawn();
    let user = app.user("member");
    let wrong_password =
        app.post("/auth/login", None, &json!({"email": user.email, "password": "not-the-right-password"}));
    assert_eq!(wrong_password.header("www-authenticate"), Some("Bearer"));
    let wrong_password = wrong_password.expect_problem(401, "unauthorized");
    let unknown = app
        .post("/auth/login", None, &json!({"email": "nobody-here@example.org", "password": "not-the-right-password"}))
        .expect_problem(401, "unauthorized");
    assert_eq!(wrong_password["detail"], unknown["detail"]);
    assert_eq!(wrong_password, unknown, "the two failures must be indistinguishable");
    assert_eq!(unknown["detail"], "Wrong email or password.");
}

#[test]
fn login_refuses_a_suspended_account_with_403() {
    let app = TestApp::spawn();
    let user = app.user("member");
    let admin = admin_token(&app);
    app.patch(&format!("/admin/users/{}", user.id), Some(&admin), &json!({"suspended": true})).expect(200);
    let problem = app
        .post("/auth/login", None, &json!({"email": user.email, "password": user.password}))
        .expect_problem(403, "forbidden");
    assert!(problem["detail"].as_str().unwrap().contains("suspended"), "{problem}");
    assert!(!problem.to_string().contains("access_token"));
    // A wrong password on a suspended account still says only "wrong credentials".
    app.post("/auth/login", None, &json!({"email": user.email, "password": "not-the-right-password"}))
        .expect_problem(401, "unauthorized");
}

// ---------------------------------------------------------------------------------------------
// Bearer tokens on /me
// ---------------------------------------------------------------------------------------------

#[test]
fn me_requires_a_token() {
    let app = TestApp::spawn();
    let res = app.get("/me");
    assert_eq!(res.header("www-authenticate"), Some("Bearer"));
    res.expect_problem(401, "unauthorized");
    app.patch("/me", None, &json!({"display_name": "Nope"})).expect_problem(401, "unauthorized");
    // A non-bearer scheme is no token either.
    let user = app.user("member");
    app.request("GET", "/me", None, &[("Authorization", &format!("Basic {}", user.token))], None)
        .expect_problem(401, "unauthorized");
}

#[test]
fn me_rejects_a_garbage_token() {
    let app = TestApp::spawn();
    let user = app.user("member");
    for garbage in ["garbage", "a.b.c", "", "Bearer"] {
        app.get_as("/me", garbage).expect_problem(401, "unauthorized");
    }
    app.patch("/me", Some("not.a.jwt"), &json!({"display_name": "Hacked"})).expect_problem(401, "unauthorized");
    assert_eq!(app.get_as("/me", &user.token).expect(200).json()["display_name"], "Test member");
}

#[test]
fn me_accepts_a_hand_made_token_signed_with_the_real_secret() {
    // The control for the rejection tests below: the hand-made tokens are well formed.
    let app = TestApp::spawn();
    let user = app.user("member");
    let me = app.get_as("/me", &real_token(user.id)).expect(200).json();
    assert_eq!(me["id"], user.id);
    assert_eq!(me["email"], user.email.as_str());
    app.patch("/me", Some(&real_token(user.id)), &json!({"display_name": "Via hand-made token"})).expect(200);
}

#[test]
fn a_session_about_to_end_is_extended_by_one_call_while_its_token_is_valid() {
    let app = TestApp::spawn();
    let user = app.user("member");
    // A token with 30 seconds left, as the web app holds when it warns that the session ends.
    let ending = hs256(&claims(user.id, now() + 30), JWT_SECRET.as_bytes());
    let session = app.post("/auth/session/extend", Some(&ending), &json!({})).expect(200).json();
    assert_eq!(session["token_type"], "Bearer");
    assert_eq!(session["user"]["id"], user.id);
    let expires_at = chrono::DateTime::parse_from_rfc3339(session["expires_at"].as_str().unwrap()).unwrap();
    let left = expires_at.timestamp() - now() as i64;
    assert!(left > 30 * 60, "the new token must last the configured time, not the old one's 30 s: {left} s");
    let token = session["access_token"].as_str().unwrap();
    assert_eq!(app.get_as("/me", token).expect(200).json()["id"], user.id);
    // Only a valid token extends: none, an expired one, or one of a session ended by a new
    // password is 401; a suspended account 403.
    app.post("/auth/session/extend", None, &json!({})).expect_problem(401, "unauthorized");
    let expired = hs256(&claims(user.id, now() - 120), JWT_SECRET.as_bytes());
    app.post("/auth/session/extend", Some(&expired), &json!({})).expect_problem(401, "unauthorized");
    let other = app.user("member");
    let new_password = "another-long-password-2026";
    app.patch("/me", Some(&other.token), &json!({"current_password": other.password, "new_password": new_password}))
        .expect(200);
    app.post("/auth/session/extend", Some(&other.token), &json!({})).expect_problem(401, "unauthorized");
    let admin = admin_token(&app);
    app.patch(&format!("/admin/users/{}", user.id), Some(&admin), &json!({"suspended": true})).expect(200);
    app.post("/auth/session/extend", Some(token), &json!({})).expect_problem(403, "forbidden");
}

#[test]
fn me_rejects_an_unsigned_alg_none_token() {
    let app = TestApp::spawn();
    let user = app.user("member");
    let header = b64url(br#"{"alg":"none","typ":"JWT"}"#);
    let payload = b64url(claims(user.id, now() + 3600).to_string().as_bytes());
    for token in [format!("{header}.{payload}."), format!("{header}.{payload}")] {
        app.get_as("/me", &token).expect_problem(401, "unauthorized");
        app.patch("/me", Some(&token), &json!({"display_name": "Hacked"})).expect_problem(401, "unauthorized");
    }
    assert_eq!(app.get_as("/me", &user.token).expect(200).json()["display_name"], "Test member");
}

#[test]
fn me_rejects_a_token_signed_with_another_secret() {
    let app = TestApp::spawn();
    let user = app.user("member");
    let forged = hs256(&claims(user.id, now() + 3600), b"another-secret-another-secret-another-secret!!");
    app.get_as("/me", &forged).expect_problem(401, "unauthorized");
    app.patch("/me", Some(&forged), &json!({"display_name": "Hacked"})).expect_problem(401, "unauthorized");
    assert_eq!(app.get_as("/me", &user.token).expect(200).json()["display_name"], "Test member");
}

#[test]
fn me_rejects_an_expired_token() {
    let app = TestApp::spawn();
    let user = app.user("member");
    // Well past any clock leeway.
    let expired = hs256(&claims(user.id, now() - 3600), JWT_SECRET.as_bytes());
    let problem = app.get_as("/me", &expired).expect_problem(401, "unauthorized");
    assert!(problem["detail"].as_str().unwrap().contains("expired"), "{problem}");
    app.patch("/me", Some(&expired), &json!({"display_name": "Late"})).expect_problem(401, "unauthorized");
}

#[test]
fn me_rejects_a_token_whose_payload_was_tampered() {
    let app = TestApp::spawn();
    let victim = app.user("admin");
    let attacker = app.user("member");
    // The server's own token, with the payload swapped for one naming another user.
    let parts: Vec<&str> = attacker.token.split('.').collect();
    assert_eq!(parts.len(), 3);
    let swapped = b64url(claims(victim.id, now() + 3600).to_string().as_bytes());
    let tampered = format!("{}.{}.{}", parts[0], swapped, parts[2]);
    app.get_as("/me", &tampered).expect_problem(401, "unauthorized");
    app.get_as("/admin/users", &tampered).expect_problem(401, "unauthorized");
    // Same with a hand-made token.
    let mine = real_token(attacker.id);
    let p: Vec<&str> = mine.split('.').collect();
    app.get_as("/me", &format!("{}.{}.{}", p[0], swapped, p[2])).expect_problem(401, "unauthorized");
    // The untouched token still works, for its own user.
    assert_eq!(app.get_as("/me", &attacker.token).expect(200).json()["id"], attacker.id);
}

#[test]
fn me_rejects_tokens_for_another_issuer_audience_or_missing_account() {
    let app = TestApp::spawn();
    let user = app.user("member");
    let secret = JWT_SECRET.as_bytes();
    let mut wrong_iss = claims(user.id, now() + 3600);
    wrong_iss["iss"] = json!("someone-else");
    let mut wrong_aud = claims(user.id, now() + 3600);
    wrong_aud["aud"] = json!("another-api");
    let mut no_exp = claims(user.id, now() + 3600);
    no_exp.as_object_mut().unwrap().remove("exp");
    let mut bad_sub = claims(user.id, now() + 3600);
    bad_sub["sub"] = json!("not-a-number");
    for payload in [wrong_iss, wrong_aud, no_exp, bad_sub] {
        app.get_as("/me", &hs256(&payload, secret)).expect_problem(401, "unauthorized");
    }
    // Correctly signed, but for an account that does not exist.
    app.get_as("/me", &real_token(987_654_321)).expect_problem(401, "unauthorized");
}

// ---------------------------------------------------------------------------------------------
// PATCH /me
// ---------------------------------------------------------------------------------------------

#[test]
fn update_me_changes_display_name_and_organisation_and_null_clears_it() {
    let app = TestApp::spawn();
    let user = app.user("member");
    let body = app
        .patch(
            "/me",
            Some(&user.token),
            &json!({"display_name": "  Camille Renommée ", "organisation": "Association X"}),
        )
        .expect(200)
        .json();
    assert_eq!(body["display_name"], "Camille Renommée");
    assert_eq!(body["organisation"], "Association X");
    assert_eq!(body["email"], user.email.as_str());
    assert!(!body.to_string().contains("password"), "{body}");
    let me = app.get_as("/me", &user.token).expect(200).json();
    assert_eq!(me["display_name"], "Camille Renommée");
    assert_eq!(me["organisation"], "Association X");

    // An absent organisation is left alone…
    let body = app.patch("/me", Some(&user.token), &json!({"display_name": "Camille"})).expect(200).json();
    assert_eq!(body["organisation"], "Association X");
    // …and null clears it.
    let body = app.patch("/me", Some(&user.token), &json!({"organisation": null})).expect(200).json();
    assert!(body["organisation"].is_null(), "{body}");
    assert_eq!(body["display_name"], "Camille");
    assert!(app.get_as("/me", &user.token).expect(200).json()["organisation"].is_null());
    // The public profile shows the change.
    let public = app.get(&format!("/users/{}", user.id)).expect(200).json();
    assert_eq!(public["display_name"], "Camille");
}

#[test]
fn update_me_validates_fields() {
    let app = TestApp::spawn();
    let user = app.user("member");
    let problem = app
        .patch("/me", Some(&user.token), &json!({"display_name": "  ", "organisation": "o".repeat(201)}))
        .expect_problem(422, "validation_failed");
    let mut fields: Vec<&str> =
        problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    fields.sort_unstable();
    fields.dedup();
    assert_eq!(fields, ["display_name", "organisation"], "{problem}");
    assert_eq!(app.get_as("/me", &user.token).expect(200).json()["display_name"], "Test member");
}

#[test]
fn update_me_rejects_role_and_keeps_the_role() {
    let app = TestApp::spawn();
    let user = app.user("member");
    let problem =
        app.patch("/me", Some(&user.token), &json!({"role": "admin"})).expect_problem(422, "unprocessable_body");
    assert!(problem["detail"].as_str().unwrap().contains("role"), "{problem}");
    app.patch("/me", Some(&user.token), &json!({"display_name": "Still member", "role": "admin"}))
        .expect_problem(422, "unprocessable_body");
    let me = app.get_as("/me", &user.token).expect(200).json();
    assert_eq!(me["role"], "member");
    assert_eq!(me["display_name"], "Test member", "nothing of the rejected body was applied");
    assert_eq!(app.count(&format!("users WHERE id = {} AND role = 'member'", user.id)), 1);
    app.get_as("/admin/users", &user.token).expect_problem(403, "forbidden");
}

#[test]
fn update_me_password_change_requires_the_current_password() {
    let app = TestApp::spawn();
    let user = app.user("member");
    let new_password = "a-brand-new-password-2026";

    let missing = app
        .patch("/me", Some(&user.token), &json!({"new_password": new_password}))
        .expect_problem(422, "validation_failed");
    assert_eq!(missing["errors"][0]["field"], "current_password", "{missing}");
    assert_eq!(missing["errors"].as_array().unwrap().len(), 1);

    let wrong = app
        .patch("/me", Some(&user.token), &json!({"current_password": "not-my-password", "new_password": new_password}))
        .expect_problem(403, "wrong_password");
    assert_eq!(wrong["errors"][0]["field"], "current_password", "{wrong}");

    // A new password that is too short is refused too, even with the right current one.
    let short = app
        .patch("/me", Some(&user.token), &json!({"current_password": user.password, "new_password": "short"}))
        .expect_problem(422, "validation_failed");
    assert_eq!(short["errors"][0]["field"], "new_password", "{short}");

    // Nothing changed: the old password still signs in, the new one does not.
    app.post("/auth/login", None, &json!({"email": user.email, "password": user.password})).expect(200);
    app.post("/auth/login", None, &json!({"email": user.email, "password": new_password}))
        .expect_problem(401, "unauthorized");
}

#[test]
fn update_me_password_change_takes_effect_at_login() {
    let app = TestApp::spawn();
    let user = app.user("member");
    let new_password = "a-brand-new-password-2026";
    let body = app
        .patch("/me", Some(&user.token), &json!({"current_password": user.password, "new_password": new_password}))
        .expect(200)
        .json();
    assert_eq!(body["id"], user.id);
    assert!(!body.to_string().contains("password"), "{body}");
    let session =
        app.post("/auth/login", None, &json!({"email": user.email, "password": new_password})).expect(200).json();
    assert_eq!(session["user"]["id"], user.id);
    app.post("/auth/login", None, &json!({"email": user.email, "password": user.password}))
        .expect_problem(401, "unauthorized");
}

/// A password change ends every session of the account (a stolen token, another device, this
/// one); tokens issued afterwards work, and other accounts' sessions are untouched.
#[test]
fn changing_the_password_ends_every_session() {
    let app = TestApp::spawn();
    let user = app.user("member");
    let bystander = app.user("member");
    let other_device =
        app.post("/auth/login", None, &json!({"email": user.email, "password": user.password})).expect(200).json()
            ["access_token"]
            .as_str()
            .unwrap()
            .to_string();
    app.get_as("/me", &other_device).expect(200);
    // A failed attempt (wrong current password) changes nothing.
    app.patch(
        "/me",
        Some(&user.token),
        &json!({"current_password": "not-my-password", "new_password": "a-brand-new-password-2026"}),
    )
    .expect_problem(403, "wrong_password");
    app.get_as("/me", &other_device).expect(200);
    // Neither does a change of display name.
    app.patch("/me", Some(&user.token), &json!({"display_name": "Nouveau nom"})).expect(200);
    app.get_as("/me", &user.token).expect(200);

    app.patch(
        "/me",
        Some(&user.token),
        &json!({"current_password": user.password, "new_password": "a-brand-new-password-2026"}),
    )
    .expect(200);
    for token in [&user.token, &other_device] {
        let problem = app.get_as("/me", token).expect_problem(401, "unauthorized");
        assert!(problem["detail"].as_str().unwrap().contains("password was changed"), "{problem}");
        // Writes too, including the one that reads the account inside its transaction.
        app.post(
            &format!("/forums/{}/comments", crate::forums::DIALOGUE),
            Some(token),
            &json!({"body": "Avec un jeton révoqué"}),
        )
        .expect_problem(401, "unauthorized");
    }
    let fresh = app
        .post("/auth/login", None, &json!({"email": user.email, "password": "a-brand-new-password-2026"}))
        .expect(200)
        .json()["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(app.get_as("/me", &fresh).expect(200).json()["id"], user.id);
    app.get_as("/me", &bystander.token).expect(200);
}

// ---------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------

/// Runs `serve` in production with `secret` as JWT_SECRET (None: unset). BIND_ADDR is
/// unusable, so a server that wrongly accepted the configuration would still exit (with
/// another message) instead of hanging the test.
fn serve_in_production(secret: Option<&str>) -> std::process::Output {
    let database = create_database(false);
    let mut cmd = Command::new(binary());
    cmd.arg("serve")
        .env("OPENDETAT_ENV", "production")
        .env("DATABASE_URL", db_url(&database))
        .env("BIND_ADDR", "256.256.256.256:1")
        .env("STATIC_DIR", "")
        .env("RUST_LOG", "info")
        .env("SMTP_URL", "smtp://127.0.0.1:2525")
        .env("PUBLIC_URL", PUBLIC_URL)
        .env_remove("JWT_SECRET");
    if let Some(s) = secret {
        cmd.env("JWT_SECRET", s);
    }
    let out = cmd.output().expect("run opendetat");
    drop_database(&database);
    out
}

#[test]
fn production_refuses_to_start_without_a_long_jwt_secret() {
    for secret in [None, Some("too-short-secret"), Some("")] {
        let out = serve_in_production(secret);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "started with JWT_SECRET={secret:?}");
        assert!(stderr.contains("JWT_SECRET"), "JWT_SECRET={secret:?}: stderr does not name it: {stderr}");
        assert!(!String::from_utf8_lossy(&out.stdout).contains("listening on"));
    }
    // The control: a long secret passes the check (and fails later, on the bad BIND_ADDR).
    let out = serve_in_production(Some(JWT_SECRET));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(!stderr.contains("JWT_SECRET"), "{stderr}");
    assert!(stderr.contains("cannot listen"), "{stderr}");
}
