//! Cross-cutting behaviour: the committed OpenAPI contract, the docs, probes, problem+json
//! for unknown routes, request ids, and the seed's idempotency.

use std::process::Command;

use opendetat_tests::*;

/// `openapi/openapi.json` must be exactly what the code produces. Set UPDATE_OPENAPI=1 to
/// rewrite it (or run `make openapi`).
#[test]
fn committed_openapi_matches_the_code() {
    let out = Command::new(binary()).arg("openapi").env("RUST_LOG", "off").output().unwrap();
    assert!(out.status.success());
    let generated = String::from_utf8(out.stdout).unwrap();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../openapi/openapi.json");
    if std::env::var("UPDATE_OPENAPI").as_deref() == Ok("1") {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "openapi/openapi.json is out of date: run `make openapi` (or UPDATE_OPENAPI=1 cargo test) and commit it"
    );
}

#[test]
fn served_contract_is_openapi_31_and_documents_every_route_and_error() {
    let app = TestApp::spawn_empty();
    let doc = app.get("/api/openapi.json").expect(200).json();
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
    assert!(doc["components"]["schemas"]["Problem"].is_object());
    // Every reference resolves (openapi-typescript and other generators refuse dangling ones).
    let text = doc.to_string();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for part in text.split("#/components/schemas/").skip(1) {
        let name: String = part.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        assert!(schemas.contains_key(&name), "dangling $ref to {name}");
    }
    let paths = doc["paths"].as_object().unwrap();
    for p in [
        "/api/v1/auth/register",
        "/api/v1/commitments/{id}",
        "/api/v1/forums/{id}/comments",
        "/api/v1/comments/{id}/moderation",
        "/api/v1/admin/users/{id}",
    ] {
        assert!(paths.contains_key(p), "{p} missing");
    }
    for (path, item) in paths {
        for (method, op) in item.as_object().unwrap() {
            let responses = op["responses"].as_object().unwrap();
            let secured = op.get("security").is_some();
            if secured {
                for status in ["401", "403"] {
                    assert!(responses.contains_key(status), "{method} {path} lacks {status}");
                }
            }
            if path.contains('{') {
                assert!(responses.contains_key("404"), "{method} {path} lacks 404");
            }
            if op.get("requestBody").is_some() {
                for status in ["400", "413", "415", "422"] {
                    assert!(responses.contains_key(status), "{method} {path} lacks {status}");
                }
            }
        }
    }
}

#[test]
fn swagger_ui_is_served_offline() {
    let app = TestApp::spawn_empty();
    let redirect = app.get("/api/docs").expect(308);
    assert_eq!(redirect.header("location"), Some("/api/docs/"));
    let page = app.get("/api/docs/").expect(200);
    assert!(page.text.contains("swagger-ui"), "{}", &page.text[..200.min(page.text.len())]);
    let init = app.get("/api/docs/swagger-initializer.js").expect(200);
    assert!(init.text.contains("/api/openapi.json"));
    app.get("/api/docs/swagger-ui-bundle.js").expect(200);
}

#[test]
fn unknown_routes_are_problem_json_404() {
    let app = TestApp::spawn_empty();
    app.get("/api/v1/nothing-here").expect_problem(404, "not_found");
    app.get("/api/elsewhere").expect_problem(404, "not_found");
    // Without a built SPA, other paths are 404 problems too.
    app.get("/x/anything").expect_problem(404, "not_found");
    assert_unsupported_methods_are_405(&app);
}

/// A known path with a method it does not answer is a 405 problem naming the methods it does
/// (`Allow`, from the contract), whether actix or our fallback noticed.
fn assert_unsupported_methods_are_405(app: &TestApp) {
    for (method, path, allow) in [
        ("DELETE", "/api/v1/search", "GET, HEAD"),
        ("PUT", "/api/v1/forums", "GET, HEAD, POST"),
        ("PATCH", "/api/v1/forums/12/comments", "GET, HEAD, POST"),
        ("POST", "/api/v1/comments/3", "GET, HEAD, PATCH, DELETE"),
        ("POST", "/healthz", "GET, HEAD"),
    ] {
        let res = app.request(method, path, None, &[], None);
        assert_eq!(res.header("allow"), Some(allow), "{method} {path}: {}", res.text);
        let problem = res.expect_problem(405, "method_not_allowed");
        assert!(problem["detail"].as_str().unwrap().contains(path), "{problem}");
    }
}

/// With the web app served, the history fallback takes unknown non-API paths, while the API
/// keeps answering 404 and 405 problems (it once fell through to an empty 404 there).
#[test]
fn with_the_web_app_served_api_errors_stay_problems() {
    let dir = std::env::temp_dir().join(format!("opendetat-spa-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>SPA</title>").unwrap();
    let app = TestApp::spawn_with(false, &[("STATIC_DIR", dir.to_str().unwrap())]);
    let page = app.get("/x/une-page-du-client").expect(200);
    assert!(page.text.contains("<title>SPA</title>"), "{}", page.text);
    app.get("/api/v1/nothing-here").expect_problem(404, "not_found");
    app.get("/api/v1/forums/1/comments/extra").expect_problem(404, "not_found");
    assert_unsupported_methods_are_405(&app);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_response_carries_a_request_id_and_a_given_one_is_kept() {
    let app = TestApp::spawn_empty();
    let generated = app.get("/healthz").expect(200);
    assert!(generated.header("x-request-id").is_some_and(|id| id.len() >= 8));
    let kept = app.request("GET", "/api/v1/forums", None, &[("X-Request-Id", "abc-123")], None);
    assert_eq!(kept.header("x-request-id"), Some("abc-123"));
    let replaced = app.request("GET", "/api/v1/forums", None, &[("X-Request-Id", "bad id with spaces")], None);
    assert_ne!(replaced.header("x-request-id"), Some("bad id with spaces"));
    let error = app.get("/api/v1/forums/999999");
    assert!(error.header("x-request-id").is_some());
}

#[test]
fn readyz_reports_pending_migrations() {
    let app = TestApp::spawn_empty();
    app.get("/readyz").expect(200);
    app.sql("DELETE FROM __diesel_schema_migrations");
    let res = app.get("/readyz").expect(503);
    assert_eq!(res.json()["status"], "migrations pending");
}

fn seed(database: &str) -> String {
    let out = Command::new(binary())
        .arg("seed")
        .env("DATABASE_URL", db_url(database))
        .env("OPENDETAT_ENV", "production")
        .env("JWT_SECRET", JWT_SECRET)
        .env("RUST_LOG", "info")
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "{log}");
    log
}

#[test]
fn seed_loads_the_french_plans_and_is_idempotent() {
    let app = TestApp::spawn_empty();
    let first = seed(&app.database);
    assert!(first.contains("commitments: 50"), "{first}");
    let tables = ["action_plans", "commitments", "milestones", "users", "forums", "forum_commitments", "comments"];
    let counts: Vec<i64> = tables.iter().map(|t| app.count(t)).collect();
    assert_eq!(counts[0..3], [2, 50, 4]);
    let snapshot = |app: &TestApp| {
        let mut conn = app.db();
        use diesel::prelude::*;
        #[derive(QueryableByName)]
        struct Row {
            #[diesel(sql_type = diesel::sql_types::Text)]
            t: String,
        }
        diesel::sql_query(
            "SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) AS t FROM (\
               SELECT row(c.*)::text AS x FROM commitments c UNION ALL \
               SELECT row(m.*)::text FROM milestones m UNION ALL \
               SELECT row(f.*)::text FROM forums f UNION ALL \
               SELECT row(k.*)::text FROM comments k) s",
        )
        .get_result::<Row>(&mut conn)
        .unwrap()
        .t
    };
    let before = snapshot(&app);
    let second = seed(&app.database);
    assert!(second.contains("commitments: 0") && second.contains("comments: 0"), "{second}");
    let again: Vec<i64> = tables.iter().map(|t| app.count(t)).collect();
    assert_eq!(counts, again, "a second seed changed row counts");
    assert_eq!(before, snapshot(&app), "a second seed changed stored rows");
    // Outside dev mode, demo accounts cannot sign in.
    app.post("/auth/login", None, &json!({"email": "admin@demo.opendetat.fr", "password": DEMO_PASSWORD}))
        .expect_problem(401, "unauthorized");
}

#[test]
fn third_party_web_apps_may_call_the_api_cross_origin() {
    let app = TestApp::spawn_empty();
    let preflight = app.request(
        "OPTIONS",
        "/api/v1/forums",
        None,
        &[
            ("Origin", "https://civic.example.org"),
            ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Headers", "authorization, content-type"),
        ],
        None,
    );
    assert!(preflight.status < 300, "{preflight:?}");
    assert_eq!(preflight.header("access-control-allow-origin"), Some("https://civic.example.org"));
    let get = app.request("GET", "/api/v1/forums", None, &[("Origin", "https://civic.example.org")], None).expect(200);
    assert_eq!(get.header("access-control-allow-origin"), Some("https://civic.example.org"));
    assert!(get.header("access-control-expose-headers").is_some_and(|h| h.to_lowercase().contains("link")));
}

/// Markdown is rendered when written; rows from before that (NULL html) are rendered at start.
#[test]
fn start_up_renders_markdown_stored_without_html() {
    let app = TestApp::spawn();
    app.sql("UPDATE forums SET description = '**gras** <script>x</script>', description_html = NULL WHERE slug = '2027-01-espace-de-dialogue-en-ligne'");
    app.sql("UPDATE commitments SET description_html = NULL, irm_analysis_html = NULL WHERE code = 'FR0041'");
    // Rows without stored HTML are still served rendered.
    let forum = app.get("/forums/2027-01-espace-de-dialogue-en-ligne").expect(200).json();
    assert!(forum["description_html"].as_str().unwrap().contains("<strong>gras</strong>"));
    let out = Command::new(binary())
        .arg("migrate")
        .env("DATABASE_URL", db_url(&app.database))
        .env("OPENDETAT_ENV", "production")
        .env("JWT_SECRET", JWT_SECRET)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(app.count("forums WHERE description_html IS NULL"), 0);
    assert_eq!(app.count("commitments WHERE description IS NOT NULL AND description_html IS NULL"), 0);
    assert_eq!(
        app.count(
            "forums WHERE description_html LIKE '%<strong>gras</strong>%' AND description_html NOT LIKE '%<script%'"
        ),
        1
    );
}

/// Every operation the contract marks as protected answers 401 without a token, 401 with a
/// bad one, and 403 to a suspended account — checked from the contract itself, so a new
/// protected route cannot be forgotten.
#[test]
fn every_protected_operation_refuses_missing_bad_and_suspended_credentials() {
    let app = TestApp::spawn();
    let suspended = app.user("admin");
    app.sql(&format!("UPDATE users SET suspended_at = now() WHERE id = {}", suspended.id));
    let doc = app.get("/api/openapi.json").expect(200).json();
    let mut checked = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if op.get("security").is_none() {
                continue;
            }
            // Every path parameter (`{id}`, `{registration}`…) as 1.
            let url = path
                .split('/')
                .map(|seg| if seg.starts_with('{') && seg.ends_with('}') { "1" } else { seg })
                .collect::<Vec<_>>()
                .join("/");
            let body = op.get("requestBody").map(|_| "{}");
            let headers: &[(&str, &str)] = if body.is_some() { &[("Content-Type", "application/json")] } else { &[] };
            let method = method.to_uppercase();
            for token in [None, Some("not-a-token")] {
                let res = app.request(&method, &url, token, headers, body);
                assert_eq!(res.status, 401, "{method} {url} with {token:?}: {}", res.text);
                assert_eq!(res.header("www-authenticate"), Some("Bearer"));
            }
            let res = app.request(&method, &url, Some(&suspended.token), headers, body);
            assert_eq!(res.status, 403, "{method} {url} as a suspended admin: {}", res.text);
            checked += 1;
        }
    }
    assert!(checked >= 22, "only {checked} protected operations found");
}

/// `backend/src/db/schema.rs` is what `diesel print-schema` makes of the migrations (with
/// `schema.patch`): every table and column, each column's type and nullability, as a freshly
/// migrated database has them. A migration without its regenerated schema.rs fails here.
#[test]
fn schema_rs_matches_the_migrations() {
    use diesel::prelude::*;
    #[derive(QueryableByName)]
    struct Column {
        #[diesel(sql_type = diesel::sql_types::Text)]
        table_name: String,
        #[diesel(sql_type = diesel::sql_types::Text)]
        column_name: String,
        #[diesel(sql_type = diesel::sql_types::Text)]
        udt_name: String,
        #[diesel(sql_type = diesel::sql_types::Bool)]
        nullable: bool,
    }
    let app = TestApp::spawn_empty();
    let columns: Vec<Column> = diesel::sql_query(
        "SELECT table_name::text, column_name::text, udt_name::text, is_nullable = 'YES' AS nullable \
         FROM information_schema.columns WHERE table_schema = 'public' \
           AND table_name <> '__diesel_schema_migrations' ORDER BY table_name, ordinal_position",
    )
    .load(&mut app.db())
    .unwrap();
    let diesel_type = |udt: &str| -> String {
        match udt {
            "int8" => "Int8".into(),
            "int4" => "Int4".into(),
            "text" => "Text".into(),
            "bool" => "Bool".into(),
            "timestamptz" => "Timestamptz".into(),
            "date" => "Date".into(),
            "jsonb" => "Jsonb".into(),
            "bytea" => "Bytea".into(),
            "tsvector" => "Tsvector".into(),
            "xid8" => "Xid8".into(),
            // Array elements are never NULL (schema.patch says so).
            "_text" => "Array<Text>".into(),
            other => format!("unknown type {other}"),
        }
    };
    let from_db: Vec<String> = columns
        .iter()
        .map(|c| {
            let t = diesel_type(&c.udt_name);
            let t = if c.nullable { format!("Nullable<{t}>") } else { t };
            format!("{}.{} -> {t}", c.table_name, c.column_name)
        })
        .collect();

    let source =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../backend/src/db/schema.rs"))
            .unwrap();
    let mut from_rs: Vec<String> = Vec::new();
    let mut table: Option<String> = None;
    let mut sql_name: Option<String> = None;
    for line in source.lines().map(str::trim) {
        if let Some(name) =
            line.strip_suffix('{').map(str::trim).filter(|l| l.contains('(') && !l.starts_with("diesel::"))
        {
            table = name.split_whitespace().next().map(str::to_string);
        } else if line == "}" {
            table = None;
        } else if let Some(rest) = line.strip_prefix("#[sql_name = \"") {
            sql_name = rest.split('"').next().map(str::to_string);
        } else if let (Some(t), Some((column, ty))) = (&table, line.split_once(" -> ")) {
            let column = sql_name.take().unwrap_or_else(|| column.to_string());
            from_rs.push(format!("{t}.{column} -> {}", ty.trim_end_matches(',')));
        }
    }
    from_db.iter().for_each(|c| assert!(!c.contains("unknown type"), "{c}"));
    let mut a = from_db.clone();
    let mut b = from_rs.clone();
    a.sort();
    b.sort();
    let missing: Vec<&String> = a.iter().filter(|c| !b.contains(c)).collect();
    let extra: Vec<&String> = b.iter().filter(|c| !a.contains(c)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "schema.rs differs from the migrations: run `diesel print-schema` (see diesel.toml).\n\
         in the database, not in schema.rs: {missing:#?}\nin schema.rs, not in the database: {extra:#?}"
    );
    assert!(a.len() > 100, "{} columns", a.len());
}

/// A problem's `detail` comes in the request's language (French or English), whatever the
/// client accepts as encoding: the French body is readable as sent.
#[test]
fn problems_speak_the_requests_language_compressed_or_not() {
    let app = TestApp::spawn();
    for encoding in [None, Some("gzip, deflate, br")] {
        let mut headers = vec![("Accept-Language", "fr-FR,fr;q=0.9,en;q=0.5")];
        if let Some(e) = encoding {
            headers.push(("Accept-Encoding", e));
        }
        let res = app.request("GET", "/forums/no-such-forum", None, &headers, None);
        assert_eq!(res.header("content-language"), Some("fr"), "{encoding:?}");
        assert!(res.header("content-encoding").is_none(), "{encoding:?}: {:?}", res.headers);
        let p = res.expect_problem(404, "not_found");
        assert!(p["detail"].as_str().unwrap().starts_with("Aucune ressource"), "{p}");
    }
    let en = app
        .request("GET", "/forums/no-such-forum", None, &[("Accept-Language", "en-GB")], None)
        .expect_problem(404, "not_found");
    assert_eq!(en["detail"], "Forum not found.");
    // Field errors keep their fields in French too.
    let admin = app.demo("admin@demo.opendetat.fr");
    let p = app
        .request(
            "POST",
            "/forums",
            Some(&admin.token),
            &[("Content-Type", "application/json"), ("Accept-Language", "fr"), ("Accept-Encoding", "gzip")],
            Some(r#"{"title": "", "theme": "x", "starts_at": "2027-01-01T10:00:00Z", "ends_at": "2027-01-01T12:00:00Z", "location": "Paris"}"#),
        )
        .expect_problem(422, "validation_failed");
    assert!(p["detail"].as_str().unwrap().contains("title"), "{p}");
    assert_eq!(p["errors"][0]["field"], "title");
}
