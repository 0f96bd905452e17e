//! A copy of one's data (issue 24, point 4; RGPD articles 15 and 20): everything the platform
//! holds about the person, and nothing about anyone else; with a session, never with a token.

use opendetat_tests::*;

#[test]
fn the_copy_holds_everything_of_the_persons_and_nothing_of_anyone_elses() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let me = app.user("member");
    let other = app.user("member");
    let slug = ForumBuilder::new("Forum des données").open().create(&app, &admin.token).slug();
    // What a member does in an afternoon, and what someone else does beside them.
    let mine = builders::comment(&app, &me.token, "/commitments/FR0041", "Mon avis sur la transparence");
    let theirs = builders::comment(&app, &other.token, "/commitments/FR0041", "Leur avis, qui n'est pas le mien");
    app.put(
        &format!("/comments/{}/reaction", theirs.id()),
        Some(&me.token),
        &json!({"useful": true, "stance": "agree"}),
    )
    .expect(200);
    app.post(&format!("/comments/{}/reports", theirs.id()), Some(&me.token), &json!({"reason": "spam"})).expect(201);
    app.put("/me/follows/commitment/FR0041", Some(&me.token), &json!(null)).expect(200);
    RegistrationBuilder::to(&slug).create(&app, &me.token);
    // The forum is a meeting of the multi-stakeholder forum, and I agree to name my organisation.
    builders::stakeholder_meeting(&app, &admin.token, &slug);
    app.put(&format!("/forums/{slug}/organisation-consent"), Some(&me.token), &json!(null)).expect(200);
    QuestionBuilder::on("/commitments/FR0041").title("Où en est le jalon ?").create(&app, &me.token);
    let token =
        app.post("/me/tokens", Some(&me.token), &json!({"name": "Mon script", "scopes": ["read"]})).expect(201).json()
            ["token"]
            .as_str()
            .unwrap()
            .to_string();
    // A proposal of mine, and my support of someone else's (private).
    builders::plan_open_for_proposals(&app, &admin.token, "fr-2031-2033");
    builders::ProposalBuilder::new("fr-2031-2033", "Ma proposition de transparence").create(&app, &me.token);
    let supported = builders::ProposalBuilder::new("fr-2031-2033", "Leur proposition").create(&app, &other.token);
    app.post(&format!("/proposals/{}/supports", supported.id()), Some(&me.token), &json!(null)).expect(201);
    // Someone replies: a notification for me (a job makes it).
    CommentBuilder::on("/commitments/FR0041").reply_to(mine.id()).text("Je vous réponds").create(&app, &other.token);
    for _ in 0..200 {
        if app.count(&format!("notifications WHERE user_id = {}", me.id)) > 0 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }

    let copy = app.get_as("/me/data", &me.token).expect(200);
    assert_eq!(copy.header("content-disposition"), Some("attachment; filename=\"mes-donnees-opendetat.json\""));
    assert!(copy.header("cache-control").is_some_and(|c| c.contains("no-store")), "{:?}", copy.header("cache-control"));
    let data = copy.json();
    assert_eq!(data["account"]["email"], me.email.as_str());
    assert_eq!(data["comments"].as_array().unwrap().len(), 1, "{data}");
    assert_eq!(data["comments"][0]["body"], "Mon avis sur la transparence");
    assert_eq!(data["comments"][0]["subject"]["type"], "commitment");
    assert_eq!(
        data["reactions"],
        json!([{"comment_id": theirs.id(), "useful": true, "stance": "agree", "updated_at": data["reactions"][0]["updated_at"]}])
    );
    assert_eq!(data["reports"][0]["comment_id"], theirs.id());
    assert_eq!(data["reports"][0]["reason"], "spam");
    assert_eq!(data["follows"][0]["subject"]["type"], "commitment");
    assert_eq!(data["registrations"][0]["status"], "registered");
    assert_eq!(data["registrations"][0]["code"].as_str().map(str::len), Some(10));
    assert_eq!(data["questions"][0]["title"], "Où en est le jalon ?");
    assert_eq!(data["api_tokens"][0]["name"], "Mon script");
    assert_eq!(data["proposals"].as_array().map(Vec::len), Some(1), "{data}");
    assert_eq!(data["proposals"][0]["title"], "Ma proposition de transparence");
    assert_eq!(data["supports"][0]["proposal_id"], supported.id());
    assert_eq!(data["organisation_consents"].as_array().map(Vec::len), Some(1), "{data}");
    assert_eq!(data["api_tokens"][0]["prefix"], &token[..13]);
    // Their sessions: the harness's sign-in, as a device summary and an address family.
    assert_eq!(data["sessions"].as_array().map(Vec::len), Some(1), "{data}");
    assert_eq!(data["sessions"][0]["address_family"], "ipv4");
    assert!(data["sessions"][0]["ended_at"].is_null());
    let reasons: Vec<&str> =
        data["notifications"].as_array().unwrap().iter().filter_map(|n| n["reason"].as_str()).collect();
    // The person follows the commitment they were answered on: a reply, or news of what they
    // follow (one notification per event, whichever fan-out writes it first).
    assert!(!reasons.is_empty(), "{data}");
    assert!(reasons.iter().all(|r| ["reply", "new_comment"].contains(r)), "{reasons:?}");
    assert_eq!(data["notifications"][0]["subject"]["type"], "commitment");
    // No secret, and nothing of anyone else's: not their address, not their words.
    let text = &copy.text;
    assert!(!text.contains(&token[13..]), "the token's secret");
    assert!(!text.contains("$argon2"), "a password hash");
    assert!(!text.contains(&other.email), "someone else's address");
    assert!(!text.contains("Leur avis") && !text.contains("Je vous réponds"), "someone else's words");
    assert!(!text.contains("Leur proposition"), "someone else's proposal");

    // Sessions only: a token, whatever its scopes, is refused.
    app.get_as("/me/data", &token).expect_problem(403, "insufficient_scope");
    app.get("/me/data").expect_problem(401, "unauthorized");
}
