//! Webhooks (issue 23, point 1): endpoints registered with an app token, each delivery
//! received by a real HTTP server and verified with the official Standard Webhooks library
//! (`tests/webhooks/receiver.py`); retries across a worker restart; 410 turns an endpoint off;
//! the address guard; who may manage what.

use std::time::{Duration, Instant};

use opendetat_tests::*;

/// Deliveries to a receiver on this machine, fast.
const LOCAL: &[(&str, &str)] = &[("WEBHOOK_ALLOW_PRIVATE", "1"), ("WEBHOOK_POLL_MS", "100")];

/// An app token with `scopes` (issued by an admin to a member's organisation).
fn app_token(app: &TestApp, scopes: &[&str]) -> String {
    app_token_of(app, &app.user("member"), scopes)
}

/// An app token acting for `owner`.
fn app_token_of(app: &TestApp, owner: &TestUser, scopes: &[&str]) -> String {
    let admin = app.user("admin");
    app.post(
        "/admin/app-tokens",
        Some(&admin.token),
        &json!({"name": "Tableau de bord civique", "contact": "tech@example.org", "owner_id": owner.id, "scopes": scopes}),
    )
    .expect(201)
    .json()["token"]
        .as_str()
        .unwrap()
        .to_string()
}

fn register(app: &TestApp, token: &str, body: Value) -> (i64, String) {
    let created = app.post("/webhooks", Some(token), &body).expect(201).json();
    let secret = created["secret"].as_str().unwrap().to_string();
    assert!(secret.starts_with("whsec_"), "{secret}");
    (created["endpoint"]["id"].as_i64().unwrap(), secret)
}

/// The endpoint's delivery log once it holds `n` attempts (or after 10 s): the receiver writes
/// a request down before it answers, the server logs the attempt after.
fn attempts_log(app: &TestApp, id: i64, token: &str, n: usize) -> Value {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let log = app.get_as(&format!("/webhooks/{id}/attempts"), token).expect(200).json();
        if log["items"].as_array().unwrap().len() >= n || Instant::now() > deadline {
            return log;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn types(received: &[Value]) -> Vec<String> {
    received.iter().map(|r| r["body"]["type"].as_str().unwrap().to_string()).collect()
}

#[test]
fn an_apps_endpoint_receives_each_event_it_asked_for_signed_per_standard_webhooks() {
    let app = TestApp::spawn_with(true, LOCAL);
    let receiver = Receiver::start();
    let owner = app.user("member");
    let token = app_token_of(&app, &owner, &["webhooks"]);
    let (id, secret) = register(
        &app,
        &token,
        json!({"url": receiver.url("ok/forums"), "event_types": ["forum.created", "forum.updated"], "description": "Suivi des forums"}),
    );
    receiver.trust("forums", &[&secret]);
    let official = app.user("official");
    let member = app.user("member");
    let forum = ForumBuilder::new("Forum des crochets").create(&app, &official.token);
    let slug = forum.slug();
    app.patch(&format!("/forums/{slug}"), Some(&official.token), &json!({"capacity": 40})).expect(200);
    builders::comment(&app, &member.token, "/commitments/FR0041", "Pas pour ce point de réception");

    let got = receiver.wait_for("forums", 2, 20);
    assert_eq!(types(&got), ["forum.created", "forum.updated"]);
    for delivery in &got {
        assert_eq!(delivery["verified"], json!([true]), "{delivery}");
        assert_eq!(delivery["content_type"], "application/json");
        let data = &delivery["body"]["data"];
        assert_eq!((data["type"].as_str(), data["key"].as_str()), (Some("forum"), Some(slug.as_str())));
        assert_eq!(data["id"], forum["id"]);
        assert_eq!(data["url"], format!("{PUBLIC_URL}/api/v1/forums/{slug}"));
        // The record as `GET url` answers it when the message was made.
        assert_eq!(
            (data["record"]["slug"].as_str(), data["record"]["title"].as_str()),
            (Some(slug.as_str()), Some("Forum des crochets"))
        );
    }
    assert_eq!(got[0]["body"]["data"]["change"], "created");
    assert_ne!(got[0]["id"], got[1]["id"], "one webhook-id per message");
    // The comment was not asked for.
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(receiver.received("forums").len(), 2);

    // The delivery log: each attempt, the newest first (written once the answer is in).
    let log = attempts_log(&app, id, &token, 2);
    let items = log["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{log}");
    assert!(items.iter().all(|a| a["status_code"] == 200 && a["delivery_state"] == "succeeded" && a["attempt"] == 1));
    assert_eq!(items[0]["event_type"], "forum.updated");

    // A rotation: both secrets sign for a day, so either verifies.
    let rotated = app.post(&format!("/webhooks/{id}/secret"), Some(&token), &json!({})).expect(200).json();
    let new_secret = rotated["secret"].as_str().unwrap();
    assert_ne!(new_secret, secret);
    assert!(rotated["endpoint"]["secret_rotating_until"].is_string());
    receiver.trust("forums", &[&secret, new_secret]);
    let queued = app.post(&format!("/webhooks/{id}/test"), Some(&token), &json!({})).expect(202).json();
    let got = receiver.wait_for("forums", 3, 20);
    assert_eq!(got[2]["body"]["type"], "webhook.test");
    assert_eq!(got[2]["id"], queued["message_id"]);
    assert_eq!(got[2]["verified"], json!([true, true]), "{}", got[2]);
    assert_eq!(got[2]["signature"].as_str().unwrap().matches("v1,").count(), 2);

    // The endpoint is the app's: another app neither sees nor changes it.
    let other = app_token(&app, &["webhooks"]);
    app.get_as(&format!("/webhooks/{id}"), &other).expect_problem(404, "not_found");
    assert_eq!(app.get_as("/webhooks", &other).expect(200).json()["items"], json!([]));
    assert_eq!(app.get_as("/webhooks", &token).expect(200).json()["items"][0]["id"], id);
    // Admins see every endpoint; another member, signed in, none.
    let admin = app.user("admin");
    assert_eq!(
        app.get_as(&format!("/webhooks/{id}"), &admin.token).expect(200).json()["event_types"],
        json!(["forum.created", "forum.updated"])
    );
    assert_eq!(app.get_as("/webhooks", &member.token).expect(200).json()["items"], json!([]));
    app.get_as(&format!("/webhooks/{id}"), &member.token).expect_problem(404, "not_found");
    // The account the app's token acts for manages it signed in, but the app registers.
    assert_eq!(app.get_as("/webhooks", &owner.token).expect(200).json()["items"][0]["id"], id);
    let off = app.patch(&format!("/webhooks/{id}"), Some(&owner.token), &json!({"enabled": false})).expect(200).json();
    assert_eq!((off["enabled"].clone(), off["disabled_reason"].clone()), (json!(false), json!("owner")));
    app.post("/webhooks", Some(&owner.token), &json!({"url": "https://93.184.215.14/hook", "event_types": ["*"]}))
        .expect_problem(403, "forbidden");
    app.delete(&format!("/webhooks/{id}"), Some(&token)).expect(204);
    app.get_as(&format!("/webhooks/{id}"), &token).expect_problem(404, "not_found");
}

#[test]
fn a_receiver_that_fails_twice_gets_the_same_message_a_third_time_across_a_worker_restart() {
    let schedule = ("WEBHOOK_RETRY_SCHEDULE", "3s,300ms,300ms");
    let mut env = LOCAL.to_vec();
    env.extend([("JOB_WORKERS", "0"), schedule]);
    let app = TestApp::spawn_with(true, &env);
    let mut worker = app.spawn_worker(&[LOCAL[0], LOCAL[1], schedule]);
    let receiver = Receiver::start();
    let token = app_token(&app, &["webhooks"]);
    let (id, secret) =
        register(&app, &token, json!({"url": receiver.url("flaky/f/2"), "event_types": ["forum.created"]}));
    receiver.trust("f", &[&secret]);
    let official = app.user("official");
    ForumBuilder::new("Forum capricieux").create(&app, &official.token);
    receiver.wait_for("f", 1, 20);
    // Once the first attempt is logged (and the next one planned), the worker stops while the
    // retry waits (3 s); another takes over.
    attempts_log(&app, id, &token, 1);
    worker.kill().unwrap();
    worker.wait().unwrap();
    let mut worker = app.spawn_worker(&[LOCAL[0], LOCAL[1], schedule]);
    let got = receiver.wait_for("f", 3, 30);
    // The worker records the third attempt after the receiver has answered: stopping it before
    // then would lose the record (and, once, did under load).
    let log = attempts_log(&app, id, &token, 3);
    worker.kill().unwrap();
    worker.wait().unwrap();
    assert_eq!(got.iter().map(|r| r["status"].as_i64().unwrap()).collect::<Vec<_>>(), [503, 503, 200]);
    assert!(got.iter().all(|r| r["id"] == got[0]["id"] && r["verified"] == json!([true])), "{got:?}");
    assert_eq!(types(&got), ["forum.created"; 3]);
    let attempts: Vec<(i64, i64)> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["attempt"].as_i64().unwrap(), a["status_code"].as_i64().unwrap()))
        .collect();
    assert_eq!(attempts, [(3, 200), (2, 503), (1, 503)]);
    assert_eq!(log["items"][0]["delivery_state"], "succeeded");
    assert_eq!(receiver.received("f").len(), 3, "nothing after the success");
}

#[test]
fn an_endpoint_that_answers_410_is_turned_off_and_can_be_turned_on_and_sent_again() {
    let app = TestApp::spawn_with(true, LOCAL);
    let receiver = Receiver::start();
    let token = app_token(&app, &["webhooks"]);
    let (id, secret) = register(&app, &token, json!({"url": receiver.url("gone/g"), "event_types": ["*"]}));
    receiver.trust("g", &[&secret]);
    let official = app.user("official");
    ForumBuilder::new("Forum disparu").create(&app, &official.token);
    receiver.wait_for("g", 1, 20);
    let deadline = Instant::now() + Duration::from_secs(10);
    let endpoint = loop {
        let e = app.get_as(&format!("/webhooks/{id}"), &token).expect(200).json();
        if e["enabled"] == false || Instant::now() > deadline {
            break e;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!((endpoint["enabled"].clone(), endpoint["disabled_reason"].clone()), (json!(false), json!("gone")));
    let log = app.get_as(&format!("/webhooks/{id}/attempts"), &token).expect(200).json();
    let delivery = log["items"][0]["delivery_id"].as_i64().unwrap();
    assert_eq!(log["items"][0]["delivery_state"], "failed");
    // Nothing is sent while it is off, and it says so.
    let resend = format!("/webhooks/{id}/deliveries/{delivery}/resend");
    app.post(&resend, Some(&token), &json!({})).expect_problem(409, "webhook_disabled");
    ForumBuilder::new("Forum ignoré").create(&app, &official.token);
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(receiver.received("g").len(), 1);
    // On again: the message goes once more, with its own webhook-id.
    let on = app.patch(&format!("/webhooks/{id}"), Some(&token), &json!({"enabled": true})).expect(200).json();
    assert_eq!((on["enabled"].clone(), on["disabled_reason"].clone()), (json!(true), Value::Null));
    app.post(&resend, Some(&token), &json!({})).expect(202);
    let got = receiver.wait_for("g", 2, 20);
    assert_eq!(got[1]["id"], got[0]["id"]);
    assert_eq!(got[1]["verified"], json!([true]));
}

#[test]
fn an_endpoint_limited_to_a_forum_hears_of_the_comments_about_it_only() {
    let app = TestApp::spawn_with(true, LOCAL);
    let receiver = Receiver::start();
    let admin = app.user("admin");
    let official = app.user("official");
    let member = app.user("member");
    let forum = ForumBuilder::new("Forum suivi").create(&app, &official.token);
    let slug = forum.slug();
    // Registered by an admin (signed in), for no app.
    let created = app
        .post(
            "/webhooks",
            Some(&admin.token),
            &json!({"url": receiver.url("ok/c"), "event_types": ["comment.created"], "subject": {"type": "forum", "key": slug}}),
        )
        .expect(201)
        .json();
    assert_eq!(created["endpoint"]["app_token_id"], Value::Null);
    assert_eq!(created["endpoint"]["subject"], json!({"type": "forum", "key": slug}));
    receiver.trust("c", &[created["secret"].as_str().unwrap()]);
    builders::comment(&app, &member.token, "/commitments/FR0041", "Ailleurs");
    let here = builders::comment(&app, &member.token, &format!("/forums/{slug}"), "Ici");
    let got = receiver.wait_for("c", 1, 20);
    std::thread::sleep(Duration::from_millis(800));
    let got_all = receiver.received("c");
    assert_eq!(got_all.len(), 1, "{got_all:?}");
    assert_eq!(got[0]["body"]["data"]["id"], here["id"]);
    assert_eq!(got[0]["body"]["data"]["record"]["id"], here["id"]);
    assert_eq!(got[0]["verified"], json!([true]));
}

#[test]
fn bad_endpoints_are_refused_with_a_code_and_internal_addresses_never_called() {
    // Production, without WEBHOOK_ALLOW_PRIVATE.
    let app = TestApp::spawn();
    let token = app_token(&app, &["webhooks"]);
    let refused = |url: &str, why: &str| {
        let problem = app
            .post("/webhooks", Some(&token), &json!({"url": url, "event_types": ["*"]}))
            .expect_problem(409, "webhook_url_refused");
        let error = &problem["errors"][0];
        assert_eq!((error["field"].as_str(), error["code"].as_str()), (Some("url"), Some(why)), "{url}: {problem}");
    };
    refused("https://127.0.0.1/hook", "private_address");
    refused("https://localhost:8443/hook", "private_address");
    refused("https://169.254.169.254/latest/meta-data/", "private_address");
    refused("https://[::1]/hook", "private_address");
    refused("https://10.0.0.7/hook", "private_address");
    refused("https://[::ffff:192.168.1.1]/hook", "private_address");

    refused("http://93.184.215.14/hook", "https_required");
    refused("https://user:secret@93.184.215.14/hook", "credentials_in_url");
    refused("https://no-such-host.invalid/hook", "unresolvable_host");
    // What the contract's schema says: a 422 naming the field.
    let shape = |body: Value| app.post("/webhooks", Some(&token), &body).expect(422).json();
    let problem = shape(json!({"url": "ftp://93.184.215.14/hook", "event_types": ["*"]}));
    assert_eq!(problem["errors"][0]["field"], "url", "{problem}");
    for types in
        [json!(["user.created"]), json!(["comment.reported"]), json!(["webhook_endpoint.created"]), json!(["no.such"])]
    {
        let problem = shape(json!({"url": "https://127.0.0.1/hook", "event_types": types}));
        assert!(problem["detail"].as_str().unwrap().contains("unknown event type"), "{types}: {problem}");
    }
    shape(json!({"url": "https://127.0.0.1/hook", "event_types": ["*"], "subject": {"type": "planet", "key": "x"}}));
    let problem = app
        .post(
            "/webhooks",
            Some(&token),
            &json!({"url": "https://127.0.0.1/hook", "event_types": ["*"], "subject": {"type": "forum", "key": "no-such-forum"}}),
        )
        .expect(409)
        .json();
    assert!(["unknown_reference", "webhook_url_refused"].contains(&problem["code"].as_str().unwrap()), "{problem}");
    // The contract lists the event types an endpoint may ask for: public records' only.
    let doc = app.get("/api/openapi.json").expect(200).json();
    let listed: Vec<String> =
        serde_json::from_value(doc["components"]["schemas"]["WebhookEventType"]["enum"].clone()).unwrap();
    assert!(listed.contains(&"*".to_string()) && listed.contains(&"forum.created".to_string()), "{listed:?}");
    assert!(
        !listed.iter().any(|t| t.starts_with("user.") || t.starts_with("registration.") || t == "comment.reported"),
        "{listed:?}"
    );
    // `webhooks` is for app tokens: a member's own token cannot hold it.
    let member = app.user("member");
    let problem = app
        .post("/me/tokens", Some(&member.token), &json!({"name": "Crochets", "scopes": ["webhooks"]}))
        .expect_problem(403, "scope_not_allowed");
    assert_eq!(problem["errors"][0]["field"], "scopes");
    // At most 20 endpoints per app: each event goes to every one that asks.
    for n in 0..20 {
        app.post(
            "/webhooks",
            Some(&token),
            &json!({"url": format!("https://93.184.215.14/hook/{n}"), "event_types": ["forum.created"]}),
        )
        .expect(201);
    }
    app.post(
        "/webhooks",
        Some(&token),
        &json!({"url": "https://93.184.215.14/hook/20", "event_types": ["forum.created"]}),
    )
    .expect_problem(409, "too_many_endpoints");
    // An app token without the scope.
    let reader = app_token(&app, &["read"]);
    app.get_as("/webhooks", &reader).expect_problem(403, "insufficient_scope");
}

#[test]
fn five_days_of_failures_turn_an_endpoint_off_and_its_apps_owner_hears_of_it_by_mail() {
    let app = TestApp::spawn_with(true, LOCAL);
    let receiver = Receiver::start();
    let owner = app.user("member");
    let token = app_token_of(&app, &owner, &["webhooks"]);
    let (id, secret) = register(&app, &token, json!({"url": receiver.url("flaky/down/1000"), "event_types": ["*"]}));
    receiver.trust("down", &[&secret]);
    // It has failed for five days already (the retries of an earlier message).
    app.sql(&format!(
        "UPDATE webhook_endpoints SET failing_since = now() - interval '5 days 1 minute' WHERE id = {id}"
    ));
    let official = app.user("official");
    ForumBuilder::new("Forum sans écoute").create(&app, &official.token);
    receiver.wait_for("down", 1, 20);
    let deadline = Instant::now() + Duration::from_secs(20);
    let mail = loop {
        let about = app.mails_to(&owner.email).into_iter().find(|m| m.link_containing("/compte/webhooks/").is_some());
        match about {
            Some(mail) => break mail,
            None => assert!(Instant::now() < deadline, "no mail about the endpoint"),
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let text = mail.part("text/plain").unwrap_or_default();
    assert!(text.contains(&receiver.url("flaky/down/1000")) && text.contains("cinq jours"), "{text}");
    let link = mail.link_containing("/compte/webhooks/").expect("a link to the endpoint's page");
    assert!(link.ends_with(&format!("/compte/webhooks/{id}")), "{link}");
    let endpoint = app.get_as(&format!("/webhooks/{id}"), &owner.token).expect(200).json();
    assert_eq!((endpoint["enabled"].clone(), endpoint["disabled_reason"].clone()), (json!(false), json!("failing")));
    // In the web app too, linking to the endpoint's page; no second mail for it.
    let notifications = app.get_as("/me/notifications", &owner.token).expect(200).json();
    let notice = &notifications["items"][0];
    assert_eq!(notice["reason"], "webhook_disabled", "{notifications}");
    assert_eq!(notice["link"]["path"], format!("/compte/webhooks/{id}"));
    assert_eq!(notice["link"]["title"], endpoint["url"]);
    assert_eq!(app.get_as("/me/notifications/unread-count", &owner.token).expect(200).json()["unread"], 1);
    // No retry is planned for an endpoint that is off.
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(receiver.received("down").len(), 1);
    let log = attempts_log(&app, id, &owner.token, 1);
    assert_eq!(log["items"][0]["delivery_state"], "failed");
}
