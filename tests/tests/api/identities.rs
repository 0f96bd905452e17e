//! Signing in with ProConnect and FranceConnect (issue 24, point 1), against a real OpenID
//! Connect provider running locally (`tests/oidc/provider.py`): a new person, an account proved
//! before it is linked, officials and their institution, sign-out at the provider, the strong
//! `acr` that stands for a second factor, and every way the flow can fail — each a redirection
//! to the web app's page that says why, never a 500.

use opendetat_tests::oidc::{url_encode, Browser, Provider};
use opendetat_tests::TestApp;
use serde_json::json;

fn app_with(provider: &Provider, extra: &[(&str, &str)]) -> TestApp {
    let env = provider.env();
    let mut pairs: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    pairs.extend_from_slice(extra);
    TestApp::spawn_with(false, &pairs)
}

#[test]
fn a_new_official_signs_in_with_proconnect_and_an_admin_confirms_their_institution() {
    let provider = Provider::start();
    let app = app_with(&provider, &[]);
    // Only configured providers are offered.
    let offered = app.get("/auth/providers").expect(200).json();
    assert_eq!(
        offered,
        json!([{"id": "proconnect", "name": "ProConnect"}, {"id": "franceconnect", "name": "FranceConnect"}])
    );
    app.sql("INSERT INTO institutions (slug, name, kind, siren) VALUES ('dinum-test', 'DINUM (test)', 'agency', '130025265')");
    provider.person(
        "agent-1",
        json!({"email": "camille.agent@dinum.gouv.fr", "given_name": "Camille", "usual_name": "Agent", "siret": "13002526500013", "uid": "u-1"}),
    );
    let mut browser = Browser::new(&app);
    let authorize = browser.start("proconnect", "/forums?theme=1");
    assert!(authorize.starts_with(&format!("{}/oauth2/authorize?", provider.issuer())), "{authorize}");
    for part in [
        "code_challenge_method=S256",
        "code_challenge=",
        "state=",
        "nonce=",
        "response_type=code",
        "client_id=opendetat-proconnect",
    ] {
        assert!(authorize.contains(part), "{part} in {authorize}");
    }
    assert!(browser.cookies.contains_key("od_oidc"), "the flow is kept in its cookie");
    let callback = browser.sign_in_at_provider(&authorize, "agent-1");
    let landing = browser.come_back(&callback);
    assert_eq!(landing, format!("/connexion/fournisseur?suite={}", url_encode("/forums?theme=1")));
    assert!(!browser.cookies.contains_key("od_oidc"), "a flow is finished once");
    assert!(browser.cookies.contains_key("od_session"), "signed in, in the web app's cookie");

    // A new account, its address confirmed by the provider, named as the provider says.
    let me = browser.send("GET", "/me", None).expect(200).json();
    assert_eq!(me["email"], "camille.agent@dinum.gouv.fr");
    assert_eq!(me["display_name"], "Camille Agent");
    assert_eq!(me["role"], "member", "not an official until an admin confirms");
    let methods = browser.send("GET", "/me/identities", None).expect(200).json();
    assert_eq!(methods["password"], false);
    assert_eq!(methods["identities"][0]["provider"], "proconnect");
    assert_eq!(methods["identities"][0]["email"], "camille.agent@dinum.gouv.fr");
    // Its only way in: not unlinked.
    let identity = methods["identities"][0]["id"].as_i64().unwrap();
    browser.send("DELETE", &format!("/me/identities/{identity}"), None).expect_problem(409, "last_sign_in_method");

    // The admin sees the claim (the SIRET's SIREN is the institution's) and confirms it.
    let admin = app.user("admin");
    let claims = app.get_as("/admin/institution-claims", &admin.token).expect(200).json();
    assert_eq!(claims.as_array().unwrap().len(), 1, "{claims}");
    assert_eq!(claims[0]["siret"], "13002526500013");
    assert_eq!(claims[0]["institution"]["slug"], "dinum-test");
    let user_id = claims[0]["user_id"].as_i64().unwrap();
    let institution = claims[0]["institution"]["id"].as_i64().unwrap();
    app.patch(
        &format!("/admin/users/{user_id}"),
        Some(&admin.token),
        &json!({"role": "official", "institution_id": institution}),
    )
    .expect(200);
    assert_eq!(app.get_as("/admin/institution-claims", &admin.token).expect(200).json(), json!([]));
    let me = browser.send("GET", "/me", None).expect(200).json();
    assert_eq!(me["role"], "official");

    // The next sign-in is the same account.
    let mut again = Browser::new(&app);
    again.sign_in("proconnect", "agent-1", "/");
    assert_eq!(again.send("GET", "/me", None).expect(200).json()["id"], user_id);
    assert_eq!(app.count("users WHERE lower(email) = 'camille.agent@dinum.gouv.fr'"), 1);
    // The sessions list says where it came from; the session is a session like any other.
    let sessions = again.send("GET", "/me/sessions", None).expect(200).json();
    assert_eq!(sessions["items"].as_array().unwrap().len(), 2, "{sessions}");
    assert!(sessions["items"].as_array().unwrap().iter().all(|s| s["provider"] == "proconnect"), "{sessions}");

    // The provider rotates its key: the keys the server kept fail, fresh ones are fetched.
    let kid = |issuer: String| {
        ureq::get(&format!("{issuer}/jwks")).call().unwrap().into_json::<serde_json::Value>().unwrap()["keys"][0]["kid"]
            .clone()
    };
    let before = kid(provider.issuer());
    provider.rotate_key();
    assert_ne!(kid(provider.issuer()), before);
    let mut rotated = Browser::new(&app);
    assert!(
        rotated.sign_in("proconnect", "agent-1", "/").starts_with("/connexion/fournisseur"),
        "signed in after a rotation"
    );

    // Sign-out ends the provider's session too: the address carries the ID token as a hint.
    let out = again.send("POST", "/auth/logout", None).expect(200).json();
    let end = out["end_session_url"].as_str().unwrap();
    assert!(end.starts_with(&format!("{}/oauth2/end_session?", provider.issuer())), "{end}");
    assert!(end.contains("id_token_hint=") && end.contains("post_logout_redirect_uri="), "{end}");
    assert_eq!(ureq::get(end).call().unwrap().status(), 200, "the provider takes the request");
    again.send("GET", "/me", None).expect(401);
    assert_eq!(
        app.count("sessions WHERE id_token IS NOT NULL AND ended_at IS NOT NULL"),
        0,
        "the ID token is forgotten"
    );

    // An admin may decline instead: another official, another claim.
    provider.person("agent-2", json!({"email": "dominique@dinum.gouv.fr", "siret": "13002526500021"}));
    Browser::new(&app).sign_in("proconnect", "agent-2", "/");
    let claims = app.get_as("/admin/institution-claims", &admin.token).expect(200).json();
    let other = claims[0]["user_id"].as_i64().unwrap();
    app.delete(&format!("/admin/users/{other}/institution-claim"), Some(&admin.token)).expect(204);
    app.delete(&format!("/admin/users/{other}/institution-claim"), Some(&admin.token)).expect_problem(404, "not_found");
    Browser::new(&app).sign_in("proconnect", "agent-2", "/");
    assert_eq!(
        app.get_as("/admin/institution-claims", &admin.token).expect(200).json(),
        json!([]),
        "declined stays declined"
    );
}

#[test]
fn with_trust_set_a_proconnect_official_is_linked_to_their_institution_at_once() {
    let provider = Provider::start();
    let app = app_with(&provider, &[("PROCONNECT_TRUST_INSTITUTIONS", "true")]);
    app.sql("INSERT INTO institutions (slug, name, kind, siren) VALUES ('dinum-test', 'DINUM (test)', 'agency', '130025265')");
    provider.person("agent-9", json!({"email": "agent9@dinum.gouv.fr", "siret": "13002526500013"}));
    let mut browser = Browser::new(&app);
    browser.sign_in("proconnect", "agent-9", "/");
    let me = browser.send("GET", "/me", None).expect(200).json();
    assert_eq!(me["role"], "official");
    assert_eq!(app.count("users u JOIN institutions i ON i.id = u.institution_id WHERE i.slug = 'dinum-test'"), 1);
}

#[test]
fn an_account_with_the_providers_email_is_linked_only_once_its_owner_proves_it() {
    let provider = Provider::start();
    let app = app_with(&provider, &[]);
    let owner = app.user("member");
    provider.person("citizen-1", json!({"email": owner.email, "given_name": "Someone", "family_name": "Else"}));
    let mut browser = Browser::new(&app);
    let landing = browser.sign_in("franceconnect", "citizen-1", "/forums");
    assert_eq!(landing, format!("/connexion/lier?suite={}", url_encode("/forums")));
    assert!(!browser.cookies.contains_key("od_session"), "not signed in before the proof");
    let pending = browser.send("GET", "/auth/oidc/pending", None).expect(200).json();
    assert_eq!(pending, json!({"provider": "franceconnect", "email": owner.email}));
    assert_eq!(app.count(&format!("identities WHERE user_id = {}", owner.id)), 0, "never linked silently");

    browser
        .send("POST", "/auth/oidc/pending", Some(&json!({"password": "not-the-password"})))
        .expect_problem(403, "wrong_password");
    let session =
        browser.send("POST", "/auth/oidc/pending", Some(&json!({"password": owner.password}))).expect(200).json();
    assert_eq!(session["user"]["id"], owner.id);
    assert!(session.get("access_token").is_none(), "the session is in the cookie");
    assert_eq!(browser.send("GET", "/me", None).expect(200).json()["id"], owner.id);
    browser.send("GET", "/auth/oidc/pending", None).expect_problem(404, "not_found");

    // From then on FranceConnect signs the account in directly.
    let mut later = Browser::new(&app);
    assert_eq!(later.sign_in("franceconnect", "citizen-1", "/"), "/connexion/fournisseur?suite=%2F");
    assert_eq!(later.send("GET", "/me", None).expect(200).json()["id"], owner.id);
    // It has a password too: the identity can be unlinked, and then no longer signs in.
    let methods = app.get_as("/me/identities", &owner.token).expect(200).json();
    assert_eq!(methods["password"], true);
    let identity = methods["identities"][0]["id"].as_i64().unwrap();
    app.delete(&format!("/me/identities/{identity}"), None).expect(401);
    let stranger = app.user("member");
    app.delete(&format!("/me/identities/{identity}"), Some(&stranger.token)).expect_problem(404, "not_found");
    app.delete(&format!("/me/identities/{identity}"), Some(&owner.token)).expect(204);
    let mut after = Browser::new(&app);
    assert!(after.sign_in("franceconnect", "citizen-1", "/").starts_with("/connexion/lier"), "asked to prove it again");

    // An account signed up with the address and never confirmed is the address owner's.
    let email = opendetat_tests::unique_email("squatted");
    app.post(
        "/auth/register",
        None,
        &json!({"email": email, "password": "someone-elses-password", "display_name": "Squatter"}),
    )
    .expect(202);
    provider.person("citizen-2", json!({"email": email}));
    let mut owner_of_address = Browser::new(&app);
    assert!(owner_of_address.sign_in("franceconnect", "citizen-2", "/").starts_with("/connexion/fournisseur"));
    app.post("/auth/login", None, &json!({"email": email, "password": "someone-elses-password"})).expect(401);
}

#[test]
fn every_failure_of_the_flow_lands_on_a_page_that_says_why() {
    let provider = Provider::start();
    let app = app_with(&provider, &[]);
    provider.person("citizen-3", json!({"email": "citizen3@example.fr"}));
    let failure = |why: &str, provider_id: &str| format!("/connexion/echec?raison={why}&fournisseur={provider_id}");

    // No flow began in this browser, or another state.
    let mut browser = Browser::new(&app);
    let authorize = browser.start("franceconnect", "/");
    let callback = browser.sign_in_at_provider(&authorize, "citizen-3");
    let mut elsewhere = Browser::new(&app);
    assert_eq!(elsewhere.come_back(&callback), failure("state", "franceconnect"));
    let tampered = callback.replace("state=", "state=x");
    assert_eq!(browser.clone_cookies().come_back(&tampered), failure("state", "franceconnect"));
    // The code used once works; used again (the same flow replayed), the provider refuses it.
    let kept = browser.cookies.clone();
    assert!(browser.come_back(&callback).starts_with("/connexion/fournisseur"));
    let mut replay = Browser::new(&app);
    replay.cookies = kept;
    assert_eq!(replay.come_back(&callback), failure("code", "franceconnect"));

    // Cancelled at the provider.
    let mut cancelled = Browser::new(&app);
    let authorize = cancelled.start("franceconnect", "/");
    let state = authorize.split("state=").nth(1).unwrap().split('&').next().unwrap().to_string();
    let mut kept = cancelled.clone_cookies();
    assert_eq!(
        cancelled.come_back(&format!("/auth/oidc/franceconnect/callback?error=access_denied&state={state}")),
        failure("denied", "franceconnect")
    );
    // Some providers leave `state` out of a refusal: with this browser's flow under way, it is
    // still a cancellation; without one, a stray answer.
    assert_eq!(
        kept.come_back("/auth/oidc/franceconnect/callback?error=access_denied"),
        failure("denied", "franceconnect")
    );
    assert_eq!(
        Browser::new(&app).come_back("/auth/oidc/franceconnect/callback?error=access_denied"),
        failure("state", "franceconnect")
    );

    // An ID token for another nonce than the flow's (a replayed or injected token).
    let mut wrong_nonce = Browser::new(&app);
    let authorize = wrong_nonce.start("franceconnect", "/");
    let nonce = authorize.split("nonce=").nth(1).unwrap().split('&').next().unwrap().to_string();
    let injected = authorize.replace(&format!("nonce={nonce}"), "nonce=another-nonce");
    let callback = wrong_nonce.sign_in_at_provider(&injected, "citizen-3");
    assert_eq!(wrong_nonce.come_back(&callback), failure("token", "franceconnect"));

    // Somewhere else than the web app to go back to is ignored.
    let mut sly = Browser::new(&app);
    assert_eq!(sly.sign_in("franceconnect", "citizen-3", "//evil.example/"), "/connexion/fournisseur?suite=%2F");

    // An unknown provider is a 404 problem.
    app.get("/auth/oidc/nowhere/start").expect_problem(404, "not_found");
    app.get("/auth/oidc/nowhere/callback?code=x&state=y").expect_problem(404, "not_found");
    assert_eq!(app.count("users WHERE lower(email) = 'citizen3@example.fr'"), 1);
}

#[test]
fn an_expired_id_token_and_a_provider_that_is_down_are_refused_with_a_page_not_a_500() {
    let expired = Provider::start_with(&["--expired-id-tokens"]);
    let app = {
        let env = expired.env();
        let mut pairs: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        // FranceConnect at an address where nothing answers.
        pairs.retain(|(k, _)| !k.starts_with("FRANCECONNECT"));
        pairs.extend_from_slice(&[
            ("FRANCECONNECT_ISSUER", "http://127.0.0.1:9"),
            ("FRANCECONNECT_CLIENT_ID", "opendetat"),
            ("FRANCECONNECT_CLIENT_SECRET", "a-client-secret"),
        ]);
        TestApp::spawn_with(false, &pairs)
    };
    expired.person("agent-3", json!({"email": "agent3@example.gouv.fr"}));
    let mut browser = Browser::new(&app);
    assert_eq!(browser.sign_in("proconnect", "agent-3", "/"), "/connexion/echec?raison=token&fournisseur=proconnect");
    assert_eq!(app.count("users WHERE lower(email) = 'agent3@example.gouv.fr'"), 0);
    let resp = Browser::new(&app).send("GET", "/auth/oidc/franceconnect/start", None).expect(303);
    assert_eq!(resp.header("location"), Some("/connexion/echec?raison=unavailable&fournisseur=franceconnect"));
}

#[test]
fn a_proconnect_sign_in_with_a_strong_acr_stands_for_the_second_factor_of_staff() {
    let provider = Provider::start();
    let app = app_with(&provider, &[("TWO_FACTOR_ROLES", "admin")]);
    let admin = app.user("admin");
    provider.person("admin-1", json!({"email": admin.email, "acr": "eidas2"}));
    provider.person("admin-1-weak", json!({"email": "weak-admin@example.gouv.fr", "acr": "eidas1"}));
    // Password sign-in: no second factor, the admin acts as a member.
    app.get_as("/admin/users", &admin.token).expect_problem(403, "two_factor_required");
    let mut strong = Browser::new(&app);
    assert!(strong.sign_in("proconnect", "admin-1", "/").starts_with("/connexion/lier"));
    strong.send("POST", "/auth/oidc/pending", Some(&json!({"password": admin.password}))).expect(200);
    strong.send("GET", "/admin/users", None).expect(200);
    // A weaker level does not.
    let mut weak = Browser::new(&app);
    weak.sign_in("proconnect", "admin-1-weak", "/");
    app.sql("UPDATE users SET role = 'admin' WHERE lower(email) = 'weak-admin@example.gouv.fr'");
    weak.send("GET", "/admin/users", None).expect_problem(403, "two_factor_required");
}

#[test]
fn userinfo_signed_as_a_jwt_is_read_once_its_signature_and_audience_check() {
    // As ProConnect and FranceConnect answer it: `application/jwt`, signed with the provider's key.
    let provider = Provider::start_with(&["--signed-userinfo", "opendetat-franceconnect"]);
    let app = app_with(&provider, &[]);
    provider
        .person("citizen-jwt", json!({"email": "jwt@example.fr", "given_name": "Dominique", "family_name": "Signé"}));
    let mut browser = Browser::new(&app);
    assert!(browser.sign_in("franceconnect", "citizen-jwt", "/").starts_with("/connexion/fournisseur"));
    // The names come from userinfo only: read, so the JWT was verified and decoded.
    assert_eq!(browser.send("GET", "/me", None).expect(200).json()["display_name"], "Dominique Signé");
    // Signed for another client (ProConnect's id here): refused.
    provider.person("agent-jwt", json!({"email": "agent-jwt@example.gouv.fr"}));
    let mut other = Browser::new(&app);
    assert_eq!(
        other.sign_in("proconnect", "agent-jwt", "/"),
        "/connexion/echec?raison=unavailable&fournisseur=proconnect"
    );
    assert_eq!(app.count("users WHERE lower(email) = 'agent-jwt@example.gouv.fr'"), 0);
}

#[test]
fn an_account_without_a_password_confirms_its_erasure_by_a_recent_sign_in_at_its_provider() {
    let provider = Provider::start();
    let app = app_with(&provider, &[]);
    provider.person("citizen-erase", json!({"email": "erase-me@example.fr", "given_name": "Effacée"}));
    let mut browser = Browser::new(&app);
    browser.sign_in("franceconnect", "citizen-erase", "/compte");
    // Signed in there more than ten minutes ago: sign in again first.
    app.sql("UPDATE sessions SET created_at = now() - interval '11 minutes'");
    browser.send("POST", "/me/erasure", Some(&json!({}))).expect_problem(403, "reauthentication_required");
    let mut again = Browser::new(&app);
    again.sign_in("franceconnect", "citizen-erase", "/compte");
    again.send("POST", "/me/erasure", Some(&json!({}))).expect(204);
    assert_eq!(app.count("users WHERE email = 'erase-me@example.fr'"), 0);
    assert_eq!(app.count("identities"), 0, "the identity goes with the account");
    // The next sign-in at the provider is a new person.
    let mut later = Browser::new(&app);
    assert!(later.sign_in("franceconnect", "citizen-erase", "/").starts_with("/connexion/fournisseur"));
    // An account with a password still gives it.
    let member = app.user("member");
    app.post("/me/erasure", Some(&member.token), &json!({})).expect_problem(422, "validation_failed");
}

#[test]
fn a_signed_in_account_links_an_identity_whatever_its_email_and_never_one_that_is_anothers() {
    let provider = Provider::start();
    let app = app_with(&provider, &[]);
    let member = app.user("member");
    let mut browser = Browser::new(&app);
    let session = browser
        .send("POST", "/auth/login", Some(&json!({"email": member.email, "password": member.password, "cookie": true})))
        .expect(200);
    assert!(session.json().get("access_token").is_none());
    let asked = browser.send("GET", "/me/sessions", None).expect(200).json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["current"] == true)
        .unwrap()["id"]
        .clone();
    // The provider knows the person under another address: linked all the same, from the session.
    provider.person("citizen-other-address", json!({"email": "another-address@example.fr"}));
    assert_eq!(
        browser.sign_in("franceconnect", "citizen-other-address", "/compte"),
        "/connexion/fournisseur?suite=%2Fcompte"
    );
    assert_eq!(browser.send("GET", "/me", None).expect(200).json()["id"], member.id);
    let methods = browser.send("GET", "/me/identities", None).expect(200).json();
    assert_eq!(methods["identities"][0]["email"], "another-address@example.fr");
    assert_eq!(app.count("users WHERE lower(email) = 'another-address@example.fr'"), 0, "no second account");
    let sessions = browser.send("GET", "/me/sessions", None).expect(200).json();
    let items = sessions["items"].as_array().unwrap();
    assert!(items.iter().all(|s| s["id"] != asked), "the session that asked was replaced: {sessions}");
    assert!(items.iter().any(|s| s["current"] == true && s["provider"] == "franceconnect"), "{sessions}");

    // Another account cannot take it.
    let other = app.user("member");
    let mut theirs = Browser::new(&app);
    theirs
        .send("POST", "/auth/login", Some(&json!({"email": other.email, "password": other.password, "cookie": true})))
        .expect(200);
    assert_eq!(
        theirs.sign_in("franceconnect", "citizen-other-address", "/compte"),
        "/connexion/echec?raison=taken&fournisseur=franceconnect"
    );
    assert_eq!(app.count(&format!("identities WHERE user_id = {}", other.id)), 0);
}
