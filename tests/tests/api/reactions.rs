//! Reactions: one "useful" and one agree/disagree per member and comment, changeable and
//! removable; counts on the comment; threads sorted by usefulness on keyset pages.

use opendetat_tests::*;

#[test]
fn members_react_change_and_remove_and_threads_sort_by_usefulness() {
    let app = TestApp::spawn();
    let author = app.user("member");
    let ids: Vec<i64> = (1..=3)
        .map(|i| {
            builders::comment(&app, &author.token, "/commitments/FR0041", &format!("Avis {i}"))["id"].as_i64().unwrap()
        })
        .collect();
    let (c1, c2, c3) = (ids[0], ids[1], ids[2]);
    let (a, b, d) = (app.user("member"), app.user("member"), app.user("member"));
    let react = |who: &TestUser, c: i64, body: Value| {
        app.put(&format!("/comments/{c}/reaction"), Some(&who.token), &body).expect(200).json()
    };
    let r = react(&a, c2, json!({"useful": true, "stance": "agree"}));
    assert_eq!(r["reactions"], json!({"useful": 1, "agree": 1, "disagree": 0}));
    react(&b, c2, json!({"useful": true, "stance": null}));
    react(&b, c3, json!({"useful": true, "stance": null}));
    // Changing one's mind replaces, never adds.
    let r = react(&b, c2, json!({"useful": true, "stance": "disagree"}));
    assert_eq!(r["reactions"], json!({"useful": 2, "agree": 1, "disagree": 1}));
    let r = app.delete(&format!("/comments/{c2}/reaction"), Some(&a.token)).expect(200).json();
    assert_eq!(r["reactions"], json!({"useful": 1, "agree": 0, "disagree": 1}));
    react(&d, c2, json!({"useful": true, "stance": null}));
    // Useful false and no stance is no reaction.
    let r = react(&d, c1, json!({"useful": false, "stance": null}));
    assert!(r["mine"].is_null());

    // Most useful first (ties: newest first), on keyset pages that meet each thread once.
    let mine = |items: &[Value]| -> Vec<i64> {
        items.iter().map(|c| c["id"].as_i64().unwrap()).filter(|id| ids.contains(id)).collect()
    };
    let listed = app.get("/commitments/FR0041/comments?sort=useful").expect(200).json();
    assert_eq!(mine(listed["items"].as_array().unwrap()), [c2, c3, c1]);
    let paged = collect_pages(&app, "/commitments/FR0041/comments?sort=useful&limit=1", None);
    assert_eq!(mine(&paged), [c2, c3, c1]);
    let all = app.get("/commitments/FR0041/comments").expect(200).json()["items"].as_array().unwrap().len();
    assert_eq!(paged.len(), all, "every thread once");
    // A signed-in reader sees their own reactions.
    let as_b = app.get_as("/commitments/FR0041/comments?sort=useful", &b.token).expect(200).json();
    let c2_for_b = as_b["items"].as_array().unwrap().iter().find(|c| c["id"] == c2).unwrap().clone();
    assert_eq!(c2_for_b["my_reaction"], json!({"useful": true, "stance": "disagree"}));
    assert!(listed["items"][0].get("my_reaction").is_none(), "anonymous readers have none");
    // A cursor of one order is refused by the other.
    let page1 = app.get("/commitments/FR0041/comments?sort=useful&limit=1").expect(200).json();
    let cursor = page1["next_cursor"].as_str().unwrap();
    app.get(&format!("/commitments/FR0041/comments?limit=1&cursor={cursor}")).expect_problem(400, "invalid_cursor");

    // Bad input.
    app.put(&format!("/comments/{c1}/reaction"), Some(&a.token), &json!({"useful": true, "stance": "maybe"}))
        .expect_problem(422, "unprocessable_body");
    app.delete(&format!("/comments/{c1}"), Some(&author.token)).expect(204);
    app.put(&format!("/comments/{c1}/reaction"), Some(&a.token), &json!({"useful": true, "stance": null}))
        .expect_problem(409, "comment_unavailable");
    app.put("/comments/999999/reaction", Some(&a.token), &json!({"useful": true, "stance": null}))
        .expect_problem(404, "not_found");
}
