//! HTTP caching and cross-origin reads (issue 22, point 3): strong `ETag`s on public reads, 304
//! on a matching `If-None-Match`, tags that move with every write a representation shows and
//! with the language, `private, no-store` for personal answers, brotli, and the CORS preflight.

use std::io::Read;

use opendetat_tests::*;

fn get_with(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> Resp {
    app.request("GET", path, None, headers, None)
}

/// The strong tag of an anonymous 200, checked for form.
#[track_caller]
fn tag_of(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> String {
    let res = get_with(app, path, headers).expect(200);
    let tag = res.header("etag").unwrap_or_else(|| panic!("no ETag on {path}")).to_string();
    assert!(tag.starts_with('"') && tag.ends_with('"') && !tag.starts_with("W/"), "strong: {tag}");
    tag
}

/// Runs `checks` again when a minute began while they ran: tags cover the minute (answers that
/// move with the clock alone), so two readings a minute apart differ by design.
fn within_a_minute<T>(checks: impl Fn() -> T) -> T {
    let minute = || std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() / 60;
    loop {
        let start = minute();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(&checks));
        if minute() == start {
            return outcome.unwrap_or_else(|e| std::panic::resume_unwind(e));
        }
    }
}

fn comment_moderation(c: i64) -> String {
    format!("/comments/{c}/moderation")
}

/// Asserts that `write` changes the tags of `paths` (read before and after it within one
/// minute, so that the minute the tags cover is not what changed them; `write` runs again
/// when a minute began meanwhile).
#[track_caller]
fn changes_tags(app: &TestApp, paths: &[&str], write: impl Fn()) {
    let minute = || std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() / 60;
    loop {
        let start = minute();
        let before: Vec<String> = paths.iter().map(|p| tag_of(app, p, &[])).collect();
        write();
        let after: Vec<String> = paths.iter().map(|p| tag_of(app, p, &[])).collect();
        if minute() != start {
            continue;
        }
        for ((path, b), a) in paths.iter().zip(&before).zip(&after) {
            assert_ne!(a, b, "{path}: the write shows, its tag must change");
            // The old tag no longer matches.
            assert_eq!(get_with(app, path, &[("If-None-Match", b)]).status, 200, "{path}");
        }
        return;
    }
}

#[track_caller]
fn assert_not_modified(app: &TestApp, path: &str, sent: &str, tag: &str) {
    let res = get_with(app, path, &[("If-None-Match", sent)]);
    assert_eq!(res.status, 304, "{path}: {}", res.text);
    assert_eq!(res.text, "", "a 304 has no body");
    assert_eq!(res.header("etag"), Some(tag));
    assert!(res.header("cache-control").unwrap().starts_with("public"));
}

#[test]
fn public_reads_revalidate_with_strong_tags_that_follow_writes() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let member = app.user("member");
    let slug = ForumBuilder::new("Forum mis en cache").create(&app, &official.token).slug();
    let forum = format!("/forums/{slug}");

    // Present, strong, public, and varying on what the answer depends on.
    let tag = within_a_minute(|| {
        let first = get_with(&app, &forum, &[]).expect(200);
        let tag = first.header("etag").unwrap().to_string();
        assert_eq!(first.header("cache-control"), Some("public, max-age=10, stale-while-revalidate=30"));
        let vary = first.header("vary").unwrap().to_ascii_lowercase();
        for v in ["accept-language", "authorization", "accept-encoding"] {
            assert!(vary.contains(v), "Vary names {v}: {vary}");
        }
        assert_eq!(tag_of(&app, &forum, &[]), tag, "stable while nothing changes");

        // Match (alone, in a list, or weak: If-None-Match compares weakly) → 304 without a body;
        // no match → 200 with the body.
        assert_not_modified(&app, &forum, &tag, &tag);
        assert_not_modified(&app, &forum, &format!("\"other\", {tag}"), &tag);
        assert_not_modified(&app, &forum, &format!("W/{tag}"), &tag);
        let fresh = get_with(&app, &forum, &[("If-None-Match", "\"something-else\"")]).expect(200);
        assert_eq!(fresh.json()["slug"], slug.as_str());
        // `*`: any current representation; a missing resource stays a 404.
        assert_eq!(get_with(&app, &forum, &[("If-None-Match", "*")]).status, 304);
        get_with(&app, "/forums/no-such-forum", &[("If-None-Match", "*")]).expect_problem(404, "not_found");

        // Another language, another tag (and the 304 is for the tag of that language only).
        let english = tag_of(&app, &forum, &[("Accept-Language", "en")]);
        assert_ne!(english, tag);
        assert_eq!(get_with(&app, &forum, &[("Accept-Language", "en"), ("If-None-Match", &tag)]).status, 200);
        tag
    });

    // A forum edit changes the forum's tag.
    let capacity = std::cell::Cell::new(40);
    changes_tags(&app, &[&forum], || {
        capacity.set(capacity.get() + 1);
        app.patch(&forum, Some(&official.token), &json!({"capacity": capacity.get()})).expect(200);
    });
    assert_eq!(get_with(&app, &forum, &[("If-None-Match", &tag)]).status, 200);

    // A new comment changes the thread's tag; so do a reaction and a moderator's hiding.
    let thread = format!("{forum}/comments");
    let c = std::cell::Cell::new(0);
    changes_tags(&app, &[&thread], || {
        c.set(builders::comment(&app, &member.token, &forum, "Un avis")["id"].as_i64().unwrap());
    });
    let c = c.get();
    let comment = format!("/comments/{c}");
    let useful = std::cell::Cell::new(false);
    let other = app.user("member");
    changes_tags(&app, &[&thread, &comment], || {
        useful.set(!useful.get());
        let reaction = json!({"useful": useful.get(), "stance": "agree"});
        app.put(&format!("/comments/{c}/reaction"), Some(&other.token), &reaction).expect(200);
    });
    let moderator = app.user("moderator");
    let hidden = std::cell::Cell::new(false);
    let c0 = tag_of(&app, &comment, &[]);
    changes_tags(&app, &[&thread, &comment], || {
        hidden.set(!hidden.get());
        app.put(&comment_moderation(c), Some(&moderator.token), &json!({"hidden": hidden.get()})).expect(200);
    });
    let state = if hidden.get() { "hidden" } else { "visible" };
    assert_eq!(get_with(&app, &comment, &[("If-None-Match", &c0)]).expect(200).json()["state"], state);

    // Different queries are different answers.
    assert_ne!(tag_of(&app, "/forums?limit=1", &[]), tag_of(&app, "/forums?limit=2", &[]));
    // HEAD answers like GET.
    within_a_minute(|| {
        let tag = tag_of(&app, &forum, &[]);
        assert_eq!(app.request("HEAD", &forum, None, &[("If-None-Match", &tag)], None).status, 304);
    });
}

/// Most public answers read the version of the record in their handler's first trip to the
/// database; one that never goes there (the sign-in providers come from the configuration) is
/// tagged and revalidated all the same.
#[test]
fn an_answer_that_reads_no_database_is_tagged_too() {
    let app = TestApp::spawn();
    within_a_minute(|| {
        let tag = tag_of(&app, "/auth/providers", &[]);
        assert_eq!(tag_of(&app, "/auth/providers", &[]), tag, "stable while nothing changes");
        assert_not_modified(&app, "/auth/providers", &tag, &tag);
    });
}

#[test]
fn malformed_if_none_match_is_a_problem() {
    let app = TestApp::spawn();
    for bad in ["abc", "\"abc", "\"a\" b", "*, \"a\"", "w/\"a\"", ","] {
        let p = get_with(&app, "/commitments/FR0041", &[("If-None-Match", bad)])
            .expect_problem(400, "invalid_if_none_match");
        assert!(p["detail"].as_str().unwrap().contains("If-None-Match"), "{p}");
    }
    // In French too.
    let p = get_with(&app, "/commitments/FR0041", &[("If-None-Match", "nope"), ("Accept-Language", "fr")])
        .expect_problem(400, "invalid_if_none_match");
    assert!(p["detail"].as_str().unwrap().contains("étiquettes"), "{p}");
    // Empty list elements are tolerated (RFC 9110 §5.6.1).
    assert_eq!(get_with(&app, "/commitments/FR0041", &[("If-None-Match", ", \"x\" ,,")]).status, 200);
}

#[test]
fn personal_answers_are_private_and_never_304() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let me = app.get_as("/me", &member.token).expect(200);
    assert_eq!(me.header("cache-control"), Some("private, no-store"));
    assert!(me.header("etag").is_none());
    let unread = app.get_as("/me/notifications/unread-count", &member.token).expect(200);
    assert_eq!(unread.header("cache-control"), Some("private, no-store"));
    // A public route read with a token is personal too (it may show the reader's own reactions).
    let tag = tag_of(&app, "/commitments/FR0041/comments", &[]);
    let signed_in =
        app.request("GET", "/commitments/FR0041/comments", Some(&member.token), &[("If-None-Match", &tag)], None);
    assert_eq!(signed_in.status, 200, "no 304 for a personal answer");
    assert_eq!(signed_in.header("cache-control"), Some("private, no-store"));
    assert!(signed_in.header("etag").is_none());
}

#[test]
fn brotli_and_gzip_answers_decode_to_the_same_json() {
    let app = TestApp::spawn();
    let url = app.api("/commitments/FR0041");
    let plain = app.get("/commitments/FR0041").expect(200).json();
    let fetch = |encoding: &str| {
        let res = ureq::get(&url).set("Accept-Encoding", encoding).call().unwrap();
        let tag = res.header("etag").unwrap().to_string();
        let got = res.header("content-encoding").map(str::to_string);
        let mut bytes = Vec::new();
        res.into_reader().read_to_end(&mut bytes).unwrap();
        (got, tag, bytes)
    };
    within_a_minute(|| {
        let (encoding, br_tag, bytes) = fetch("br");
        assert_eq!(encoding.as_deref(), Some("br"));
        let mut decoded = Vec::new();
        brotli_decompressor::Decompressor::new(&bytes[..], 4096).read_to_end(&mut decoded).unwrap();
        assert_eq!(serde_json::from_slice::<Value>(&decoded).unwrap(), plain);
        let (encoding, gzip_tag, _) = fetch("gzip");
        assert_eq!(encoding.as_deref(), Some("gzip"));
        // Each encoding is its own representation: its own strong tag.
        assert_ne!(br_tag, gzip_tag);
        // A 304 carries no encoded body.
        let res = ureq::get(&url).set("Accept-Encoding", "br").set("If-None-Match", &br_tag).call().unwrap();
        assert_eq!(res.status(), 304);
        assert!(res.header("content-encoding").is_none());
    });
}

#[test]
fn other_origins_may_revalidate_and_cache_their_preflight() {
    let app = TestApp::spawn();
    let pre = app.request(
        "OPTIONS",
        "/commitments/FR0041",
        None,
        &[
            ("Origin", "https://app.example.org"),
            ("Access-Control-Request-Method", "GET"),
            ("Access-Control-Request-Headers", "if-none-match"),
        ],
        None,
    );
    assert!(pre.status == 200 || pre.status == 204, "{pre:?}");
    assert_eq!(pre.header("access-control-allow-origin"), Some("https://app.example.org"));
    assert!(pre.header("access-control-allow-headers").unwrap().to_ascii_lowercase().contains("if-none-match"));
    assert_eq!(pre.header("access-control-max-age"), Some("86400"));
    assert!(pre.header("access-control-allow-credentials").is_none(), "no ambient credentials");
    // The actual read: the tag is readable by the page, and so is a 304.
    within_a_minute(|| {
        let read = get_with(&app, "/commitments/FR0041", &[("Origin", "https://app.example.org")]).expect(200);
        let exposed = read.header("access-control-expose-headers").unwrap().to_ascii_lowercase();
        for h in ["etag", "ratelimit", "ratelimit-policy"] {
            assert!(exposed.split(',').any(|e| e.trim() == h), "{h} exposed: {exposed}");
        }
        let tag = read.header("etag").unwrap().to_string();
        let again =
            get_with(&app, "/commitments/FR0041", &[("Origin", "https://app.example.org"), ("If-None-Match", &tag)]);
        assert_eq!(again.status, 304);
        assert_eq!(again.header("access-control-allow-origin"), Some("https://app.example.org"));
    });
}

#[test]
fn every_table_a_public_answer_reads_raises_the_public_version() {
    // A new table must either take the trigger of `public_version` (see its migration) or be
    // named there as private (or here, for a later table no public answer reads: webhooks,
    // sessions, second factors):
    // otherwise its writes would leave tags unchanged.
    let app = TestApp::spawn_empty();
    let missing = app.count(
        "pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') \
           AND c.relname NOT IN ('__diesel_schema_migrations', 'public_version', 'jobs', 'job_effects', \
                                 'login_throttle', 'rate_limits', 'mail_tokens', 'event_positions', \
                                 'data_fixups', 'notifications', 'notification_settings', 'comment_reports', \
                                 'api_tokens', 'api_rate_windows', 'webhook_endpoints', 'webhook_deliveries', \
                                 'webhook_attempts', 'sessions', 'two_factor_secrets', 'recovery_codes', \
                                 'identities') \
           AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid \
                           AND t.tgname = c.relname || '_public_version')",
    );
    assert_eq!(missing, 0, "tables without the public_version trigger");
}
