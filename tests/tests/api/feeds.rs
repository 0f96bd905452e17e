//! Atom feeds, read back by Python's feedparser (a real, lenient-but-honest parser: its `bozo`
//! flag says when a feed is not well-formed): each discussion's comments, a commitment's
//! progress, an institution's answers, and the forums. Hidden, deleted and rejected texts
//! appear in none of them.

use opendetat_tests::*;

const LEAD: &str = "minister-of-state-digital-sector";

/// `xml` parsed by feedparser: the feed's title and links, and its entries in order. Fails
/// the test when feedparser reports the feed malformed.
fn parse_feed(xml: &str) -> Value {
    let script = r#"
import json, sys, feedparser
d = feedparser.parse(open(sys.argv[1], 'rb').read())
if d.bozo:
    sys.exit('feedparser: %s' % d.bozo_exception)
print(json.dumps({
    'version': d.version,
    'title': d.feed.get('title'),
    'id': d.feed.get('id'),
    'updated': d.feed.get('updated'),
    'links': [{'rel': l.get('rel'), 'href': l.get('href'), 'type': l.get('type')} for l in d.feed.get('links', [])],
    'entries': [{
        'id': e.get('id'),
        'title': e.get('title'),
        'link': e.get('link'),
        'author': e.get('author'),
        'published': e.get('published'),
        'updated': e.get('updated'),
        'content': e.content[0].value if e.get('content') else None,
        'content_type': e.content[0].type if e.get('content') else None,
    } for e in d.entries],
}))
"#;
    opendetat_tests::smtp::parse_with_python(script, xml, "atom", "feedparser")
}

/// GET a feed: 200, the Atom media type, cacheable, and parsed.
fn feed(app: &TestApp, path: &str) -> Value {
    let resp = app.get(path).expect(200);
    assert_eq!(resp.header("content-type"), Some("application/atom+xml; charset=utf-8"), "{path}");
    assert_eq!(resp.header("cache-control"), Some("public, max-age=300"), "{path}");
    let parsed = parse_feed(&resp.text);
    assert_eq!(parsed["version"], "atom10", "{path}");
    parsed
}

fn titles(feed: &Value) -> Vec<String> {
    feed["entries"].as_array().unwrap().iter().map(|e| e["title"].as_str().unwrap().to_string()).collect()
}

fn link(feed: &Value, rel: &str) -> String {
    feed["links"].as_array().unwrap().iter().find(|l| l["rel"] == rel).unwrap()["href"].as_str().unwrap().to_string()
}

#[test]
fn a_discussion_feed_carries_its_public_comments_newest_first_and_nothing_hidden_or_deleted() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let forum = ForumBuilder::new("Forum suivi par flux").create(&app, &admin.token);
    let slug = forum["slug"].as_str().unwrap();
    let on = format!("/forums/{slug}");
    let member = app.user("member");
    let first = builders::comment(&app, &member.token, &on, "Premier message & **gras** <script>alert(1)</script>");
    let hidden = builders::comment(&app, &member.token, &on, "Message masqué ensuite.");
    let deleted = builders::comment(&app, &member.token, &on, "Message supprimé ensuite.");
    let reply = builders::reply(&app, &member.token, &on, first["id"].as_i64().unwrap(), "Une réponse au premier.");
    app.put(
        &format!("/comments/{}/moderation", hidden["id"]),
        Some(&app.user("moderator").token),
        &json!({"hidden": true, "reason": "hors sujet"}),
    )
    .expect(200);
    app.delete(&format!("/comments/{}", deleted["id"]), Some(&member.token)).expect(204);

    let path = format!("/forums/{slug}/comments.atom");
    let parsed = feed(&app, &path);
    assert_eq!(parsed["title"], "Open d'État — Commentaires : Forum suivi par flux");
    assert!(link(&parsed, "self").ends_with(&format!("/api/v1{path}")), "{parsed}");
    assert!(link(&parsed, "alternate").ends_with(&format!("/forums/{slug}")), "{parsed}");
    let entries = parsed["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 2, "only the public comments, replies included: {parsed}");
    let (newest, oldest) = (&entries[0], &entries[1]);
    assert_eq!(newest["title"], "Test member : Une réponse au premier.");
    assert!(newest["id"].as_str().unwrap().ends_with(&format!("/api/v1/comments/{}", reply["id"])));
    assert!(newest["link"].as_str().unwrap().ends_with(&format!("/forums/{slug}#comment-{}", reply["id"])));
    assert_eq!(newest["author"], "Test member");
    // The title is the text as written; the content is the sanitised HTML, no script.
    assert_eq!(oldest["title"], "Test member : Premier message & **gras** <script>alert(1)</script>");
    let content = oldest["content"].as_str().unwrap();
    assert_eq!(oldest["content_type"], "text/html");
    assert!(content.contains("<strong>gras</strong>") && content.contains("&amp;"), "{content}");
    assert!(!content.contains("<script"), "{content}");
    for gone in ["masqué", "supprimé"] {
        assert!(!titles(&parsed).iter().any(|t| t.contains(gone)), "{gone}: {parsed}");
    }

    // An edit shows as the entry's new `updated`, its publication unchanged.
    let before = oldest["updated"].as_str().unwrap().to_string();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    app.patch(
        &format!("/comments/{}", first["id"]),
        Some(&member.token),
        &json!({"body": "Premier message, corrigé."}),
    )
    .expect(200);
    let again = feed(&app, &path);
    let edited = &again["entries"][1];
    assert_eq!(edited["title"], "Test member : Premier message, corrigé.");
    assert!(edited["updated"].as_str().unwrap() > before.as_str(), "{edited}");
    assert_eq!(edited["published"], oldest["published"]);
    assert_eq!(again["updated"], edited["updated"], "the feed is as recent as its newest change");

    // Every discussable kind has its feed; an unknown record is a 404 problem.
    let milestone = milestone_id(&app, "FR0041", "12.1");
    for path in ["/commitments/FR0041/comments.atom".to_string(), format!("/milestones/{milestone}/comments.atom")] {
        feed(&app, &path);
    }
    app.get("/forums/no-such-forum/comments.atom").expect_problem(404, "not_found");
    app.get("/commitments/FR9999/comments.atom").expect_problem(404, "not_found");
}

#[test]
fn a_commitments_progress_feed_says_what_was_reported_with_its_evidence() {
    let app = TestApp::spawn();
    let empty = feed(&app, "/commitments/FR0041/progress.atom");
    assert_eq!(empty["entries"], json!([]));
    assert!(empty["title"].as_str().unwrap().starts_with("Open d'État — Avancement de l'engagement FR0041"));

    let m = milestone_id(&app, "FR0041", "12.1");
    let official = UserBuilder::official_of(LEAD).create(&app);
    ProgressBuilder::on(m)
        .as_of("2020-06-30")
        .status("in_progress")
        .completion("limited")
        .note("Deux forums tenus.")
        .create(&app, &official.token);
    ProgressBuilder::on(m)
        .as_of("2020-12-15")
        .status("in_progress")
        .completion("substantial")
        .note("Quatre forums **tenus**.")
        .with("evidence", json!([{"title": "Compte rendu <n°4>", "url": "https://www.etalab.gouv.fr/forum-4"}]))
        .create(&app, &official.token);

    let parsed = feed(&app, "/commitments/FR0041/progress.atom");
    let entries = parsed["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    let latest = &entries[0];
    assert!(latest["title"].as_str().unwrap().starts_with("12.1 "), "{latest}");
    assert!(latest["title"].as_str().unwrap().ends_with(" : substantiel"), "{latest}");
    assert_eq!(latest["author"], "Test member");
    let html = latest["content"].as_str().unwrap();
    assert!(html.contains("au 15/12/2020") && html.contains("<strong>tenus</strong>"), "{html}");
    assert!(html.contains(r#"<a href="https://www.etalab.gouv.fr/forum-4">Compte rendu &lt;n°4&gt;</a>"#), "{html}");
    assert!(latest["link"].as_str().unwrap().ends_with("/engagements/FR0041"));
    assert!(entries[1]["title"].as_str().unwrap().ends_with(" : limité"));
    app.get("/commitments/FR9999/progress.atom").expect_problem(404, "not_found");
}

#[test]
fn an_institutions_answers_feed_drops_an_answer_a_moderator_hides() {
    let app = TestApp::spawn();
    let id = QuestionBuilder::on("/commitments/FR0041")
        .title("Quand paraît le compte rendu ?")
        .create(&app, &app.user("member").token)
        .id();
    let official = UserBuilder::official_of(LEAD).create(&app);
    let answered = AnswerBuilder::to(id).text("Le compte rendu paraîtra le 3 mars.").create(&app, &official.token);
    let comment = answered["answers"][0]["comment_id"].as_i64().unwrap();

    let path = format!("/institutions/{LEAD}/answers.atom");
    let parsed = feed(&app, &path);
    assert!(parsed["title"].as_str().unwrap().starts_with("Open d'État — Réponses de "), "{parsed}");
    let entry = &parsed["entries"][0];
    assert_eq!(entry["title"], "Réponse : Quand paraît le compte rendu ?");
    assert!(entry["link"].as_str().unwrap().ends_with(&format!("/questions/{id}#comment-{comment}")));
    let html = entry["content"].as_str().unwrap();
    assert!(html.contains("dans le délai") && html.contains("3 mars"), "{html}");
    // The question's own discussion feed carries the answer too, under the same id.
    let discussion = feed(&app, &format!("/questions/{id}/comments.atom"));
    assert_eq!(discussion["entries"][0]["id"], entry["id"]);

    app.put(
        &format!("/comments/{comment}/moderation"),
        Some(&app.user("moderator").token),
        &json!({"hidden": true, "reason": "données personnelles"}),
    )
    .expect(200);
    let after = feed(&app, &path);
    assert!(!titles(&after).iter().any(|t| t.contains("compte rendu")), "{after}");
    // Another institution's feed never had it.
    assert!(!titles(&feed(&app, "/institutions/datactivist/answers.atom")).iter().any(|t| t.contains("compte rendu")));
    app.get("/institutions/no-such-institution/answers.atom").expect_problem(404, "not_found");
}

#[test]
fn the_forums_feed_puts_new_and_changed_forums_first_and_leaves_archived_ones_out() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let seeded = feed(&app, "/forums.atom");
    assert_eq!(seeded["title"], "Open d'État — Forums");
    assert!(!seeded["entries"].as_array().unwrap().is_empty(), "the seed's forums");

    let a = ForumBuilder::new("Forum A du flux").create(&app, &admin.token);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let b = ForumBuilder::new("Forum B du flux").create(&app, &admin.token);
    assert_eq!(titles(&feed(&app, "/forums.atom"))[..2], ["Forum B du flux", "Forum A du flux"]);

    // A cancelled forum comes back to the top, saying so.
    app.patch(&format!("/forums/{}", a["slug"].as_str().unwrap()), Some(&admin.token), &json!({"status": "cancelled"}))
        .expect(200);
    let parsed = feed(&app, "/forums.atom");
    let top = &parsed["entries"][0];
    assert_eq!(top["title"], "Forum A du flux");
    assert!(top["content"].as_str().unwrap().starts_with("<p>Annulé — "), "{top}");
    assert!(top["link"].as_str().unwrap().ends_with(&format!("/forums/{}", a["slug"].as_str().unwrap())));

    // An archived forum (deleted once people took part: kept, archived) leaves the feed.
    let b_slug = b["slug"].as_str().unwrap();
    builders::comment(&app, &app.user("member").token, &format!("/forums/{b_slug}"), "J'y serai.");
    let archived = app.delete(&format!("/forums/{b_slug}"), Some(&admin.token)).expect(200).json();
    assert!(archived["archived_at"].is_string(), "{archived}");
    assert!(!titles(&feed(&app, "/forums.atom")).contains(&"Forum B du flux".to_string()));
}
