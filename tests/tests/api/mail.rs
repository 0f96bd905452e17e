//! Mail, end to end: the server's job workers send through SMTP to aiosmtpd, and the tests read
//! what it received. Address verification at sign-up (an account signs in only once it is
//! done), "mot de passe oublié", the language of each mail, limits, and a mail server that
//! refuses, rejects or is missing.

use std::time::Duration;

use opendetat_tests::*;

const PASSWORD: &str = "a-long-enough-password";

/// The `jeton` of the first link in a mail's text that goes to `page`.
fn token_in(mail: &Mail, page: &str) -> String {
    let link = mail
        .link_containing(&format!("{PUBLIC_URL}/{page}?jeton="))
        .unwrap_or_else(|| panic!("no /{page} link in {}", mail.data));
    link.split("jeton=").nth(1).unwrap().to_string()
}

/// Signs up, and holds a session while the address is unconfirmed: a session from before
/// unconfirmed accounts stopped signing in (confirmed for the sign-in, then set back), where
/// what such a session may do is still checked.
fn sign_up(app: &TestApp, email: &str, extra: Value) -> TestUser {
    let mut body = json!({"email": email, "password": PASSWORD, "display_name": "Camille <b>Test</b>"});
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    app.post("/auth/register", None, &body).expect(202);
    let confirmed =
        |at: &str| app.sql(&format!("UPDATE users SET email_verified_at = {at} WHERE lower(email) = lower('{email}')"));
    confirmed("now()");
    let session = app.post("/auth/login", None, &json!({"email": email, "password": PASSWORD})).expect(200).json();
    confirmed("NULL");
    TestUser {
        id: session["user"]["id"].as_i64().unwrap(),
        email: email.into(),
        password: PASSWORD.into(),
        token: session["access_token"].as_str().unwrap().into(),
    }
}

const DISCUSSION: &str = "/forums/2027-01-espace-de-dialogue-en-ligne/comments";

#[test]
fn an_unconfirmed_account_signs_in_only_once_its_link_is_followed() {
    let app = TestApp::spawn();
    let email = unique_email("verify");
    app.post(
        "/auth/register",
        None,
        &json!({"email": email, "password": PASSWORD, "display_name": "Camille <b>Test</b>"}),
    )
    .expect(202);
    // Not yet, and answered exactly like a wrong password.
    let unconfirmed = app
        .post("/auth/login", None, &json!({"email": email, "password": PASSWORD}))
        .expect_problem(401, "unauthorized");
    let wrong = app
        .post("/auth/login", None, &json!({"email": email, "password": "not-the-password"}))
        .expect_problem(401, "unauthorized");
    assert_eq!(unconfirmed["detail"], wrong["detail"]);

    let mail = app.wait_for_mails_to(&email, 1).pop().unwrap();
    assert_eq!(mail.header("Content-Language").as_deref(), Some("fr"));
    assert!(mail.part("text/plain").unwrap().contains("48 heures"));
    let html = mail.part("text/html").unwrap();
    assert!(html.contains("<html lang=\"fr\">"), "{html}");
    // What the person typed is escaped in the HTML.
    assert!(html.contains("Camille &lt;b&gt;Test&lt;/b&gt;"), "{html}");
    let token = token_in(&mail, "verification");
    // Only the token's SHA-256 is stored.
    assert_eq!(app.count(&format!("mail_tokens WHERE token_hash = convert_to('{token}', 'UTF8')")), 0);

    let me = app.post("/auth/verify-email", None, &json!({"token": token})).expect(200).json();
    assert_eq!(me["email_verified"], true);
    let session = app.post("/auth/login", None, &json!({"email": email, "password": PASSWORD})).expect(200).json();
    let bearer = session["access_token"].as_str().unwrap();
    app.post(DISCUSSION, Some(bearer), &json!({"body": "Bonjour"})).expect(201);
    // Single use.
    app.post("/auth/verify-email", None, &json!({"token": token})).expect_problem(409, "token_used");
    // Once used, the job keeps no link at rest.
    assert_eq!(app.count("jobs WHERE payload ? 'link' AND state = 'done'"), 0);
}

#[test]
fn a_session_held_while_unconfirmed_reads_but_does_not_post() {
    let app = TestApp::spawn();
    let user = sign_up(&app, &unique_email("older"), json!({}));
    assert_eq!(app.get_as("/me", &user.token).expect(200).json()["email_verified"], false);
    app.get_as(DISCUSSION, &user.token).expect(200);
    let refused =
        app.post(DISCUSSION, Some(&user.token), &json!({"body": "Bonjour"})).expect_problem(403, "email_not_verified");
    assert!(refused["detail"].as_str().unwrap().contains("Confirm"), "{refused}");
    // In French for a French client.
    let fr = app
        .request(
            "POST",
            DISCUSSION,
            Some(&user.token),
            &[("Content-Type", "application/json"), ("Accept-Language", "fr-FR,fr;q=0.9")],
            Some(r#"{"body": "Bonjour"}"#),
        )
        .expect_problem(403, "email_not_verified");
    assert!(fr["detail"].as_str().unwrap().starts_with("Confirmez"), "{fr}");
    assert_eq!(app.count(&format!("comments WHERE author_id = {}", user.id)), 0);
}

#[test]
fn a_link_for_another_account_an_unknown_one_and_an_expired_one_are_refused() {
    let app = TestApp::spawn();
    let (a, b) = (unique_email("a"), unique_email("b"));
    let alice = sign_up(&app, &a, json!({}));
    let bob = sign_up(&app, &b, json!({}));
    let alice_token = token_in(&app.wait_for_mails_to(&a, 1)[0], "verification");
    app.post("/auth/verify-email", Some(&bob.token), &json!({"token": alice_token})).expect_problem(403, "forbidden");
    assert_eq!(app.get_as("/me", &bob.token).expect(200).json()["email_verified"], false);
    assert_eq!(app.get_as("/me", &alice.token).expect(200).json()["email_verified"], false);
    // The refusal did not spend it: opened without a session, it confirms Alice's address.
    app.post("/auth/verify-email", None, &json!({"token": alice_token})).expect(200);
    assert_eq!(app.get_as("/me", &alice.token).expect(200).json()["email_verified"], true);

    app.post("/auth/verify-email", None, &json!({"token": "A".repeat(43)})).expect_problem(404, "not_found");
    app.post("/auth/verify-email", None, &json!({"token": "short"})).expect_problem(422, "validation_failed");

    let bob_token = token_in(&app.wait_for_mails_to(&b, 1)[0], "verification");
    app.sql(&format!("UPDATE mail_tokens SET expires_at = now() - interval '1 second' WHERE user_id = {}", bob.id));
    let gone = app.post("/auth/verify-email", None, &json!({"token": bob_token})).expect_problem(410, "token_expired");
    assert!(gone["detail"].as_str().unwrap().contains("expired"), "{gone}");
}

#[test]
fn send_again_mails_a_new_link_and_the_old_one_stops_working() {
    let app = TestApp::spawn();
    let email = unique_email("again");
    let user = sign_up(&app, &email, json!({}));
    let first = token_in(&app.wait_for_mails_to(&email, 1)[0], "verification");
    app.request("POST", "/auth/verify-email/resend", Some(&user.token), &[], None).expect(202);
    let second = token_in(&app.wait_for_mails_to(&email, 2)[1], "verification");
    assert_ne!(first, second);
    app.post("/auth/verify-email", None, &json!({"token": first})).expect_problem(409, "token_used");
    app.post("/auth/verify-email", None, &json!({"token": second})).expect(200);
    // Confirmed: asking again sends nothing.
    app.request("POST", "/auth/verify-email/resend", Some(&user.token), &[], None).expect(202);
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(app.mails_to(&email).len(), 2);
    app.request("POST", "/auth/verify-email/resend", None, &[], None).expect_problem(401, "unauthorized");
}

#[test]
fn a_forgotten_password_is_reset_once_from_the_mail_and_every_session_ends() {
    let app = TestApp::spawn();
    let email = unique_email("forgot");
    let user = sign_up(&app, &email, json!({}));
    app.wait_for_mails_to(&email, 1);
    let answer = app.post("/auth/password-reset", None, &json!({"email": email.to_uppercase()})).expect(202).json();
    // The same answer for an address without an account, and no mail goes there.
    let nobody = unique_email("nobody");
    let same = app.post("/auth/password-reset", None, &json!({"email": nobody})).expect(202).json();
    assert_eq!(answer, same);

    let mail = app.wait_for_mails_to(&email, 2).pop().unwrap();
    assert!(mail.header("Subject").unwrap().contains("mot de passe"), "{:?}", mail.header("Subject"));
    let token = token_in(&mail, "mot-de-passe");
    // Valid one hour.
    assert_eq!(
        app.count(&format!(
            "mail_tokens WHERE user_id = {} AND purpose = 'reset_password' \
             AND expires_at BETWEEN now() + interval '59 minutes' AND now() + interval '61 minutes'",
            user.id
        )),
        1
    );
    app.post("/auth/password-reset/confirm", None, &json!({"token": token, "new_password": "short"}))
        .expect_problem(422, "validation_failed");
    app.post("/auth/password-reset/confirm", None, &json!({"token": token, "new_password": "a-brand-new-password"}))
        .expect(204);
    // Every session of the account has ended; the old password no longer opens it.
    app.get_as("/me", &user.token).expect_problem(401, "unauthorized");
    app.post("/auth/login", None, &json!({"email": email, "password": PASSWORD})).expect_problem(401, "unauthorized");
    app.post("/auth/login", None, &json!({"email": email, "password": "a-brand-new-password"})).expect(200);
    // The link worked once.
    app.post("/auth/password-reset/confirm", None, &json!({"token": token, "new_password": "yet-another-password"}))
        .expect_problem(409, "token_used");
    // The owner is told, and the address counts as confirmed (the link reached it).
    let told = app.wait_for_mails_to(&email, 3).pop().unwrap();
    assert!(told.part("text/plain").unwrap().contains("mot de passe"), "{}", told.data);
    assert_eq!(app.count(&format!("users WHERE id = {} AND email_verified_at IS NOT NULL", user.id)), 1);
    std::thread::sleep(Duration::from_millis(300));
    assert!(app.mails_to(&nobody).is_empty());
}

#[test]
fn an_expired_reset_link_answers_410_and_a_bad_one_404() {
    let app = TestApp::spawn();
    let email = unique_email("late");
    let user = sign_up(&app, &email, json!({}));
    app.post("/auth/password-reset", None, &json!({"email": email})).expect(202);
    let token = token_in(&app.wait_for_mails_to(&email, 2)[1], "mot-de-passe");
    app.sql(&format!(
        "UPDATE mail_tokens SET expires_at = now() - interval '1 minute' WHERE user_id = {} AND purpose = 'reset_password'",
        user.id
    ));
    app.post("/auth/password-reset/confirm", None, &json!({"token": token, "new_password": "a-brand-new-password"}))
        .expect_problem(410, "token_expired");
    app.post(
        "/auth/password-reset/confirm",
        None,
        &json!({"token": "B".repeat(43), "new_password": "a-brand-new-password"}),
    )
    .expect_problem(404, "not_found");
    // A verification link is not a reset link.
    let verify = token_in(&app.wait_for_mails_to(&email, 1)[0], "verification");
    app.post("/auth/password-reset/confirm", None, &json!({"token": verify, "new_password": "a-brand-new-password"}))
        .expect_problem(404, "not_found");
    // Nothing changed the password: once the address is confirmed, it signs in.
    app.post("/auth/verify-email", None, &json!({"token": verify})).expect(200);
    app.post("/auth/login", None, &json!({"email": email, "password": PASSWORD})).expect(200);
}

#[test]
fn mail_comes_in_the_recipients_language() {
    let app = TestApp::spawn();
    let email = unique_email("english");
    sign_up(&app, &email, json!({"locale": "en"}));
    let mail = app.wait_for_mails_to(&email, 1).pop().unwrap();
    assert_eq!(mail.header("Content-Language").as_deref(), Some("en"));
    assert!(mail.header("Subject").unwrap().contains("Confirm"), "{:?}", mail.header("Subject"));
    assert!(mail.part("text/html").unwrap().contains("<html lang=\"en\">"));
    assert!(mail.part("text/plain").unwrap().contains("48 hours"));
    // A browser that prefers English signs up in English when it says nothing else.
    let other = unique_email("browser");
    app.request(
        "POST",
        "/auth/register",
        None,
        &[("Content-Type", "application/json"), ("Accept-Language", "en-GB,en;q=0.9")],
        Some(&json!({"email": other, "password": PASSWORD, "display_name": "Sam"}).to_string()),
    )
    .expect(202);
    assert_eq!(app.wait_for_mails_to(&other, 1)[0].header("Content-Language").as_deref(), Some("en"));
}

#[test]
fn mails_asked_for_are_limited_per_client_and_per_address() {
    let app = TestApp::spawn_with(true, &[("RATE_LIMIT_MAIL", "2/1h")]);
    let email = unique_email("limited");
    for _ in 0..2 {
        app.post("/auth/password-reset", None, &json!({"email": email})).expect(202);
    }
    let refused = app.post("/auth/password-reset", None, &json!({"email": unique_email("other")}));
    assert!(refused.header("retry-after").is_some());
    refused.expect_problem(429, "too_many_requests");
}

#[test]
fn a_mail_server_that_refuses_for_a_while_gets_the_mail_later_and_a_rejected_one_is_kept_as_failed() {
    let sink = SmtpSink::start();
    sink.refuse(true);
    let url = sink.url();
    let app = TestApp::spawn_with(true, &[("SMTP_URL", &url)]);
    let email = unique_email("later");
    sign_up(&app, &email, json!({}));
    // The first attempt fails (451) and the job waits for its retry.
    for _ in 0..200 {
        if app.count("jobs WHERE kind = 'mail' AND state = 'queued' AND attempts >= 1 AND last_error IS NOT NULL") == 1
        {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(app.count("jobs WHERE state = 'queued' AND attempts >= 1 AND run_at > now() - interval '1 second'"), 1);
    assert!(sink.mails_to(&email).is_empty());
    sink.refuse(false);
    let mail = sink.wait_for_mail_to(&email, Duration::from_secs(30));
    assert!(mail.link_containing("/verification?jeton=").is_some());
    // The job is marked done just after the server took the mail: wait for that commit.
    for _ in 0..200 {
        if app.count("jobs WHERE state = 'done' AND attempts >= 2") == 1 {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(app.count("jobs WHERE state = 'done' AND attempts >= 2"), 1);

    // A recipient the server rejects for good (550): failed at once, visible to admins.
    sink.reject(true);
    let gone = unique_email("rejected");
    sign_up(&app, &gone, json!({}));
    for _ in 0..200 {
        if app.count("jobs WHERE state = 'failed'") == 1 {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let admin = app.demo("admin@demo.opendetat.fr");
    let failed = app.get_as("/admin/jobs?state=failed", &admin.token).expect(200).json();
    let items = failed["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{failed}");
    assert_eq!(items[0]["kind"], "mail");
    assert_eq!(items[0]["attempts"], 1);
    assert!(items[0]["last_error"].as_str().unwrap().contains("550"), "{failed}");
    // What admins see holds no address, and the job keeps no link.
    assert!(!failed.to_string().contains(&gone), "{failed}");
    assert_eq!(app.count("jobs WHERE state = 'failed' AND payload ? 'link'"), 0);
    let member = app.user("member");
    app.get_as("/admin/jobs", &member.token).expect_problem(403, "forbidden");
    app.get("/admin/jobs").expect_problem(401, "unauthorized");
}

#[test]
fn production_needs_a_mail_server_and_the_sites_address_and_dev_writes_files() {
    for (missing, name) in [("SMTP_URL", "SMTP_URL"), ("PUBLIC_URL", "PUBLIC_URL")] {
        let database = create_database(false);
        let out = std::process::Command::new(binary())
            .arg("serve")
            .env("OPENDETAT_ENV", "production")
            .env("DATABASE_URL", db_url(&database))
            .env("JWT_SECRET", JWT_SECRET)
            .env("BIND_ADDR", "127.0.0.1:0")
            .env("SMTP_URL", "smtp://127.0.0.1:2525")
            .env("PUBLIC_URL", PUBLIC_URL)
            .env_remove(missing)
            .output()
            .unwrap();
        drop_database(&database);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert!(stderr.contains(name), "{stderr}");
        assert!(!String::from_utf8_lossy(&out.stdout).contains("listening on"));
    }
    // Dev without SMTP_URL: mail becomes .eml files, and the log says where.
    let dir = std::env::temp_dir().join(format!("opendetat-mail-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let dir_text = dir.to_string_lossy().to_string();
    let app = TestApp::spawn_with(false, &[("OPENDETAT_ENV", "dev"), ("SMTP_URL", ""), ("MAIL_DIR", &dir_text)]);
    let email = unique_email("dev");
    app.post("/auth/register", None, &json!({"email": email, "password": PASSWORD, "display_name": "Dev"})).expect(202);
    // One mail: its .eml, and the same words as plain text beside it (.txt), to read at a glance.
    let named = |extension: &str| -> Vec<std::path::PathBuf> {
        std::fs::read_dir(&dir)
            .map(|d| d.flatten().map(|f| f.path()).filter(|p| p.extension().is_some_and(|e| e == extension)).collect())
            .unwrap_or_default()
    };
    for _ in 0..200 {
        if !named("eml").is_empty() && !named("txt").is_empty() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let (emls, texts) = (named("eml"), named("txt"));
    assert_eq!((emls.len(), texts.len()), (1, 1), "{emls:?} {texts:?}");
    let eml = std::fs::read_to_string(&emls[0]).unwrap();
    assert!(eml.contains(&email), "{eml}");
    assert!(std::fs::read_to_string(&texts[0]).unwrap().contains("Dev"));
    assert!(app.log().contains(&dir_text), "the log does not say where mail goes");
    let _ = std::fs::remove_dir_all(&dir);
}
