//! Every API route has a budget per client — per address without credentials, per account
//! (a session's or a personal token's) or per app token with them — with the standard fields on
//! every answer and a 429 past it; several instances on one database share the budget.

use opendetat_tests::*;

/// Fields of a `RateLimit` value (`"anonymous";r=12;t=41`): the policy's name, `r` and `t`.
fn standing(resp: &Resp) -> (String, u64, u64) {
    let value = resp.header("ratelimit").unwrap_or_else(|| panic!("no RateLimit field: {:?}", resp.headers));
    let mut parts = value.split(';');
    let name = parts.next().unwrap().trim_matches('"').to_string();
    let mut r = None;
    let mut t = None;
    for part in parts {
        match part.split_once('=') {
            Some(("r", v)) => r = v.parse().ok(),
            Some(("t", v)) => t = v.parse().ok(),
            _ => {}
        }
    }
    (name, r.expect("r"), t.expect("t"))
}

/// Waits for a fresh window when the current one ends within `margin` seconds, so that a test's
/// requests all fall in one window.
fn fresh_window(app: &TestApp, margin: u64) {
    let (_, _, t) = standing(&app.get("/forums?limit=1"));
    if t < margin {
        std::thread::sleep(std::time::Duration::from_secs(t + 1));
    }
}

#[test]
fn anonymous_and_authenticated_clients_have_budgets_with_the_standard_fields() {
    let app =
        TestApp::spawn_with(true, &[("RATE_LIMIT_API_ANONYMOUS", "30/1h"), ("RATE_LIMIT_API_AUTHENTICATED", "12/1h")]);
    fresh_window(&app, 30);
    let user = app.user("member");
    let first = app.get("/commitments/FR0041");
    assert_eq!(first.header("ratelimit-policy"), Some("\"anonymous\";q=30;w=3600"));
    let (name, left, reset) = standing(&first);
    assert_eq!(name, "anonymous");
    assert!(left < 30 && reset <= 3600, "{left} {reset}");
    // Spend the rest of the address's budget: each answer says one fewer.
    let mut previous = left;
    for _ in 0..left {
        let resp = app.get("/forums?limit=1");
        assert_eq!(resp.status, 200, "{}", resp.text);
        let (_, r, _) = standing(&resp);
        assert_eq!(r, previous - 1);
        previous = r;
    }
    let refused = app.get("/forums?limit=1");
    let retry: u64 = refused.header("retry-after").expect("Retry-After").parse().unwrap();
    assert!((1..=3600).contains(&retry));
    assert_eq!(standing(&refused).1, 0);
    assert_eq!(refused.header("ratelimit-policy"), Some("\"anonymous\";q=30;w=3600"));
    refused.expect_problem(429, "too_many_requests");
    // Writes too.
    app.post("/auth/login", None, &json!({"email": user.email, "password": "x"}))
        .expect_problem(429, "too_many_requests");

    // The account has a budget of its own, whatever its address has spent.
    let signed_in = app.get_as("/me", &user.token);
    assert_eq!(signed_in.status, 200, "{}", signed_in.text);
    assert_eq!(signed_in.header("ratelimit-policy"), Some("\"authenticated\";q=12;w=3600"));
    for _ in 0..11 {
        app.get_as("/forums?limit=1", &user.token).expect(200);
    }
    app.get_as("/forums?limit=1", &user.token).expect_problem(429, "too_many_requests");
    // The web app's pages and the probes are not the API's.
    assert_eq!(app.get_site("/healthz").status, 200);
}

#[test]
fn two_instances_on_one_database_share_the_budget_within_ten_percent() {
    const BUDGET: u64 = 200;
    let env: &[(&str, &str)] = &[("RATE_LIMIT_API_ANONYMOUS", "200/1h"), ("RATE_LIMIT_API_AUTHENTICATED", "off")];
    let database = create_database(true);
    let one = TestApp::attach(database.clone(), env);
    let two = TestApp::attach(database, env);
    fresh_window(&one, 60);
    let before = standing(&two.get("/forums?limit=1")).1;
    let spent_before = BUDGET - before; // the two probes
    let mut allowed = spent_before;
    // Alternate between the instances, as a load balancer would, until both refuse.
    let mut refused_in_a_row = 0;
    for i in 0..(BUDGET * 2) {
        let app = if i % 2 == 0 { &one } else { &two };
        let resp = app.get("/forums?limit=1");
        match resp.status {
            200 => {
                allowed += 1;
                refused_in_a_row = 0;
            }
            429 => {
                refused_in_a_row += 1;
                if refused_in_a_row >= 20 {
                    break;
                }
            }
            other => panic!("{other}: {}", resp.text),
        }
    }
    assert!(
        (BUDGET..=BUDGET + BUDGET / 10).contains(&allowed),
        "{allowed} requests let through for a budget of {BUDGET}"
    );
    // After a second of quiet, each instance knows what the other counted.
    std::thread::sleep(std::time::Duration::from_millis(1500));
    one.get("/forums?limit=1").expect_problem(429, "too_many_requests");
    two.get("/forums?limit=1").expect_problem(429, "too_many_requests");
}

#[test]
fn an_accounts_personal_tokens_and_sessions_spend_one_budget_and_an_app_token_its_own() {
    // Both budgets by the hour, so that `fresh_window` (anonymous) reads the same windows.
    let app = TestApp::spawn_with(
        true,
        &[("RATE_LIMIT_API_ANONYMOUS", "400/1h"), ("RATE_LIMIT_API_AUTHENTICATED", "400/1h")],
    );
    fresh_window(&app, 60);
    let member = app.user("member");
    let admin = app.user("admin");
    let personal = |name: &str| {
        let created =
            app.post("/me/tokens", Some(&member.token), &json!({"name": name, "scopes": ["read"]})).expect(201).json();
        created["token"].as_str().unwrap().to_string()
    };
    let (one, two) = (personal("Script un"), personal("Script deux"));
    let issued = app
        .post(
            "/admin/app-tokens",
            Some(&admin.token),
            &json!({"name": "Tableau de bord", "contact": "tech@example.org", "owner_id": member.id, "scopes": ["read"]}),
        )
        .expect(201)
        .json();
    let app_token = issued["token"].as_str().unwrap().to_string();
    // A token's first request is the one that makes its owner known to the server.
    for token in [&one, &two, &app_token] {
        app.get_as("/me", token).expect(200);
    }

    // One counter for the account, whichever credential spends it: each answer one fewer.
    let left = |token: &str| {
        let resp = app.get_as("/forums?limit=1", token);
        assert_eq!(resp.status, 200, "{}", resp.text);
        standing(&resp).1
    };
    let start = left(&one);
    assert_eq!(left(&two), start - 1, "a second personal token does not bring a second budget");
    assert_eq!(left(&member.token), start - 2, "the session spends the same budget");
    assert_eq!(left(&one), start - 3);
    // The app's token has its own: issued by an admin, one per app.
    let app_left = left(&app_token);
    assert!(app_left > start, "{app_left} vs {start}: the app's budget is its own");
    assert_eq!(left(&app_token), app_left - 1);
    assert_eq!(left(&two), start - 4);

    // Once revoked, a token no longer spends its former owner's budget.
    let listed = app.get_as("/me/tokens", &member.token).expect(200).json();
    let id = listed["items"].as_array().unwrap().iter().find(|t| t["name"] == "Script deux").unwrap()["id"].clone();
    app.delete(&format!("/me/tokens/{id}"), Some(&member.token)).expect(204);
    app.get_as("/me", &two).expect_problem(401, "api_token_revoked");
    let after_revocation = left(&one);
    for _ in 0..5 {
        assert_eq!(app.get_as("/me", &two).status, 401);
    }
    assert_eq!(left(&one), after_revocation - 1, "the revoked token's requests count on their own");
}
