//! Proposals for the next plan: made online during an open phase or entered from a forum by its
//! organisers; supported once per member, exactly, under real concurrency; merged with their
//! supports; answered by the coordinating institution in drafts published together, which their
//! authors and followers hear of; counted in a public summary; searchable and in the change feed.

use opendetat_tests::builders::*;
use opendetat_tests::*;

use crate::notifications::notifications;

#[test]
fn members_propose_while_a_phase_accepting_proposals_is_open() {
    let app = TestApp::spawn_empty();
    let admin = app.user("admin");
    plan_open_for_proposals(&app, &admin.token, "fr-2027-2029");
    let member = app.user("member");
    let commitment = CommitmentBuilder::new("FR0099").plan("fr-2027-2029").create(&app, &admin.token);
    let made = ProposalBuilder::new("fr-2027-2029", "Publier les avis des instances consultatives")
        .with("commitment", "fr0099")
        .with("possible_lead", "Secrétariat général du Gouvernement")
        .create(&app, &member.token);
    assert_eq!(made["origin"], "online");
    assert_eq!(made["author"]["id"], member.id);
    assert_eq!(made["forum"], Value::Null);
    assert_eq!(made["commitment"]["id"], commitment.id());
    assert_eq!(made["response"]["state"], "received");
    assert_eq!(made["support_count"], 0);
    assert_eq!(made["supported"], false);
    assert_eq!(made["draft_response"], Value::Null);
    assert!(made["problem_html"].as_str().unwrap().starts_with("<p>"));
    let public = app.get(&format!("/proposals/{}", made.id())).expect(200).json();
    assert_eq!(public["supported"], Value::Null, "nobody is signed in");

    // Refusals: fields, references, who, and when.
    let invalid = ProposalBuilder::new("fr-2027-2029", "x").with("solution", " ").send(&app, &member.token);
    let invalid = invalid.expect_problem(422, "validation_failed");
    let fields: Vec<&str> =
        invalid["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["solution", "title"]);
    ProposalBuilder::new("fr-2027-2029", "Une idée")
        .with("commitment", "FR9999")
        .send(&app, &member.token)
        .expect_problem(409, "unknown_reference");
    ProposalBuilder::new("fr-2027-2029", "Une idée")
        .send(&app, &app.unverified_user().token)
        .expect_problem(403, "email_not_verified");
    app.post("/action-plans/fr-2027-2029/proposals", None, &ProposalBuilder::new("p", "Une idée").body()).expect(401);
    ActionPlanBuilder::new("fr-2029-2031").with("status", "in_preparation").create(&app, &admin.token);
    PhaseBuilder::call_for_proposals(&app, "fr-2029-2031", 20).create(&app, &admin.token);
    app.post("/action-plans/fr-2029-2031/timeline/publication", Some(&admin.token), &json!({})).expect(200);
    ProposalBuilder::new("fr-2029-2031", "Trop tôt").send(&app, &member.token).expect_problem(409, "no_open_phase");
    assert_eq!(app.count("proposals"), 1, "nothing refused was stored");

    // Discussable, searchable, in the change feed.
    let comment = app
        .post(
            &format!("/proposals/{}/comments", made.id()),
            Some(&member.token),
            &json!({"body": "Précision : sous un mois."}),
        )
        .expect(201)
        .json();
    assert_eq!(comment["target"]["type"], "proposal", "{comment}");
    let found = app.get("/search?q=instances%20consultatives&kind=proposal").expect(200).json();
    assert_eq!(found["items"][0]["id"], made.id(), "{found}");
    let changes = app.get("/changes?types=proposal").expect(200).json();
    assert_eq!(changes["items"][0]["type"], "proposal", "{changes}");
    assert_eq!(changes["items"][0]["change"], "created");
    assert_eq!(changes["items"][0]["key"], made.id().to_string());
}

#[test]
fn organisers_enter_the_proposals_their_forum_collected() {
    let app = TestApp::spawn_empty();
    let admin = app.user("admin");
    plan_open_for_proposals(&app, &admin.token, "fr-2027-2029");
    let forum = ForumBuilder::new("Forum sur la transparence").create(&app, &admin.token);
    let path = format!("/forums/{}/proposals", forum.slug());
    let body = ProposalBuilder::new("p", "Ouvrir les données des marchés publics")
        .with("action_plan", "fr-2027-2029")
        .with("spoken_by", "Association Regards Citoyens")
        .body();
    let stranger = app.user("official");
    app.post(&path, Some(&stranger.token), &body).expect_problem(403, "not_an_organiser");
    app.post(&path, Some(&app.user("member").token), &body).expect(403);
    app.post(&path, None, &body).expect(401);
    let mut unknown = body.clone();
    unknown["action_plan"] = json!("nope");
    app.post(&path, Some(&admin.token), &unknown).expect_problem(409, "unknown_reference");

    let entered = app.post(&path, Some(&admin.token), &body).expect(201).json();
    assert_eq!(entered["origin"], "forum");
    assert_eq!(entered["forum"]["slug"], forum.slug());
    assert_eq!(entered["spoken_by"], "Association Regards Citoyens");
    assert_eq!(entered["author"], Value::Null);
    let summary = app.get("/action-plans/fr-2027-2029/proposals/summary").expect(200).json();
    assert_eq!(summary["counts"]["forum"], 1);
    assert_eq!(summary["counts"]["online"], 0);
    let listed = app.get("/action-plans/fr-2027-2029/proposals?origin=forum").expect(200).json();
    assert_eq!(listed["items"][0]["id"], entered.id());
    assert_eq!(app.get("/action-plans/fr-2027-2029/proposals?origin=online").expect(200).json()["items"], json!([]));
}

#[test]
fn two_hundred_members_supporting_at_once_make_exactly_two_hundred() {
    let app = TestApp::spawn_empty();
    let admin = app.user("admin");
    plan_open_for_proposals(&app, &admin.token, "fr-2027-2029");
    let members = crowd(&app, 200);
    let proposal =
        ProposalBuilder::new("fr-2027-2029", "Un registre des lobbies complet").create(&app, &members[0].token);
    let path = format!("/proposals/{}/supports", proposal.id());
    let statuses = at_once(200, |i| app.post(&path, Some(&members[i].token), &json!(null)).status);
    assert!(statuses.iter().all(|s| *s == 201), "{statuses:?}");
    let read = app.get_as(&format!("/proposals/{}", proposal.id()), &members[7].token).expect(200).json();
    assert_eq!(read["support_count"], 200);
    assert_eq!(read["supported"], true);
    assert_eq!(app.count(&format!("proposal_supports WHERE proposal_id = {}", proposal.id())), 200);

    // Once each; withdrawn once; who supports what stays out of the public change feed.
    app.post(&path, Some(&members[3].token), &json!(null)).expect_problem(409, "already_supported");
    let withdrawn = app.delete(&format!("{path}/me"), Some(&members[3].token)).expect(200).json();
    assert_eq!(withdrawn["support_count"], 199);
    app.delete(&format!("{path}/me"), Some(&members[3].token)).expect(404);
    app.post(&path, None, &json!(null)).expect(401);
    let feed = app.get("/changes?types=proposal&limit=100").expect(200).json();
    assert_eq!(feed["items"].as_array().unwrap().len(), 1, "only its creation: {feed}");
}

#[test]
fn a_duplicate_merged_carries_its_supports_over_each_member_once() {
    let app = TestApp::spawn_empty();
    let admin = app.user("admin");
    plan_open_for_proposals(&app, &admin.token, "fr-2027-2029");
    let [author, a, b, c] = [0, 1, 2, 3].map(|_| app.user("member"));
    let duplicate = ProposalBuilder::new("fr-2027-2029", "Open data des subventions").create(&app, &author.token);
    let kept = ProposalBuilder::new("fr-2027-2029", "Publier les subventions aux associations").create(&app, &c.token);
    for (who, p) in [(&a, &duplicate), (&b, &duplicate), (&b, &kept), (&c, &kept)] {
        app.post(&format!("/proposals/{}/supports", p.id()), Some(&who.token), &json!(null)).expect(201);
    }
    let merge = json!({"into": kept.id(), "reason": "Les deux propositions demandent la même publication."});
    app.post(&format!("/proposals/{}/merge", duplicate.id()), Some(&author.token), &merge).expect(403);
    app.post(
        &format!("/proposals/{}/merge", duplicate.id()),
        Some(&admin.token),
        &json!({"into": duplicate.id(), "reason": "x"}),
    )
    .expect_problem(409, "unknown_reference");
    let merged =
        app.post(&format!("/proposals/{}/merge", duplicate.id()), Some(&admin.token), &merge).expect(200).json();
    assert_eq!(merged["response"]["state"], "merged");
    assert_eq!(merged["merged_into"]["id"], kept.id());
    assert_eq!(merged["support_count"], 0);
    let kept = app.get(&format!("/proposals/{}", kept.id())).expect(200).json();
    assert_eq!(kept["merged_from"][0]["id"], duplicate.id());
    assert_eq!(kept["support_count"], 3, "a, b and c: b once");
    app.post(&format!("/proposals/{}/supports", duplicate.id()), Some(&c.token), &json!(null))
        .expect_problem(409, "proposal_merged");
    app.post(&format!("/proposals/{}/merge", duplicate.id()), Some(&admin.token), &merge)
        .expect_problem(409, "proposal_merged");
    assert_eq!(notifications(&app, &author, 1)[0]["reason"], "proposal_merged");
}

#[test]
fn responses_are_drafted_then_published_together_and_their_authors_hear_of_them() {
    let app = TestApp::spawn_empty();
    let admin = app.user("admin");
    let (_, institution) = plan_open_for_proposals(&app, &admin.token, "fr-2027-2029");
    let official = UserBuilder::official_of(&institution).create(&app);
    let other = InstitutionBuilder::new("Autre ministère").create(&app, &admin.token);
    let outsider = UserBuilder::official_of(other.slug().as_str()).create(&app);
    let author = app.user("member");
    let follower = app.user("member");
    let first = ProposalBuilder::new("fr-2027-2029", "Un budget participatif national").create(&app, &author.token);
    let second = ProposalBuilder::new("fr-2027-2029", "Des données ouvertes sur l'eau").create(&app, &author.token);
    app.put(&format!("/me/follows/proposal/{}", first.id()), Some(&follower.token), &json!(null)).expect(200);
    let draft_path = |p: &Value| format!("/proposals/{}/draft-response", p.id());

    // A state past review says why; merging has its own route; only the coordinating
    // institution (and admins) answer.
    let missing = app.put(&draft_path(&first), Some(&official.token), &json!({"state": "retained"}));
    assert_eq!(missing.expect_problem(422, "validation_failed")["errors"][0]["code"], "required");
    app.put(&draft_path(&first), Some(&official.token), &json!({"state": "merged", "reason": "x"}))
        .expect_problem(422, "validation_failed");
    let retained = json!({"state": "retained", "reason": "Devient l'engagement 3 du plan."});
    app.put(&draft_path(&first), Some(&outsider.token), &retained).expect_problem(403, "not_coordinating_institution");
    app.put(&draft_path(&first), Some(&author.token), &retained).expect(403);
    app.put(&draft_path(&first), None, &retained).expect(401);
    let drafted = app.put(&draft_path(&first), Some(&official.token), &retained).expect(200).json();
    assert_eq!(drafted["draft_response"]["state"], "retained");
    assert_eq!(drafted["response"]["state"], "received", "nothing public yet");
    app.put(
        &draft_path(&second),
        Some(&official.token),
        &json!({"state": "not_retained", "reason": "Hors du champ du plan."}),
    )
    .expect(200);

    // Until publication, the public (and the author) see no draft.
    let seen = app.get_as(&format!("/proposals/{}", first.id()), &author.token).expect(200).json();
    assert_eq!(seen["draft_response"], Value::Null);
    assert_eq!(seen["response"]["state"], "received");
    let summary = app.get_as("/action-plans/fr-2027-2029/proposals/summary", &official.token).expect(200).json();
    assert_eq!(summary["drafts_waiting"], 2);
    assert_eq!(summary["can_respond"], true);
    assert_eq!(
        app.get("/action-plans/fr-2027-2029/proposals/summary").expect(200).json()["drafts_waiting"],
        Value::Null
    );

    app.post("/action-plans/fr-2027-2029/responses/publication", Some(&outsider.token), &json!(null))
        .expect_problem(403, "not_coordinating_institution");
    let published = app
        .post("/action-plans/fr-2027-2029/responses/publication", Some(&official.token), &json!(null))
        .expect(200)
        .json();
    assert_eq!(published["published"], 2);
    let first = app.get(&format!("/proposals/{}", first.id())).expect(200).json();
    assert_eq!(first["response"]["state"], "retained");
    assert_eq!(first["response"]["reason_html"], "<p>Devient l'engagement 3 du plan.</p>\n");
    let summary = app.get("/action-plans/fr-2027-2029/proposals/summary").expect(200).json();
    assert_eq!(summary["counts"]["retained"], 1);
    assert_eq!(summary["counts"]["not_retained"], 1);
    assert_eq!(summary["counts"]["total"], 2);
    let listed = app.get("/action-plans/fr-2027-2029/proposals?state=retained").expect(200).json();
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);

    // Each answered proposal is told to its author; the follower hears of the one they follow.
    let heard = notifications(&app, &author, 2);
    assert!(heard.iter().all(|n| n["reason"] == "proposal_answered"), "{heard:?}");
    assert_eq!(notifications(&app, &follower, 1)[0]["subject"]["path"], format!("/propositions/{}", first.id()));
    app.post("/action-plans/fr-2027-2029/responses/publication", Some(&official.token), &json!(null))
        .expect_problem(409, "nothing_to_publish");
}

#[test]
fn a_retained_proposal_traces_to_the_commitment_it_became_and_its_progress_and_back() {
    let app = TestApp::spawn_empty();
    let admin = app.user("admin");
    let (_, institution) = plan_open_for_proposals(&app, &admin.token, "fr-2027-2029");
    let official = UserBuilder::official_of(&institution).create(&app);
    let outsider = app.user("official");
    let author = app.user("member");
    let proposal =
        ProposalBuilder::new("fr-2027-2029", "Un registre des algorithmes publics").create(&app, &author.token);
    CommitmentBuilder::new("FR0100").plan("fr-2027-2029").create(&app, &admin.token);
    let milestone = MilestoneBuilder::on("FR0100", "1.1").create(&app, &admin.token);
    let link = format!("/proposals/{}/commitments/FR0100", proposal.id());

    // Only a retained proposal becomes a commitment, and only its answerers say so.
    app.put(&link, Some(&official.token), &json!(null)).expect_problem(409, "not_retained");
    app.put(
        &format!("/proposals/{}/draft-response", proposal.id()),
        Some(&official.token),
        &json!({"state": "retained", "reason": "Devient FR0100."}),
    )
    .expect(200);
    app.put(&link, Some(&outsider.token), &json!(null)).expect_problem(403, "not_coordinating_institution");
    app.put(&format!("/proposals/{}/commitments/FR9999", proposal.id()), Some(&official.token), &json!(null))
        .expect(404);
    let linked = app.put(&link, Some(&official.token), &json!(null)).expect(200).json();
    assert_eq!(linked["became"][0]["code"], "FR0100");
    assert_eq!(linked["became_progress"][0]["completion"]["level"], "not_started");
    assert_eq!(linked["became_progress"][0]["latest_update"], Value::Null);
    app.put(&link, Some(&official.token), &json!(null)).expect(200);
    assert_eq!(app.count("events WHERE type = 'proposal.commitment_linked'"), 1, "linking again changes nothing");

    // The commitment's progress shows on the proposal; the commitment names its origin.
    ProgressBuilder::on(milestone.id())
        .completed()
        .note("Registre publié sur data.gouv.fr.")
        .create(&app, &admin.token);
    let traced = app.get(&format!("/proposals/{}", proposal.id())).expect(200).json();
    assert_eq!(traced["became_progress"][0]["completion"]["level"], "complete");
    assert_eq!(traced["became_progress"][0]["latest_update"]["note"], "Registre publié sur data.gouv.fr.");
    let commitment = app.get("/commitments/FR0100").expect(200).json();
    assert_eq!(
        commitment["from_proposals"],
        json!([{"id": proposal.id(), "title": "Un registre des algorithmes publics"}])
    );
    let listed = app.get("/action-plans/fr-2027-2029/proposals").expect(200).json();
    assert_eq!(listed["items"][0]["became"][0]["code"], "FR0100");
    assert_eq!(listed["items"][0]["became_progress"], Value::Null, "lists leave progress out");

    // Both records changed in the feed.
    let feed = app.get("/changes?types=commitment,proposal").expect(200).json();
    let last: Vec<(String, String)> = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .take(3)
        .map(|e| (e["type"].as_str().unwrap().to_string(), e["key"].as_str().unwrap().to_string()))
        .collect();
    assert!(last.contains(&("commitment".into(), "FR0100".into())), "{feed}");
    assert!(last.contains(&("proposal".into(), proposal.id().to_string())), "{feed}");

    // Undone, both forget.
    let unlinked = app.delete(&link, Some(&official.token)).expect(200).json();
    assert_eq!(unlinked["became"], json!([]));
    assert_eq!(app.get("/commitments/FR0100").expect(200).json()["from_proposals"], json!([]));
    app.delete(&link, Some(&official.token)).expect(404);
}
