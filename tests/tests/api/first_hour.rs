//! What a newcomer meets in the first hour (issue 20): dev-mode mail readable as text, a signing
//! secret that survives a restart, a read model that names institutions the way the README
//! says, a web app that answers 404 for what it does not have, and minutes that are not there.

use std::process::Command;

use opendetat_tests::*;

/// `opendetat migrate` in dev mode without `JWT_SECRET`, keeping its data in `data_dir`: its
/// log.
fn dev_run(database: &str, data_dir: &std::path::Path) -> String {
    let out = Command::new(binary())
        .arg("migrate")
        .env_remove("JWT_SECRET")
        .env("OPENDETAT_ENV", "dev")
        .env("DATABASE_URL", db_url(database))
        .env("DATA_DIR", data_dir)
        .env("RUST_LOG", "info")
        .output()
        .expect("run opendetat");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn the_dev_signing_secret_is_kept_so_a_restart_signs_nobody_out() {
    let database = create_database(false);
    let data = std::env::temp_dir().join(format!("opendetat-data-{}", unique_email("d").replace('@', "_")));
    let first = dev_run(&database, &data);
    let kept = std::fs::read_to_string(data.join("jwt-secret")).expect("the secret is kept");
    assert!(kept.len() >= 32);
    assert!(first.contains("generated one and kept it"), "{first}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(data.join("jwt-secret")).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "readable by its owner only");
    }
    // The second start reuses it, and warns no more.
    let second = dev_run(&database, &data);
    assert_eq!(std::fs::read_to_string(data.join("jwt-secret")).unwrap(), kept);
    assert!(!second.contains("WARN") || !second.contains("JWT_SECRET"), "warned again: {second}");
    let _ = std::fs::remove_dir_all(&data);
    drop_database(&database);
}

#[test]
fn dev_mail_has_a_plain_text_copy_whose_link_and_token_are_whole() {
    let mail = std::env::temp_dir().join(format!("opendetat-mail-{}", unique_email("m").replace('@', "_")));
    let mail_dir = mail.to_string_lossy().into_owned();
    let app = TestApp::spawn_with(
        false,
        &[("OPENDETAT_ENV", "dev"), ("SMTP_URL", ""), ("MAIL_DIR", &mail_dir), ("DATA_DIR", &mail_dir)],
    );
    let email = unique_email("newcomer");
    app.post(
        "/auth/register",
        None,
        &json!({"email": email, "password": "a-long-enough-password", "display_name": "Nouvelle venue"}),
    )
    .expect(202);
    // The job writes the mail: a .eml and its text.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let text = loop {
        let found = std::fs::read_dir(&mail).ok().and_then(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .find(|p| p.extension().is_some_and(|x| x == "txt"))
                .and_then(|p| std::fs::read_to_string(p).ok())
        });
        match found {
            Some(t) => break t,
            None if std::time::Instant::now() < deadline => std::thread::sleep(std::time::Duration::from_millis(100)),
            None => panic!("no .txt beside the .eml in {mail_dir}"),
        }
    };
    assert!(text.starts_with(&format!("To: {email}")), "{text}");
    // The token, whole on one line, confirms the address through the API (what the README says).
    let token = text
        .split(|c: char| c.is_whitespace())
        .find_map(|w| w.split("jeton=").nth(1))
        .expect("the link carries its token")
        .trim_end_matches(['.', ')', '>'])
        .to_string();
    assert!(!token.contains('='), "no quoted-printable left in {token}");
    let confirmed = app.post("/auth/verify-email", None, &json!({"token": token})).expect(200).json();
    assert_eq!(confirmed["email"], email.as_str());
    let _ = std::fs::remove_dir_all(&mail);
}

#[test]
fn commitments_name_their_institutions_as_records_in_lists_and_alone() {
    let app = TestApp::spawn();
    let one = app.get("/commitments/FR0041").expect(200).json();
    let lead = &one["institutions"]["lead"];
    assert!(lead["id"].is_i64() && lead["slug"].is_string() && lead["name"] == one["lead_institution"], "{lead}");
    let listed = collect_pages(&app, "/commitments?action_plan=fr-2018-2020", None);
    let fr0041 = listed.iter().find(|c| c["code"] == "FR0041").expect("FR0041 listed");
    assert_eq!(fr0041["institutions"], one["institutions"]);
}

#[test]
fn every_field_the_readme_names_in_its_api_section_is_in_the_contract() {
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md")).unwrap();
    let api = &readme[readme.find("## The API").unwrap()..readme.find("## Performance").unwrap()];
    let contract =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../openapi/openapi.json"))
            .unwrap();
    // Names in backticks written like fields or codes (snake_case): each must be a name of the
    // contract — a property, a parameter, an enum value.
    let mut missing = Vec::new();
    let mut names = 0;
    for quoted in api.split('`').skip(1).step_by(2) {
        let snake = quoted.contains('_')
            && quoted.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && quoted.starts_with(|c: char| c.is_ascii_lowercase());
        if snake {
            names += 1;
            if !contract.contains(&format!("\"{quoted}\"")) {
                missing.push(quoted.to_string());
            }
        }
    }
    assert!(names > 30, "the README's API section names fields ({names} found)");
    assert!(missing.is_empty(), "named in the README, absent from the contract: {missing:?}");
}

/// A built web app: `index.html`, a script, and the route table its build writes.
fn web_app(routes: Option<&str>) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("opendetat-dist-{}", unique_email("w").replace('@', "_")));
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>Open d'État</title>").unwrap();
    std::fs::write(dir.join("assets/app.js"), "console.log('app')").unwrap();
    if let Some(r) = routes {
        std::fs::write(dir.join("routes.json"), r).unwrap();
    }
    dir
}

#[test]
fn the_web_app_answers_404_for_missing_files_and_pages_it_does_not_have() {
    let dist = web_app(Some(r#"["/", "/forums", "/forums/:slug", "/admin/*"]"#));
    let app = TestApp::spawn_with(false, &[("STATIC_DIR", &dist.to_string_lossy())]);
    assert_eq!(app.get_site("/assets/app.js").expect(200).text, "console.log('app')");
    // A stale bundle's script: 404, never the page's HTML served as JavaScript.
    let missing = app.get_site("/assets/nope.js");
    assert_eq!(missing.status, 404);
    assert!(!missing.text.contains("<!doctype html>"));
    app.get_site("/favicon-nope.png").expect(404);
    // The app's pages: 200; anything else: the app's own page, with 404 and noindex.
    for page in ["/", "/forums", "/forums/mon-forum", "/admin/forums/3"] {
        let res = app.get_site(page);
        assert_eq!((res.status, res.header("x-robots-tag")), (200, None), "{page}");
        assert!(res.text.contains("<!doctype html>"));
    }
    let nonsense = app.get_site("/nimporte/quoi");
    assert_eq!(nonsense.status, 404);
    assert_eq!(nonsense.header("x-robots-tag"), Some("noindex"));
    assert!(nonsense.text.contains("<!doctype html>"), "the app's own page introuvable");
    // The API keeps its own 404s.
    app.get("/no-such-thing").expect_problem(404, "not_found");
    let _ = std::fs::remove_dir_all(&dist);
}

#[test]
fn a_web_app_without_its_route_table_still_serves_every_page() {
    let dist = web_app(None);
    let app = TestApp::spawn_with(false, &[("STATIC_DIR", &dist.to_string_lossy())]);
    app.get_site("/nimporte/quoi").expect(200);
    app.get_site("/assets/nope.js").expect(404);
    let _ = std::fs::remove_dir_all(&dist);
}
