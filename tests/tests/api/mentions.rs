//! Mentions follow the text: an edit tells the people it newly mentions, once per comment;
//! nobody whose mention an edit removed, nobody twice.

use opendetat_tests::*;

use super::notifications::{fan_out_done, notifications};

#[test]
fn an_edit_tells_the_people_it_newly_mentions_once_and_nobody_else() {
    let app = TestApp::spawn();
    let author = UserBuilder::member().named("Olympe de Gouges").create(&app);
    let camille = UserBuilder::member().named("Camille Desmoulins").create(&app);
    let lucile = UserBuilder::member().named("Lucile Duplessis").create(&app);
    let manon = UserBuilder::member().named("Manon Roland").create(&app);
    let c = builders::comment(&app, &author.token, "/commitments/FR0041", "Qu'en pense @Manon Roland ?");
    assert_eq!(notifications(&app, &manon, 1)[0]["reason"], "mention");
    let edit = |body: &str| {
        app.patch(&format!("/comments/{}", c.id()), Some(&author.token), &json!({ "body": body })).expect(200);
        fan_out_done(&app);
    };

    // Camille is added: she hears of it, once; Manon, still named, hears nothing more.
    edit("Qu'en pensent @Manon Roland et @Camille Desmoulins ?");
    let heard = notifications(&app, &camille, 1);
    assert_eq!((heard[0]["reason"].as_str(), heard[0]["comment_id"].as_i64()), (Some("mention"), Some(c.id())));
    assert_eq!(heard[0]["actor"]["display_name"], "Olympe de Gouges");
    assert_eq!(notifications(&app, &manon, 1).len(), 1);

    // Camille is taken out and Lucile put in: Lucile hears, Camille hears nothing of it.
    edit("Qu'en pensent @Manon Roland et @Lucile Duplessis ?");
    assert_eq!(notifications(&app, &lucile, 1)[0]["reason"], "mention");
    assert_eq!(notifications(&app, &camille, 1).len(), 1);

    // Camille named again, and an edit that changes only words: nobody hears twice.
    edit("Qu'en pensent @Manon Roland, @Lucile Duplessis et @Camille Desmoulins ?");
    edit("Qu'en pensent vraiment @Manon Roland, @Lucile Duplessis et @Camille Desmoulins ?");
    for (who, n) in [(&manon, 1), (&camille, 1), (&lucile, 1)] {
        assert_eq!(notifications(&app, who, n).len(), n, "{}", who.email);
    }
    assert_eq!(app.count(&format!("notifications WHERE comment_id = {} AND reason = 'mention'", c.id())), 3);
    assert!(notifications(&app, &author, 0).is_empty(), "nobody hears of their own edit");

    // The person replied to, named in the reply, is told once, as a reply; naming them again
    // in an edit tells them nothing more.
    let reply = builders::reply(&app, &camille.token, "/commitments/FR0041", c.id(), "Merci @Olympe de Gouges.");
    fan_out_done(&app);
    assert_eq!(notifications(&app, &author, 1)[0]["reason"], "reply");
    app.patch(
        &format!("/comments/{}", reply.id()),
        Some(&camille.token),
        &json!({"body": "Merci @Olympe de Gouges, vraiment."}),
    )
    .expect(200);
    fan_out_done(&app);
    assert_eq!(notifications(&app, &author, 1).len(), 1);
}
