//! A third-party app, end to end, as one would write it: it learns the routes from the contract
//! (`/api/openapi.json`, by operation id) and acts with a token alone — created once by its
//! developer's session —: reads and posts within the token's scopes and is refused beyond them,
//! revalidates public reads with their ETag, downloads every dataset and validates the data
//! package, reads a feed, is throttled past its budget with the standard fields, and is refused
//! at once once the token is revoked.

use opendetat_tests::*;

/// The contract's routes by operation id: (method, path under /api/v1 with `{…}` to fill).
struct Contract(Value);

impl Contract {
    fn route(&self, operation: &str) -> (String, String) {
        for (path, item) in self.0["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                if op["operationId"] == operation {
                    return (method.to_uppercase(), path.trim_start_matches("/api/v1").to_string());
                }
            }
        }
        panic!("the contract has no operation {operation}")
    }

    fn path(&self, operation: &str, params: &[(&str, &str)]) -> String {
        let (_, mut path) = self.route(operation);
        for (name, value) in params {
            path = path.replace(&format!("{{{name}}}"), value);
        }
        assert!(!path.contains('{'), "{operation}: a parameter is missing in {path}");
        path
    }

    /// The scope the contract says an operation needs.
    fn scope(&self, operation: &str) -> String {
        let (method, path) = self.route(operation);
        self.0["paths"][format!("/api/v1{path}")][method.to_lowercase()]["security"][0]["bearer"][0]
            .as_str()
            .unwrap()
            .to_string()
    }
}

/// The `r` of a `RateLimit` field.
fn remaining(resp: &Resp) -> u64 {
    let value = resp.header("ratelimit").expect("RateLimit");
    value.split(';').find_map(|p| p.strip_prefix("r=")).and_then(|r| r.parse().ok()).expect("r=")
}

#[test]
fn an_app_with_a_token_alone_reads_posts_revalidates_downloads_is_throttled_and_revoked() {
    let app = TestApp::spawn_with(true, &[("RATE_LIMIT_API_AUTHENTICATED", "25/3s")]);
    let contract = Contract(app.get("/api/openapi.json").expect(200).json());
    let developer = app.user("member");

    // The developer creates the app's token from a session, with the scopes the contract names.
    let post_comment = "create_commitment_comment";
    let scopes = [contract.scope("get_me"), contract.scope(post_comment)];
    assert_eq!(scopes, ["read", "comment"]);
    let created = app
        .post(
            &contract.path("create_my_token", &[]),
            Some(&developer.token),
            &json!({"name": "Veille FR0041", "scopes": scopes}),
        )
        .expect(201)
        .json();
    let token = created["token"].as_str().unwrap().to_string();
    let token_id = created["details"]["id"].as_i64().unwrap().to_string();

    // From here on, the token alone.
    let me = app.get_as(&contract.path("get_me", &[]), &token).expect(200).json();
    assert_eq!(me["id"], developer.id);
    let body = "Où en est le jalon 12.3 ? (posté par une application)";
    let posted =
        app.post(&contract.path(post_comment, &[("id", "FR0041")]), Some(&token), &json!({"body": body})).expect(201);
    assert_eq!(posted.json()["author"]["id"], developer.id);
    assert_eq!(contract.scope("follow"), "follow");
    let beyond =
        app.put(&contract.path("follow", &[("type", "commitment"), ("key", "FR0041")]), Some(&token), &json!({}));
    assert_eq!(beyond.header("www-authenticate"), Some("Bearer error=\"insufficient_scope\", scope=\"follow\""));
    beyond.expect_problem(403, "insufficient_scope");

    // Public reads revalidate with their ETag (sent without the token: what the token reads is
    // personal, and never cached).
    let commitment = contract.path("get_commitment", &[("id", "FR0041")]);
    let first = app.get(&commitment).expect(200);
    let tag = first.header("etag").expect("ETag").to_string();
    let again = app.request("GET", &commitment, None, &[("If-None-Match", &tag)], None);
    assert_eq!(again.status, 304, "{}", again.text);
    assert!(again.text.is_empty());
    let personal = app.get_as(&commitment, &token).expect(200);
    assert_eq!(personal.header("cache-control"), Some("private, no-store"));

    // Every dataset, and the package validated by frictionless against the live server.
    let catalogue = app.get(&contract.path("open_data_catalogue", &[])).expect(200).json();
    let datasets = catalogue["datasets"].as_array().unwrap();
    assert!(datasets.len() >= 10, "{catalogue}");
    for dataset in datasets {
        let id = dataset["id"].as_str().unwrap();
        app.get(&contract.path("download_dataset_csv", &[("dataset", id)])).expect(200);
        app.get(&contract.path("download_dataset_jsonl", &[("dataset", id)])).expect(200);
    }
    let package_url = format!("{}/api/v1{}", app.base, contract.path("open_data_package", &[]));
    let script = r#"
import json, sys
from frictionless import validate
report = validate(open(sys.argv[1]).read().strip())
print(json.dumps({'valid': report.valid, 'errors': [e.note for e in report.errors] + [e.note for t in report.tasks for e in t.errors][:5], 'tasks': len(report.tasks)}))
"#;
    let report = smtp::parse_with_python(script, &package_url, "url", "frictionless");
    assert_eq!(report["valid"], true, "{report:#}");
    assert_eq!(report["tasks"].as_u64().unwrap() as usize, datasets.len());

    // The discussion's feed, read by feedparser, has the app's comment.
    let feed = app.get(&contract.path("commitment_comments_feed", &[("id", "FR0041")])).expect(200);
    let feed_script = r#"
import json, sys, feedparser
d = feedparser.parse(open(sys.argv[1], 'rb').read())
if d.bozo:
    sys.exit('feedparser: %s' % d.bozo_exception)
print(json.dumps([e.get('summary', '') + e.get('title', '') for e in d.entries]))
"#;
    let entries = smtp::parse_with_python(feed_script, &feed.text, "atom", "feedparser");
    assert!(entries.as_array().unwrap().iter().any(|e| e.as_str().unwrap().contains("jalon 12.3")), "{entries}");

    // Throttled past the token's budget, with the standard fields.
    let mut last = None;
    for _ in 0..200 {
        let resp = app.get_as(&contract.path("get_me", &[]), &token);
        assert_eq!(resp.header("ratelimit-policy"), Some("\"authenticated\";q=25;w=3"));
        if resp.status == 429 {
            last = Some(resp);
            break;
        }
        assert_eq!(resp.status, 200, "{}", resp.text);
    }
    let throttled = last.expect("the budget of 25 requests in 3 s was never reached");
    assert_eq!(remaining(&throttled), 0);
    let retry: u64 = throttled.header("retry-after").expect("Retry-After").parse().unwrap();
    assert!((1..=3).contains(&retry), "{retry}");
    throttled.expect_problem(429, "too_many_requests");

    // Revoked by its developer: refused at once (once the window is over, for the budget is
    // counted first).
    std::thread::sleep(std::time::Duration::from_secs(retry + 1));
    app.delete(&contract.path("revoke_my_token", &[("id", &token_id)]), Some(&developer.token)).expect(204);
    app.get_as(&contract.path("get_me", &[]), &token).expect_problem(401, "api_token_revoked");
    app.get_as(&commitment, &token).expect_problem(401, "api_token_revoked");
}
