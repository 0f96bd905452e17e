//! The server starts, answers its probes, and serves the seeded French commitments.

use opendetat_tests::*;

#[test]
fn serves_probes_and_the_seeded_commitments() {
    let app = TestApp::spawn();
    app.get("/healthz").expect(200);
    let ready = app.get("/readyz").expect(200);
    assert!(ready.header("x-request-id").is_some());
    let body = app.get("/commitments/FR0041").expect(200).json();
    assert_eq!(body["title"], "Open Etat Forum");
    assert_eq!(body["milestones"].as_array().unwrap().len(), 4);
}
