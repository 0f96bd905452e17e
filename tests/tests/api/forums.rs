//! Forums: listing and its filters, one forum by id or slug, writes by officials and admins,
//! validation, sanitised descriptions and keyset pagination.

use std::time::{SystemTime, UNIX_EPOCH};

use opendetat_tests::*;

// The seeded forums, by start date: the first cycle's five (2018), then three more.
pub(crate) const ESSAI: &str = "2018-07-premier-forum-open-detat";
pub(crate) const COMMANDE: &str = "2018-09-transparence-commande-publique";
pub(crate) const CONSULTATION_2018: &str = "2018-12-consultation-publique";
pub(crate) const ALGORITHMES: &str = "2018-10-transparence-algorithmes-publics";
pub(crate) const DONNEES: &str = "2018-11-donnees-ouvertes";
pub(crate) const SCIENCE: &str = "2026-06-science-ouverte";
pub(crate) const DIALOGUE: &str = "2027-01-espace-de-dialogue-en-ligne";
pub(crate) const CONSULTATION: &str = "2027-03-consultation-et-developpement-durable";
const SEEDED: [&str; 8] = [ESSAI, COMMANDE, ALGORITHMES, DONNEES, CONSULTATION_2018, SCIENCE, DIALOGUE, CONSULTATION];
/// How many forums the seed has.
const N: i64 = SEEDED.len() as i64;

// ---------------------------------------------------------------------------------------------
// Helpers (also used by the comment tests)
// ---------------------------------------------------------------------------------------------

/// A valid request body for `POST /forums` (in person, in May 2027).
pub(crate) fn forum_body(title: &str) -> Value {
    ForumBuilder::new(title).body()
}

/// `base` with the fields of `changes` set (a `null` sets null).
pub(crate) fn with(base: &Value, changes: Value) -> Value {
    let mut out = base.clone();
    for (k, v) in changes.as_object().unwrap() {
        out[k] = v.clone();
    }
    out
}

/// `base` without the field `key`.
pub(crate) fn without(base: &Value, key: &str) -> Value {
    let mut out = base.clone();
    out.as_object_mut().unwrap().remove(key);
    out
}

pub(crate) fn create_forum(app: &TestApp, token: &str, body: &Value) -> Value {
    app.post("/forums", Some(token), body).expect(201).json()
}

/// Creates a forum with this title (and the defaults of `ForumBuilder`).
pub(crate) fn new_forum(app: &TestApp, token: &str, title: &str) -> Value {
    ForumBuilder::new(title).create(app, token)
}

pub(crate) fn ids(items: &[Value]) -> Vec<i64> {
    items.iter().map(|i| i["id"].as_i64().expect("an id")).collect()
}

fn slugs(items: &[Value]) -> Vec<String> {
    items.iter().map(|i| i["slug"].as_str().expect("a slug").to_string()).collect()
}

/// The `items` of one page.
pub(crate) fn page_items(app: &TestApp, path: &str) -> Vec<Value> {
    app.get(path).expect(200).json()["items"].as_array().expect("items").clone()
}

/// The fields named by a validation problem, sorted.
pub(crate) fn field_names(problem: &Value) -> Vec<String> {
    let mut names: Vec<String> = problem["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no errors in {problem}"))
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Nanoseconds since the epoch of an RFC 3339 UTC instant (`YYYY-MM-DDTHH:MM:SS[.f]Z`);
/// panics on anything else (another offset included).
pub(crate) fn utc_nanos(ts: &str) -> i128 {
    let bad = || -> ! { panic!("not an RFC 3339 UTC instant: {ts:?}") };
    let rest = ts.strip_suffix('Z').unwrap_or_else(|| bad());
    let (date, time) = rest.split_once('T').unwrap_or_else(|| bad());
    let d: Vec<i64> = date.split('-').map(|p| p.parse::<i64>().unwrap_or_else(|_| bad())).collect();
    let (hms, frac) = match time.split_once('.') {
        Some((hms, frac)) => (hms, frac),
        None => (time, ""),
    };
    let t: Vec<i64> = hms.split(':').map(|p| p.parse::<i64>().unwrap_or_else(|_| bad())).collect();
    if d.len() != 3 || t.len() != 3 || date.len() != 10 || hms.len() != 8 || frac.len() > 9 {
        bad();
    }
    if !frac.chars().all(|c| c.is_ascii_digit()) {
        bad();
    }
    let nanos: i128 = if frac.is_empty() { 0 } else { format!("{frac:0<9}").parse().unwrap() };
    // Days from the civil date (H. Hinnant's algorithm).
    let (y, m, day) = (if d[1] <= 2 { d[0] - 1 } else { d[0] }, d[1], d[2]);
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + day - 1;
    let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468;
    let secs = days * 86_400 + t[0] * 3600 + t[1] * 60 + t[2];
    secs as i128 * 1_000_000_000 + nanos
}

fn now_nanos() -> i128 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos() as i128
}

fn commitment_id(app: &TestApp, code: &str) -> i64 {
    app.get(&format!("/commitments/{code}")).expect(200).json()["id"].as_i64().unwrap()
}

fn commitment_codes(forum: &Value) -> Vec<String> {
    forum["commitments"].as_array().unwrap().iter().map(|c| c["code"].as_str().unwrap().to_string()).collect()
}

fn all_forums(app: &TestApp) -> Vec<Value> {
    page_items(app, "/forums?limit=100")
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

#[test]
fn lists_the_five_seeded_forums_by_start_date() {
    let app = TestApp::spawn();
    let body = app.get("/forums").expect(200).json();
    let items = body["items"].as_array().unwrap();
    assert_eq!(slugs(items), SEEDED);
    assert!(body["next_cursor"].is_null(), "{body}");
    let dialogue = &items[6];
    assert_eq!(dialogue["title"], "Forum Open d'État : un espace de dialogue en ligne");
    assert_eq!(dialogue["theme"], "Espace de dialogue en ligne");
    assert_eq!(dialogue["status"], "open");
    assert_eq!(dialogue["capacity"], 50);
    assert_eq!(dialogue["online_url"], "https://example.org/forums/espace-de-dialogue");
    assert_eq!(commitment_codes(dialogue), ["FR0041"]);
    assert_eq!(commitment_codes(&items[3]), ["FR0033", "FR0036"]);
    assert!(dialogue["description_html"].as_str().unwrap().contains("<strong>espace de dialogue en ligne</strong>"));
}

#[test]
fn forum_times_are_utc_rfc3339_with_the_paris_timezone() {
    let app = TestApp::spawn();
    for item in all_forums(&app) {
        assert_eq!(item["timezone"], "Europe/Paris", "{item}");
        for field in ["starts_at", "ends_at", "created_at", "updated_at"] {
            utc_nanos(item[field].as_str().unwrap_or_else(|| panic!("{field} missing in {item}")));
        }
    }
    // Seeded as 09:30 and 12:30 Paris summer time (+02:00).
    let f = app.get(&format!("/forums/{ALGORITHMES}")).expect(200).json();
    assert_eq!(f["starts_at"], "2018-10-11T07:30:00Z");
    assert_eq!(f["ends_at"], "2018-10-11T10:30:00Z");
    // Seeded as 18:30 Paris winter time (+01:00).
    let f = app.get(&format!("/forums/{DIALOGUE}")).expect(200).json();
    assert_eq!(f["starts_at"], "2027-01-21T17:30:00Z");

    // What a client sends with an offset comes back in UTC.
    let official = app.user("official");
    let created = new_forum(&app, &official.token, "Forum horaire");
    assert_eq!(created["starts_at"], "2027-05-10T16:30:00Z");
    assert_eq!(created["ends_at"], "2027-05-10T19:00:00Z");
    assert_eq!(created["timezone"], "Europe/Paris");
}

#[test]
fn upcoming_lists_only_forums_not_yet_ended_soonest_first() {
    let app = TestApp::spawn();
    let official = app.user("official");
    // Started long ago but still running: upcoming (it has not ended).
    let ongoing = create_forum(
        &app,
        &official.token,
        &with(
            &forum_body("Forum en cours"),
            json!({"starts_at": "2020-01-01T09:00:00Z", "ends_at": "2099-12-31T18:00:00Z"}),
        ),
    );
    let far = create_forum(
        &app,
        &official.token,
        &with(
            &forum_body("Forum lointain"),
            json!({"starts_at": "2098-06-01T09:00:00Z", "ends_at": "2098-06-01T12:00:00Z"}),
        ),
    );
    let old = create_forum(
        &app,
        &official.token,
        &with(
            &forum_body("Forum ancien"),
            json!({"starts_at": "2001-03-01T09:00:00Z", "ends_at": "2001-03-01T12:00:00Z"}),
        ),
    );

    let now = now_nanos();
    let mut expected: Vec<Value> =
        all_forums(&app).into_iter().filter(|f| utc_nanos(f["ends_at"].as_str().unwrap()) >= now).collect();
    expected.sort_by_key(|f| (utc_nanos(f["starts_at"].as_str().unwrap()), f["id"].as_i64().unwrap()));

    let upcoming = page_items(&app, "/forums?when=upcoming&limit=100");
    assert_eq!(ids(&upcoming), ids(&expected));
    assert_eq!(upcoming.first().unwrap()["id"], ongoing["id"], "the running forum starts first");
    assert_eq!(upcoming.last().unwrap()["id"], far["id"]);
    assert!(!ids(&upcoming).contains(&old["id"].as_i64().unwrap()));
    for f in &upcoming {
        assert!(utc_nanos(f["ends_at"].as_str().unwrap()) >= now, "{f}");
    }
    // The seeded forums still to come (at the time of writing: January and March 2027).
    for slug in SEEDED {
        let f = app.get(&format!("/forums/{slug}")).expect(200).json();
        let ended = utc_nanos(f["ends_at"].as_str().unwrap()) < now;
        assert_eq!(slugs(&upcoming).contains(&slug.to_string()), !ended, "{slug}");
    }
}

#[test]
fn past_lists_only_ended_forums_latest_first() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let old = create_forum(
        &app,
        &official.token,
        &with(
            &forum_body("Forum ancien"),
            json!({"starts_at": "2001-03-01T09:00:00Z", "ends_at": "2001-03-01T12:00:00Z"}),
        ),
    );
    let ongoing = create_forum(
        &app,
        &official.token,
        &with(
            &forum_body("Forum en cours"),
            json!({"starts_at": "2020-01-01T09:00:00Z", "ends_at": "2099-12-31T18:00:00Z"}),
        ),
    );

    let now = now_nanos();
    let mut expected: Vec<Value> =
        all_forums(&app).into_iter().filter(|f| utc_nanos(f["ends_at"].as_str().unwrap()) < now).collect();
    expected
        .sort_by_key(|f| std::cmp::Reverse((utc_nanos(f["starts_at"].as_str().unwrap()), f["id"].as_i64().unwrap())));

    let past = page_items(&app, "/forums?when=past&limit=100");
    assert_eq!(ids(&past), ids(&expected));
    assert!(past.len() >= 3, "the 2018 forums and the 2001 one have ended: {past:?}");
    assert_eq!(past.last().unwrap()["id"], old["id"], "the oldest comes last");
    assert!(!ids(&past).contains(&ongoing["id"].as_i64().unwrap()), "a running forum has not ended");
    let tail: Vec<String> = slugs(&past).into_iter().rev().take(3).collect();
    assert_eq!(tail, [slugs(std::slice::from_ref(&old))[0].clone(), ESSAI.to_string(), COMMANDE.to_string()]);
    for f in &past {
        assert!(utc_nanos(f["ends_at"].as_str().unwrap()) < now, "{f}");
    }
}

#[test]
fn filters_forums_by_status() {
    let app = TestApp::spawn();
    assert_eq!(
        slugs(&page_items(&app, "/forums?status=held")),
        [ESSAI, COMMANDE, ALGORITHMES, DONNEES, CONSULTATION_2018]
    );
    assert_eq!(slugs(&page_items(&app, "/forums?status=cancelled")), [SCIENCE]);
    assert_eq!(slugs(&page_items(&app, "/forums?status=open")), [DIALOGUE]);
    assert_eq!(slugs(&page_items(&app, "/forums?status=planned")), [CONSULTATION]);
    app.get("/forums?status=bogus").expect_problem(400, "invalid_query");
}

#[test]
fn filters_forums_by_commitment_code_or_id() {
    let app = TestApp::spawn();
    let fr0041 = commitment_id(&app, "FR0041");
    assert_eq!(slugs(&page_items(&app, "/forums?commitment=FR0041")), [ESSAI, DIALOGUE]);
    assert_eq!(slugs(&page_items(&app, "/forums?commitment=fr0041")), [ESSAI, DIALOGUE]);
    assert_eq!(slugs(&page_items(&app, &format!("/forums?commitment={fr0041}"))), [ESSAI, DIALOGUE]);
    assert_eq!(slugs(&page_items(&app, "/forums?commitment=FR0046")), [CONSULTATION]);
    assert!(page_items(&app, "/forums?commitment=FR9999").is_empty());
    assert!(page_items(&app, "/forums?commitment=999999").is_empty());
    // Combined with another filter.
    assert_eq!(slugs(&page_items(&app, "/forums?commitment=FR0041&status=held")), [ESSAI]);
    assert!(page_items(&app, "/forums?commitment=FR0041&status=cancelled").is_empty());
}

#[test]
fn filters_forums_by_theme_ignoring_case() {
    let app = TestApp::spawn();
    assert_eq!(slugs(&page_items(&app, "/forums?theme=Donn%C3%A9es%20ouvertes")), [DONNEES]);
    assert_eq!(slugs(&page_items(&app, "/forums?theme=donn%C3%A9es%20OUVERTES")), [DONNEES]);
    assert_eq!(slugs(&page_items(&app, "/forums?theme=science%20ouverte")), [SCIENCE]);
    // The theme is matched whole, not as a substring.
    assert!(page_items(&app, "/forums?theme=Donn%C3%A9es").is_empty());
    assert!(page_items(&app, "/forums?theme=%25").is_empty());
}

#[test]
fn searches_forums_by_text_in_title_theme_or_description() {
    let app = TestApp::spawn();
    // Title.
    assert_eq!(slugs(&page_items(&app, "/forums?q=algorithmes")), [ALGORITHMES]);
    assert_eq!(slugs(&page_items(&app, "/forums?q=ALGORITHMES")), [ALGORITHMES]);
    // Description only.
    assert_eq!(slugs(&page_items(&app, "/forums?q=biblioth%C3%A9caires")), [SCIENCE]);
    // Theme only.
    assert_eq!(slugs(&page_items(&app, "/forums?q=consultation%20publique")), [CONSULTATION_2018, CONSULTATION]);
    // Every seeded title holds "Forum Open".
    assert_eq!(page_items(&app, "/forums?q=forum%20open").len(), SEEDED.len());
    // LIKE wildcards are taken literally.
    assert!(page_items(&app, "/forums?q=%25").is_empty());
    assert!(page_items(&app, "/forums?q=_").is_empty());
    assert!(page_items(&app, "/forums?q=introuvable").is_empty());
}

#[test]
fn updated_since_returns_only_forums_changed_since_then() {
    let app = TestApp::spawn();
    let official = app.user("official");
    assert_eq!(page_items(&app, "/forums?updated_since=2000-01-01T00:00:00Z").len(), SEEDED.len());
    let changed = app
        .patch(&format!("/forums/{SCIENCE}"), Some(&official.token), &json!({"title": "Science ouverte, reportée"}))
        .expect(200)
        .json();
    let since = changed["updated_at"].as_str().unwrap();
    assert_eq!(slugs(&page_items(&app, &format!("/forums?updated_since={since}"))), [SCIENCE]);
    assert!(page_items(&app, "/forums?updated_since=2100-01-01T00:00:00Z").is_empty());
    // A new forum is "changed since" too.
    let created = new_forum(&app, &official.token, "Forum synchronisé");
    let listed = page_items(&app, &format!("/forums?updated_since={since}"));
    assert_eq!(ids(&listed).len(), 2);
    assert!(ids(&listed).contains(&created["id"].as_i64().unwrap()));
    app.get("/forums?updated_since=hier").expect_problem(400, "invalid_query");
}

#[test]
fn gets_a_forum_by_id_or_by_slug() {
    let app = TestApp::spawn();
    let by_slug = app.get(&format!("/forums/{DONNEES}")).expect(200).json();
    assert_eq!(by_slug["slug"], DONNEES);
    assert_eq!(by_slug["title"], "Forum Open d'État : ouverture des données publiques");
    assert_eq!(by_slug["location"], "139 rue de Bercy, 75012 Paris");
    assert!(by_slug["online_url"].is_null());
    assert_eq!(by_slug["capacity"], 80);
    assert_eq!(by_slug["timezone"], "Europe/Paris");
    assert_eq!(by_slug["starts_at"], "2018-11-22T17:30:00Z");
    let id = by_slug["id"].as_i64().unwrap();
    let by_id = app.get(&format!("/forums/{id}")).expect(200).json();
    assert_eq!(by_id, by_slug);
}

#[test]
fn an_unknown_forum_is_a_404_problem() {
    let app = TestApp::spawn();
    let official = app.user("official");
    app.get("/forums/999999").expect_problem(404, "not_found");
    app.get("/forums/no-such-forum").expect_problem(404, "not_found");
    app.patch("/forums/no-such-forum", Some(&official.token), &json!({"title": "x"})).expect_problem(404, "not_found");
    let admin = app.user("admin");
    app.delete("/forums/999999", Some(&admin.token)).expect_problem(404, "not_found");
    app.get("/forums/no-such-forum/comments").expect_problem(404, "not_found");
}

#[test]
fn forum_description_html_is_sanitised_while_the_description_is_kept_as_written() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let description = "Ordre du jour **important**.\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) \
                       <img src=x onerror=alert(1)> [site](https://example.org)";
    let created =
        create_forum(&app, &official.token, &with(&forum_body("Forum piégé"), json!({"description": description})));
    for forum in [created.clone(), app.get(&format!("/forums/{}", created["id"])).expect(200).json()] {
        assert_eq!(forum["description"], description);
        let html = forum["description_html"].as_str().unwrap();
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("href=\"javascript"), "{html}");
        assert!(!html.contains("<img"), "raw HTML must stay text: {html}");
        assert!(html.contains("<strong>important</strong>"), "{html}");
        assert!(html.contains("href=\"https://example.org\""), "{html}");
    }
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

#[test]
fn an_official_creates_a_forum_with_a_slug_made_from_its_french_title() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let fr0041 = commitment_id(&app, "FR0041");
    let fr0044 = commitment_id(&app, "FR0044");
    let body = with(
        &forum_body("Forum : données ouvertes"),
        json!({"commitment_ids": [fr0044, fr0041], "capacity": 40, "online_url": "https://example.org/visio"}),
    );
    let res = app.post("/forums", Some(&official.token), &body).expect(201);
    let created = res.json();
    assert_eq!(created["slug"], "forum-donnees-ouvertes");
    assert_eq!(created["title"], "Forum : données ouvertes");
    assert_eq!(created["status"], "planned");
    assert_eq!(created["capacity"], 40);
    assert_eq!(created["location"], "20 avenue de Ségur, 75007 Paris");
    assert_eq!(created["online_url"], "https://example.org/visio");
    assert_eq!(commitment_codes(&created), ["FR0041", "FR0044"]);
    let id = created["id"].as_i64().unwrap();
    assert_eq!(app.count(&format!("forum_commitments WHERE forum_id = {id}")), 2);
    assert_eq!(app.get("/forums/forum-donnees-ouvertes").expect(200).json(), created);
    assert_eq!(
        slugs(&page_items(&app, "/forums?commitment=FR0044")),
        [CONSULTATION_2018, CONSULTATION, "forum-donnees-ouvertes"]
    );

    let again = create_forum(&app, &official.token, &forum_body("Forum : données ouvertes"));
    assert_eq!(again["slug"], "forum-donnees-ouvertes-2");
    assert_eq!(again["commitments"], json!([]));
    let third = create_forum(&app, &official.token, &forum_body("Forum — Données ouvertes !"));
    assert_eq!(third["slug"], "forum-donnees-ouvertes-3");
    let accents = create_forum(&app, &official.token, &forum_body("Élections, ça œuvre à Noël"));
    assert_eq!(accents["slug"], "elections-ca-oeuvre-a-noel");
}

#[test]
fn an_admin_creates_a_forum_too() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let created = create_forum(
        &app,
        &admin.token,
        &with(
            &without(&forum_body("Atelier en ligne"), "location"),
            json!({"online_url": "https://example.org/a", "status": "open"}),
        ),
    );
    assert_eq!(created["slug"], "atelier-en-ligne");
    assert_eq!(created["status"], "open");
    assert!(created["location"].is_null());
    assert_eq!(app.count("forums"), N + 1);
}

#[test]
fn a_forum_is_reachable_by_any_slug_the_api_gives_it() {
    let app = TestApp::spawn();
    let official = app.user("official");
    // A title made of digits gives an all-digit slug, which must still name this forum.
    let created = new_forum(&app, &official.token, "2030 !");
    let slug = created["slug"].as_str().unwrap().to_string();
    let got = app.get(&format!("/forums/{slug}")).expect(200).json();
    assert_eq!(got["id"], created["id"], "GET /forums/{slug} answered another forum or none");
    // Same for an explicit all-digit slug.
    let explicit =
        app.post("/forums", Some(&official.token), &with(&forum_body("Forum chiffré"), json!({"slug": "2031"})));
    if explicit.status == 201 {
        let created = explicit.json();
        assert_eq!(app.get("/forums/2031").expect(200).json()["id"], created["id"]);
    } else {
        let p = explicit.expect_problem(422, "validation_failed");
        assert_eq!(field_names(&p), ["slug"]);
    }
}

#[test]
fn an_explicit_slug_already_taken_is_a_409() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let created = create_forum(&app, &official.token, &with(&forum_body("Un forum"), json!({"slug": "mon-forum"})));
    assert_eq!(created["slug"], "mon-forum");
    app.post("/forums", Some(&official.token), &with(&forum_body("Un autre"), json!({"slug": DIALOGUE})))
        .expect_problem(409, "already_exists");
    assert_eq!(app.count("forums"), N + 1);
}

#[test]
fn members_and_anonymous_users_cannot_create_edit_or_delete_forums() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let moderator = app.user("moderator");
    let path = format!("/forums/{DIALOGUE}");
    for token in [&member.token, &moderator.token] {
        app.post("/forums", Some(token), &forum_body("Forum interdit")).expect_problem(403, "forbidden");
        app.patch(&path, Some(token), &json!({"title": "Piraté"})).expect_problem(403, "forbidden");
        app.delete(&path, Some(token)).expect_problem(403, "forbidden");
    }
    let res = app.post("/forums", None, &forum_body("Forum interdit"));
    assert_eq!(res.header("www-authenticate"), Some("Bearer"));
    res.expect_problem(401, "unauthorized");
    app.patch(&path, None, &json!({"title": "Piraté"})).expect_problem(401, "unauthorized");
    app.delete(&path, None).expect_problem(401, "unauthorized");
    app.post("/forums", Some("not-a-token"), &forum_body("Forum interdit")).expect_problem(401, "unauthorized");

    assert_eq!(app.count("forums"), N);
    assert_eq!(app.get(&path).expect(200).json()["title"], "Forum Open d'État : un espace de dialogue en ligne");
}

#[test]
fn ends_at_before_or_at_starts_at_is_rejected_naming_ends_at() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let before = with(&forum_body("Forum à l'envers"), json!({"ends_at": "2027-05-10T17:00:00+02:00"}));
    let p = app.post("/forums", Some(&official.token), &before).expect_problem(422, "validation_failed");
    assert_eq!(field_names(&p), ["ends_at"]);
    let same = with(&forum_body("Forum instantané"), json!({"ends_at": "2027-05-10T16:30:00Z"}));
    let p = app.post("/forums", Some(&official.token), &same).expect_problem(422, "validation_failed");
    assert_eq!(field_names(&p), ["ends_at"]);
    assert_eq!(app.count("forums"), N);
}

#[test]
fn a_forum_needs_a_location_or_an_online_url() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let nowhere = without(&forum_body("Forum nulle part"), "location");
    let p = app.post("/forums", Some(&official.token), &nowhere).expect_problem(422, "validation_failed");
    assert_eq!(field_names(&p), ["location"]);
    let nulls = with(&nowhere, json!({"location": null, "online_url": null}));
    let p = app.post("/forums", Some(&official.token), &nulls).expect_problem(422, "validation_failed");
    assert_eq!(field_names(&p), ["location"]);
    // Online only is fine.
    let online =
        create_forum(&app, &official.token, &with(&nowhere, json!({"online_url": "https://example.org/salle"})));
    assert!(online["location"].is_null());
    assert_eq!(online["online_url"], "https://example.org/salle");
}

#[test]
fn a_javascript_online_url_is_rejected_naming_online_url() {
    let app = TestApp::spawn();
    let official = app.user("official");
    for url in ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<b>x</b>", "ftp://example.org/x"] {
        let body = with(&forum_body("Forum piégé"), json!({"online_url": url}));
        let p = app.post("/forums", Some(&official.token), &body).expect_problem(422, "validation_failed");
        assert_eq!(field_names(&p), ["online_url"], "{url}");
    }
    assert_eq!(app.count("forums"), N);
}

#[test]
fn an_unknown_commitment_id_is_rejected_and_nothing_is_created() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let fr0041 = commitment_id(&app, "FR0041");
    let body = with(&forum_body("Forum orphelin"), json!({"commitment_ids": [fr0041, 987654]}));
    let p = app.post("/forums", Some(&official.token), &body).expect_problem(409, "unknown_reference");
    assert_eq!(field_names(&p), ["commitment_ids"]);
    let body = with(&forum_body("Forum orphelin"), json!({"commitment_ids": [0]}));
    let p = app.post("/forums", Some(&official.token), &body).expect_problem(422, "validation_failed");
    assert_eq!(field_names(&p), ["commitment_ids"]);
    assert_eq!(app.count("forums"), N);
    assert_eq!(app.count("forums WHERE title = 'Forum orphelin'"), 0);
    assert_eq!(app.count("forum_commitments"), 10);
}

#[test]
fn several_invalid_fields_are_all_named_at_once() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let body = with(
        &forum_body("x"),
        json!({"title": "   ", "slug": "Pas Un Slug", "capacity": 0, "online_url": "javascript:alert(1)", "theme": ""}),
    );
    let p = app.post("/forums", Some(&official.token), &body).expect_problem(422, "validation_failed");
    assert_eq!(field_names(&p), ["capacity", "online_url", "slug", "theme", "title"]);
    assert_eq!(app.count("forums"), N);
}

#[test]
fn schedule_and_place_errors_are_named_together_with_field_errors() {
    let app = TestApp::spawn();
    let official = app.user("official");
    // Ends before it starts, has neither place nor link, and a capacity of 0: three errors.
    let body = with(
        &without(&forum_body("Forum bancal"), "location"),
        json!({"ends_at": "2027-05-10T17:00:00+02:00", "capacity": 0}),
    );
    let p = app.post("/forums", Some(&official.token), &body).expect_problem(422, "validation_failed");
    assert_eq!(field_names(&p), ["capacity", "ends_at", "location"]);
}

#[test]
fn patch_changes_only_the_given_fields() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let before = app.get(&format!("/forums/{DIALOGUE}")).expect(200).json();
    let after = app
        .patch(
            &format!("/forums/{DIALOGUE}"),
            Some(&official.token),
            &json!({"title": "Nouveau titre", "status": "held"}),
        )
        .expect(200)
        .json();
    assert_eq!(after["title"], "Nouveau titre");
    assert_eq!(after["status"], "held");
    for unchanged in [
        "slug",
        "theme",
        "description",
        "starts_at",
        "ends_at",
        "location",
        "online_url",
        "capacity",
        "commitments",
        "created_at",
    ] {
        assert_eq!(after[unchanged], before[unchanged], "{unchanged}");
    }
    assert!(utc_nanos(after["updated_at"].as_str().unwrap()) > utc_nanos(before["updated_at"].as_str().unwrap()));
    assert_eq!(app.get(&format!("/forums/{DIALOGUE}")).expect(200).json(), after);
}

#[test]
fn patch_replaces_the_commitments_and_null_clears_the_capacity() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let fr0033 = commitment_id(&app, "FR0033");
    let fr0050 = commitment_id(&app, "FR0050");
    let path = format!("/forums/{DIALOGUE}");
    let after = app
        .patch(&path, Some(&admin.token), &json!({"commitment_ids": [fr0050, fr0033], "capacity": null}))
        .expect(200)
        .json();
    assert_eq!(commitment_codes(&after), ["FR0033", "FR0050"]);
    assert!(after["capacity"].is_null());
    assert_eq!(app.count(&format!("forum_commitments WHERE forum_id = {}", after["id"])), 2);
    assert_eq!(slugs(&page_items(&app, "/forums?commitment=FR0041")), [ESSAI], "the dialogue forum left FR0041");
    assert_eq!(slugs(&page_items(&app, "/forums?commitment=FR0050")), [DIALOGUE]);
    // An empty list removes them all; an absent one leaves them.
    let after = app.patch(&path, Some(&admin.token), &json!({"capacity": 12})).expect(200).json();
    assert_eq!(after["capacity"], 12);
    assert_eq!(commitment_codes(&after), ["FR0033", "FR0050"]);
    let after = app.patch(&path, Some(&admin.token), &json!({"commitment_ids": []})).expect(200).json();
    assert_eq!(after["commitments"], json!([]));
    // An unknown id changes nothing.
    let p = app
        .patch(&path, Some(&admin.token), &json!({"commitment_ids": [fr0033, 987654]}))
        .expect_problem(409, "unknown_reference");
    assert_eq!(field_names(&p), ["commitment_ids"]);
    assert_eq!(app.get(&path).expect(200).json()["commitments"], json!([]));
}

#[test]
fn patch_cannot_clear_the_only_place_of_a_forum() {
    let app = TestApp::spawn();
    let official = app.user("official");
    // In person only.
    let path = format!("/forums/{ALGORITHMES}");
    let p = app
        .patch(&path, Some(&official.token), &json!({"location": null}))
        .expect_problem(409, "conflicts_with_stored");
    assert_eq!(field_names(&p), ["location"]);
    assert_eq!(app.get(&path).expect(200).json()["location"], "20 avenue de Ségur, 75007 Paris");
    // Moving it online in the same request is fine.
    let moved = app
        .patch(&path, Some(&official.token), &json!({"location": null, "online_url": "https://example.org/en-ligne"}))
        .expect(200)
        .json();
    assert!(moved["location"].is_null());
    assert_eq!(moved["online_url"], "https://example.org/en-ligne");
    // Hybrid: either may go, not both.
    let hybrid = format!("/forums/{DIALOGUE}");
    let p = app
        .patch(&hybrid, Some(&official.token), &json!({"location": null, "online_url": null}))
        .expect_problem(422, "validation_failed");
    assert_eq!(field_names(&p), ["location"]);
    let p = app
        .patch(&hybrid, Some(&official.token), &json!({"online_url": "javascript:alert(1)"}))
        .expect_problem(422, "validation_failed");
    assert_eq!(field_names(&p), ["online_url"]);
}

#[test]
fn patch_checks_the_schedule_against_the_stored_times() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let path = format!("/forums/{DIALOGUE}");
    // Stored: 2027-01-21 17:30–20:00 UTC.
    let p = app
        .patch(&path, Some(&official.token), &json!({"ends_at": "2027-01-21T17:00:00Z"}))
        .expect_problem(409, "conflicts_with_stored");
    assert_eq!(field_names(&p), ["ends_at"]);
    let p = app
        .patch(&path, Some(&official.token), &json!({"starts_at": "2027-01-22T09:00:00Z"}))
        .expect_problem(409, "conflicts_with_stored");
    assert_eq!(field_names(&p), ["ends_at"]);
    let moved = app
        .patch(
            &path,
            Some(&official.token),
            &json!({"starts_at": "2027-01-22T09:00:00+01:00", "ends_at": "2027-01-22T12:00:00+01:00"}),
        )
        .expect(200)
        .json();
    assert_eq!(moved["starts_at"], "2027-01-22T08:00:00Z");
    assert_eq!(moved["ends_at"], "2027-01-22T11:00:00Z");
}

#[test]
fn patch_to_a_slug_already_taken_is_a_409() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let path = format!("/forums/{DIALOGUE}");
    app.patch(&path, Some(&official.token), &json!({"slug": CONSULTATION})).expect_problem(409, "already_exists");
    assert_eq!(app.get(&path).expect(200).json()["slug"], DIALOGUE);
    let p = app
        .patch(&path, Some(&official.token), &json!({"slug": "Pas Valide"}))
        .expect_problem(422, "validation_failed");
    assert_eq!(field_names(&p), ["slug"]);
    let renamed = app.patch(&path, Some(&official.token), &json!({"slug": "dialogue-2027"})).expect(200).json();
    assert_eq!(renamed["slug"], "dialogue-2027");
    app.get("/forums/dialogue-2027").expect(200);
    app.get(&path).expect_problem(404, "not_found");
}

#[test]
fn deleting_a_discussed_forum_archives_it_and_keeps_every_comment() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let admin = app.user("admin");
    let member = app.user("member");
    let forum = new_forum(&app, &official.token, "Forum éphémère");
    let id = forum["id"].as_i64().unwrap();
    assert_eq!(forum["archived_at"], Value::Null);
    let top = app
        .post(&format!("/forums/{id}/comments"), Some(&member.token), &json!({"body": "Premier"}))
        .expect(201)
        .json();
    let reply = app
        .post(
            &format!("/forums/{id}/comments"),
            Some(&member.token),
            &json!({"body": "Réponse", "parent_id": top["id"]}),
        )
        .expect(201)
        .json();
    // Even a comment its author deleted counts: its row keeps the thread's shape.
    app.delete(&format!("/comments/{}", reply["id"]), Some(&member.token)).expect(204);
    assert_eq!(app.count(&format!("comments WHERE subject_id = (SELECT subject_id FROM forums WHERE id = {id})")), 2);

    // Officials no longer delete forums: one call of theirs destroyed a whole discussion.
    app.delete("/forums/forum-ephemere", Some(&official.token)).expect_problem(403, "forbidden");
    let archived = app.delete("/forums/forum-ephemere", Some(&admin.token)).expect(200).json();
    assert!(archived["archived_at"].is_string(), "{archived}");
    assert_eq!(archived["id"], id);
    // Deleting again changes nothing.
    let again = app.delete(&format!("/forums/{id}"), Some(&admin.token)).expect(200).json();
    assert_eq!(again["archived_at"], archived["archived_at"]);

    // Nothing is lost: every row is there, the page and the discussion are readable...
    assert_eq!(app.count(&format!("comments WHERE subject_id = (SELECT subject_id FROM forums WHERE id = {id})")), 2);
    assert_eq!(app.count(&format!("forums WHERE id = {id}")), 1);
    let page = app.get(&format!("/forums/{id}")).expect(200).json();
    assert_eq!(page["archived_at"], archived["archived_at"]);
    let thread = page_items(&app, &format!("/forums/{id}/comments"));
    assert_eq!(thread.len(), 1);
    assert_eq!(thread[0]["reply_count"], 1);
    app.get(&format!("/comments/{}", top["id"])).expect(200);
    // ... but the forum is out of the lists, and the discussion takes no new comments.
    let listed = |path: &str| -> Vec<i64> {
        collect_pages(&app, path, None).iter().map(|f| f["id"].as_i64().unwrap()).collect()
    };
    assert!(!listed("/forums?limit=100").contains(&id));
    assert_eq!(listed("/forums?archived=true"), [id]);
    app.post(&format!("/forums/{id}/comments"), Some(&member.token), &json!({"body": "Encore"}))
        .expect_problem(409, "archived");
    // The database itself refuses to destroy the discussion.
    use diesel::RunQueryDsl;
    let mut conn = app.db();
    let refused = diesel::sql_query(format!("DELETE FROM forums WHERE id = {id}")).execute(&mut conn);
    assert!(refused.is_err(), "a forum with comments cannot be deleted in SQL");

    // Restoring brings it back (admins only).
    app.post(&format!("/forums/{id}/restore"), Some(&official.token), &json!({})).expect_problem(403, "forbidden");
    app.post(&format!("/forums/{id}/restore"), None, &json!({})).expect_problem(401, "unauthorized");
    let restored = app.post(&format!("/forums/{id}/restore"), Some(&admin.token), &json!({})).expect(200).json();
    assert_eq!(restored["archived_at"], Value::Null);
    assert!(listed("/forums?limit=100").contains(&id));
    app.post(&format!("/forums/{id}/comments"), Some(&member.token), &json!({"body": "De retour"})).expect(201);
}

#[test]
fn a_forum_without_contributions_is_deleted() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let admin = app.user("admin");
    let forum = new_forum(&app, &official.token, "Forum annulé");
    let id = forum["id"].as_i64().unwrap();
    let r = app.delete(&format!("/forums/{id}"), Some(&admin.token)).expect(204);
    assert!(r.text.is_empty());
    app.get(&format!("/forums/{id}")).expect_problem(404, "not_found");
    app.delete(&format!("/forums/{id}"), Some(&admin.token)).expect_problem(404, "not_found");
    assert_eq!(app.count(&format!("forum_commitments WHERE forum_id = {id}")), 0);
    // The other forums and their discussions are untouched.
    assert_eq!(app.count("forums"), N);
    assert_eq!(page_items(&app, &format!("/forums/{DIALOGUE}/comments")).len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Pagination
// ---------------------------------------------------------------------------------------------

/// Twelve forums on an empty database, with some equal start times; returns their ids in
/// start order (start, then id).
fn twelve_forums(app: &TestApp, token: &str) -> Vec<i64> {
    let mut made: Vec<(String, i64)> = Vec::new();
    for i in 0..12 {
        // Days 1..=6, two forums a day at the same time.
        let day = 1 + (i * 7) % 12 / 2;
        let starts = format!("2030-04-{day:02}T09:00:00Z");
        let ends = format!("2030-04-{day:02}T12:00:00Z");
        let f = create_forum(
            app,
            token,
            &with(&forum_body(&format!("Forum {i}")), json!({"starts_at": starts, "ends_at": ends})),
        );
        made.push((starts, f["id"].as_i64().unwrap()));
    }
    made.sort();
    made.into_iter().map(|(_, id)| id).collect()
}

#[test]
fn pages_through_forums_without_skipping_or_repeating() {
    let app = TestApp::spawn_empty();
    let official = app.user("official");
    let expected = twelve_forums(&app, &official.token);

    let first = app.get("/forums?limit=5").expect(200);
    let link = first.header("link").expect("a Link header").to_string();
    let body = first.json();
    assert_eq!(body["items"].as_array().unwrap().len(), 5);
    let cursor = body["next_cursor"].as_str().unwrap();
    assert!(
        link.contains(&format!("cursor={cursor}")) && link.contains("limit=5") && link.ends_with("rel=\"next\""),
        "{link}"
    );

    let mut sizes = Vec::new();
    let mut seen = Vec::new();
    let mut next: Option<String> = None;
    loop {
        let path = match &next {
            Some(c) => format!("/forums?limit=5&cursor={c}"),
            None => "/forums?limit=5".to_string(),
        };
        let res = app.get(&path).expect(200);
        let has_link = res.header("link").is_some();
        let body = res.json();
        let items = body["items"].as_array().unwrap();
        sizes.push(items.len());
        seen.extend(ids(items));
        next = body["next_cursor"].as_str().map(str::to_string);
        assert_eq!(has_link, next.is_some());
        if next.is_none() {
            break;
        }
        assert!(sizes.len() < 10, "pagination does not end");
    }
    assert_eq!(sizes, [5, 5, 2]);
    assert_eq!(seen, expected);
    assert_eq!(ids(&collect_pages(&app, "/forums?limit=5&when=upcoming", None)), expected);
    // None has ended, so none is past.
    assert!(collect_pages(&app, "/forums?limit=5&when=past", None).is_empty());
}

#[test]
fn pages_through_past_forums_latest_first() {
    let app = TestApp::spawn_empty();
    let official = app.user("official");
    let mut made = Vec::new();
    for i in 0..7 {
        let day = 1 + i % 3;
        let f = create_forum(
            &app,
            &official.token,
            &with(
                &forum_body(&format!("Ancien {i}")),
                json!({"starts_at": format!("2010-02-{day:02}T09:00:00Z"), "ends_at": format!("2010-02-{day:02}T10:00:00Z")}),
            ),
        );
        made.push((day, f["id"].as_i64().unwrap()));
    }
    made.sort();
    made.reverse();
    let expected: Vec<i64> = made.into_iter().map(|(_, id)| id).collect();
    assert_eq!(ids(&collect_pages(&app, "/forums?when=past&limit=2", None)), expected);
    assert!(collect_pages(&app, "/forums?when=upcoming&limit=2", None).is_empty());
}

#[test]
fn paging_forums_while_new_ones_are_created_neither_skips_nor_repeats() {
    let app = TestApp::spawn_empty();
    let official = app.user("official");
    let expected = twelve_forums(&app, &official.token);

    let mut seen: Vec<i64> = Vec::new();
    let mut added_late = Vec::new();
    let mut next: Option<String> = None;
    for round in 0.. {
        let path = match &next {
            Some(c) => format!("/forums?limit=5&cursor={c}"),
            None => "/forums?limit=5".to_string(),
        };
        let body = app.get(&path).expect(200).json();
        seen.extend(ids(body["items"].as_array().unwrap()));
        next = body["next_cursor"].as_str().map(str::to_string);
        if next.is_none() {
            break;
        }
        // Between pages: one forum before everything listed so far, one at the same start as
        // the forums of the page just read, one after everything.
        create_forum(
            &app,
            &official.token,
            &with(
                &forum_body(&format!("Tôt {round}")),
                json!({"starts_at": "2029-01-01T09:00:00Z", "ends_at": "2029-01-01T10:00:00Z"}),
            ),
        );
        create_forum(
            &app,
            &official.token,
            &with(
                &forum_body(&format!("Même heure {round}")),
                json!({"starts_at": "2030-04-01T09:00:00Z", "ends_at": "2030-04-01T12:00:00Z"}),
            ),
        );
        let late = create_forum(
            &app,
            &official.token,
            &with(
                &forum_body(&format!("Tard {round}")),
                json!({"starts_at": "2031-01-01T09:00:00Z", "ends_at": "2031-01-01T10:00:00Z"}),
            ),
        );
        added_late.push(late["id"].as_i64().unwrap());
        assert!(round < 20, "pagination does not end");
    }
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), seen.len(), "a forum was listed twice: {seen:?}");
    let original: Vec<i64> = seen.iter().copied().filter(|id| expected.contains(id)).collect();
    assert_eq!(original, expected, "every forum that existed at the start, once, in order");
    // The forums created after everything already listed come at the end, in order.
    let tail: Vec<i64> = seen.iter().copied().filter(|id| added_late.contains(id)).collect();
    assert_eq!(tail, added_late);
}

#[test]
fn a_cursor_from_another_when_is_rejected() {
    let app = TestApp::spawn();
    let past = app.get("/forums?when=past&limit=1").expect(200).json();
    let cursor = past["next_cursor"].as_str().expect("three past forums, so a next page").to_string();
    app.get(&format!("/forums?when=past&limit=1&cursor={cursor}")).expect(200);
    app.get(&format!("/forums?when=upcoming&limit=1&cursor={cursor}")).expect_problem(400, "invalid_cursor");
    app.get(&format!("/forums?limit=1&cursor={cursor}")).expect_problem(400, "invalid_cursor");
    let all = app.get("/forums?limit=1").expect(200).json();
    let cursor = all["next_cursor"].as_str().unwrap();
    app.get(&format!("/forums?when=past&cursor={cursor}")).expect_problem(400, "invalid_cursor");
    app.get("/forums?cursor=garbage!").expect_problem(400, "invalid_cursor");
}

#[test]
fn the_forum_page_size_is_bounded() {
    let app = TestApp::spawn();
    for limit in ["0", "101", "-1"] {
        let p = app.get(&format!("/forums?limit={limit}")).expect_problem(422, "validation_failed");
        assert_eq!(field_names(&p), ["limit"], "{limit}");
    }
    assert_eq!(page_items(&app, "/forums?limit=2").len(), 2);
    assert_eq!(page_items(&app, "/forums?limit=100").len(), SEEDED.len());
}
