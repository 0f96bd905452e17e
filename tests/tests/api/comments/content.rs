//! What a comment holds: markdown rendered and sanitised, text stored literally, limits on
//! its length and on the request.

use opendetat_tests::*;

use super::*;

#[test]
fn comment_markdown_is_rendered_and_sanitised() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let text = "**gras** <script>alert(1)</script>\n\n<img src=x onerror=alert(1)> [lien](javascript:alert(1)) \
                <a href=\"#\" onclick=\"alert(1)\">clic</a> [site](https://example.org)";
    let c = builders::comment(&app, &member.token, &format!("/forums/{DIALOGUE}"), text);
    for seen in [c.clone(), get_comment(&app, c.id(), None)] {
        assert_eq!(seen["body"], text, "the markdown is kept as written");
        let html = seen["body_html"].as_str().unwrap();
        assert!(html.contains("<strong>gras</strong>"), "{html}");
        assert!(!html.to_lowercase().contains("<script"), "{html}");
        assert!(!html.contains("<img"), "raw HTML must stay text: {html}");
        assert!(!html.contains("<a href=\"#\""), "raw HTML must stay text: {html}");
        assert!(!html.contains("href=\"javascript"), "{html}");
        assert!(html.contains("href=\"https://example.org\""), "{html}");
        assert!(html.contains("rel=\"nofollow noopener noreferrer ugc\""), "{html}");
    }
    let edited = app
        .patch(
            &format!("/comments/{}", c.id()),
            Some(&member.token),
            &json!({"body": "<script>alert(2)</script>\n\n**ok**"}),
        )
        .expect(200)
        .json();
    let html = edited["body_html"].as_str().unwrap();
    assert!(!html.contains("<script") && html.contains("<strong>ok</strong>"), "{html}");
}

#[test]
fn sql_looking_text_is_stored_and_returned_literally() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let text = "'); DROP TABLE comments; --";
    let c = builders::comment(&app, &member.token, &format!("/forums/{DIALOGUE}"), text);
    assert_eq!(c["body"], text);
    assert_eq!(get_comment(&app, c.id(), None)["body"], text);
    assert_eq!(app.count("comments WHERE body = '''); DROP TABLE comments; --'"), 1);
    let listed = page_items(&app, &format!("/forums/{DIALOGUE}/comments"));
    assert_eq!(listed[0]["body"], text);
    assert!(listed[0]["body_html"].as_str().unwrap().contains("DROP TABLE comments; --"));
    // The other discussions are all still there.
    assert_eq!(page_items(&app, "/commitments/FR0041/comments").len(), 1);
    let edited = app
        .patch(&format!("/comments/{}", c.id()), Some(&member.token), &json!({"body": "1' OR '1'='1"}))
        .expect(200)
        .json();
    assert_eq!(edited["body"], "1' OR '1'='1");
}

#[test]
fn a_comment_body_over_20000_characters_is_rejected() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let forum = format!("/forums/{DIALOGUE}");
    let before = app.count("comments");
    let p = app
        .post(&format!("{forum}/comments"), Some(&member.token), &json!({"body": "a".repeat(20_001)}))
        .expect_problem(422, "validation_failed");
    assert_eq!(field_names(&p), ["body"]);
    for blank in ["", "   \n "] {
        let p = app
            .post(&format!("{forum}/comments"), Some(&member.token), &json!({"body": blank}))
            .expect_problem(422, "validation_failed");
        assert_eq!(field_names(&p), ["body"]);
    }
    assert_eq!(app.count("comments"), before);
    // The limit counts characters, not bytes: 20,000 accented letters (40,000 bytes) pass.
    let long = "é".repeat(20_000);
    let c = builders::comment(&app, &member.token, &forum, &long);
    assert_eq!(c["body"].as_str().unwrap().chars().count(), 20_000);
    let p = app
        .patch(&format!("/comments/{}", c.id()), Some(&member.token), &json!({"body": "é".repeat(20_001)}))
        .expect_problem(422, "validation_failed");
    assert_eq!(field_names(&p), ["body"]);
}

#[test]
fn a_json_body_over_64_kib_is_rejected_with_413() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let before = app.count("comments");
    let big = json!({"body": "a".repeat(70_000)});
    app.post(&format!("/forums/{DIALOGUE}/comments"), Some(&member.token), &big)
        .expect_problem(413, "payload_too_large");
    let c = builders::comment(&app, &member.token, &format!("/forums/{DIALOGUE}"), "Petit");
    app.patch(&format!("/comments/{}", c.id()), Some(&member.token), &big).expect_problem(413, "payload_too_large");
    assert_eq!(app.count("comments"), before + 1);
}

#[test]
fn unknown_fields_in_a_comment_are_rejected() {
    let app = TestApp::spawn();
    let member = app.user("member");
    app.post(&format!("/forums/{DIALOGUE}/comments"), Some(&member.token), &json!({"body": "x", "author_id": 1}))
        .expect_problem(422, "unprocessable_body");
    app.request(
        "POST",
        &format!("/forums/{DIALOGUE}/comments"),
        Some(&member.token),
        &[("Content-Type", "application/json")],
        Some("{\"body\": "),
    )
    .expect_problem(400, "malformed_json");
}
