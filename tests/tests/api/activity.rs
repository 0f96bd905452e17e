//! Aggregates for overview pages: the site-wide feed of recent comments, and each action
//! plan's commitment count and milestone progress.

use std::collections::HashSet;

use opendetat_tests::*;

#[test]
fn recent_comments_feed_is_newest_first_public_only_and_names_targets() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let moderator = app.user("moderator");
    let milestone = app.get("/commitments/FR0041/milestones").expect(200).json()["items"][1]["id"].as_i64().unwrap();
    let say = |on: &str, text: &str| builders::comment(&app, &member.token, on, text).id();
    let on_forum = say("/forums/2027-01-espace-de-dialogue-en-ligne", "Sur le forum");
    let on_commitment = say("/commitments/FR0041", "Sur l'engagement");
    let on_milestone = say(&format!("/milestones/{milestone}"), "Sur le jalon");
    let hidden = say("/commitments/FR0041", "À masquer");
    let deleted = say("/commitments/FR0041", "À effacer");
    app.put(&format!("/comments/{hidden}/moderation"), Some(&moderator.token), &json!({"hidden": true})).expect(200);
    app.delete(&format!("/comments/{deleted}"), Some(&member.token)).expect(204);

    let first = app.get("/comments?limit=3").expect(200).json();
    let items = first["items"].as_array().unwrap();
    let ids: Vec<i64> = items.iter().map(|i| i["comment"]["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, vec![on_milestone, on_commitment, on_forum], "newest first, hidden and deleted left out");
    assert_eq!(items[0]["target_key"], milestone.to_string());
    assert!(items[0]["target_title"].as_str().unwrap().starts_with("12.2 — "));
    assert_eq!(items[1]["target_key"], "FR0041");
    assert_eq!(items[1]["target_title"], "FR0041 — Open Etat Forum");
    assert_eq!(items[2]["target_key"], "2027-01-espace-de-dialogue-en-ligne");
    assert_eq!(items[2]["comment"]["target"]["type"], "forum");

    let all = collect_pages(&app, "/comments?limit=4", None);
    let all_ids: HashSet<i64> = all.iter().map(|i| i["comment"]["id"].as_i64().unwrap()).collect();
    assert_eq!(all_ids.len(), all.len(), "no repeats");
    assert_eq!(all.len() as i64, app.count("comments WHERE deleted_at IS NULL AND hidden_at IS NULL"));
    assert!(!all_ids.contains(&hidden) && !all_ids.contains(&deleted));
}

#[test]
fn action_plans_carry_commitment_counts_and_milestone_progress() {
    let app = TestApp::spawn();
    let plans = app.get("/action-plans").expect(200).json();
    let by_slug = |slug: &str| plans["items"].as_array().unwrap().iter().find(|p| p["slug"] == slug).unwrap().clone();
    let recent = by_slug("fr-2018-2020");
    assert_eq!(recent["commitment_count"], 21);
    assert_eq!(recent["milestone_progress"]["total"], 4);
    assert_eq!(recent["milestone_progress"]["in_progress"], 2);
    assert_eq!(by_slug("fr-2015-2017")["commitment_count"], 29);
    assert_eq!(by_slug("fr-2015-2017")["milestone_progress"]["total"], 0);
    let admin = app.user("admin");
    let id = app.get("/commitments/FR0041/milestones").expect(200).json()["items"][0]["id"].as_i64().unwrap();
    ProgressBuilder::on(id).completed().note("Atteint.").create(&app, &admin.token);
    let one = app.get("/action-plans/fr-2018-2020").expect(200).json();
    assert_eq!(one["milestone_progress"]["completed"], 1);
    assert_eq!(one["milestone_progress"]["percent_complete"], 25);
}
