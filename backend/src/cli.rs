//! The `opendetat` command line: `serve` (default), `migrate`, `seed`, `create-admin`, `openapi`.

use std::io::{BufRead, IsTerminal};
use std::net::TcpListener;

use diesel::prelude::*;

use crate::auth::{password, token::TokenKeys};
use crate::config::Settings;
use crate::types::Role;
use crate::resources::users;
use crate::{app, db, seed, AppState};

pub const USAGE: &str = "\
Usage: opendetat [COMMAND]

Commands:
  serve                 Migrate the database (creating it if missing) and serve the API (default)
  migrate               Create the database if missing and apply pending migrations
  seed [--scale large]  Migrate, then load the French action plans and demo data (idempotent);
                        with --scale large, add 10,000 users, 500 forums and 1,000,000 comments
  create-admin --email EMAIL --display-name NAME [--organisation ORG]
                        Create an admin, or promote an existing account; the password is read
                        from standard input (one line, at least 12 characters)
  openapi               Print the OpenAPI 3.1 contract (openapi/openapi.json)
  hash-bench [SECONDS]  Hash passwords as fast as this machine can, one thread per slot of the
                        server's hasher (PASSWORD_HASH_CONCURRENCY), for SECONDS (default 5), and
                        print the rate as JSON: the ceiling of sign-in (bench/run.sh, row S1)
  help                  Show this help

Configuration comes from environment variables; see the README.";

pub fn run(args: Vec<String>) -> Result<(), String> {
    let command = args.first().map(String::as_str).unwrap_or("serve");
    match command {
        "serve" => serve(),
        "migrate" => {
            let settings = Settings::from_env()?;
            connect_and_migrate(&settings).map(|_| ())
        }
        "seed" => {
            let settings = Settings::from_env()?;
            let mut conn = connect_and_migrate(&settings)?;
            let report = seed::run(&mut conn, settings.is_dev())?;
            log::info!("seed: inserted {report:?}");
            match (
                args.get(1).map(String::as_str),
                args.get(2).map(String::as_str),
            ) {
                (None, _) => {}
                (Some("--scale"), Some("large")) => crate::seed_large::run(&mut conn)?,
                _ => {
                    return Err(format!(
                        "seed takes no option but `--scale large`\n\n{USAGE}"
                    ))
                }
            }
            if settings.is_dev() && report.users > 0 {
                log::info!(
                    "seed: demo accounts (@demo.opendetat.fr) use the password {:?}",
                    seed::DEMO_PASSWORD
                );
            }
            Ok(())
        }
        "create-admin" => create_admin(&args[1..]),
        "openapi" => {
            print!("{}", crate::app::openapi::document_json());
            Ok(())
        }
        "hash-bench" => {
            let seconds: u64 = match args.get(1) {
                None => 5,
                Some(s) => s
                    .parse()
                    .ok()
                    .filter(|n| (1..=600).contains(n))
                    .ok_or("hash-bench takes a number of seconds, 1 to 600")?,
            };
            let threads = Settings::from_env()?.password_hash_concurrency;
            let rate = password::hash_rate(threads, std::time::Duration::from_secs(seconds));
            println!("{{\"threads\": {threads}, \"seconds\": {seconds}, \"hashes_per_s\": {rate:.1}}}");
            Ok(())
        }
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command {other:?}\n\n{USAGE}")),
    }
}

fn connect_and_migrate(settings: &Settings) -> Result<PgConnection, String> {
    crate::markdown::allow_image_hosts(settings.markdown_image_hosts.clone());
    db::create_database_if_missing(&settings.database_url)?;
    let mut conn = PgConnection::establish(&settings.database_url).map_err(|e| {
        format!(
            "cannot connect to {}: {e}",
            db::redact(&settings.database_url)
        )
    })?;
    let applied = db::migrate(&mut conn)?;
    if applied > 0 {
        log::info!("applied {applied} migration(s)");
    }
    let rendered = db::render_missing_html(&mut conn)
        .map_err(|e| format!("rendering stored markdown: {e}"))?;
    if rendered > 0 {
        log::info!("rendered the markdown of {rendered} row(s) written before HTML was stored");
    }
    for (name, rows) in db::apply_fixups(&mut conn).map_err(|e| format!("data fix-up: {e}"))? {
        log::info!("applied the data fix-up {name} ({rows} row(s))");
    }
    Ok(conn)
}

fn serve() -> Result<(), String> {
    password::return_large_blocks_to_the_system();
    let settings = Settings::from_env()?;
    if settings.is_dev() {
        log::warn!("running in dev mode (OPENDETAT_ENV=production for a real deployment)");
    }
    connect_and_migrate(&settings)?;
    let pool = db::build_pool(
        &settings.database_url,
        settings.pool_size,
        settings.pool_timeout,
        settings.statement_timeout,
    )?;
    let read_pool = match &settings.database_read_url {
        Some(url) => {
            log::info!("read-only requests use the replica at {}", db::redact(url));
            db::build_pool(
                url,
                settings.pool_size,
                settings.pool_timeout,
                settings.statement_timeout,
            )?
        }
        None => pool.clone(),
    };
    let state = AppState {
        pool,
        read_pool,
        tokens: TokenKeys::new(settings.jwt_secret.expose(), settings.token_ttl),
        hasher: password::Hasher::new(
            settings.password_hash_concurrency,
            settings.password_hash_wait,
        ),
        ip_limits: settings.ip_limits.clone(),
    };
    let listener = TcpListener::bind(&settings.bind_addr)
        .map_err(|e| format!("cannot listen on {}: {e}", settings.bind_addr))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let static_dir = settings.static_dir.clone();
    let security = crate::app::middleware::SecurityHeaders::new(
        !settings.is_dev(),
        &settings.markdown_image_hosts,
    );
    actix_web::rt::System::new().block_on(async move {
        let server =
            app::run(listener, state, static_dir, security).map_err(|e| e.to_string())?;
        // Printed on stdout so scripts and the black-box tests learn the port (BIND_ADDR may use port 0).
        println!("listening on http://{addr}");
        log::info!("API on http://{addr}/api/v1, docs on http://{addr}/api/docs/");
        server.await.map_err(|e| e.to_string())
    })?;
    log::info!("stopped");
    Ok(())
}

fn flag(args: &[String], name: &str) -> Result<Option<String>, String> {
    match args.iter().position(|a| a == name) {
        None => Ok(None),
        Some(i) => args
            .get(i + 1)
            .cloned()
            .map(Some)
            .ok_or_else(|| format!("{name} needs a value")),
    }
}

fn create_admin(args: &[String]) -> Result<(), String> {
    use validator::ValidateEmail;
    let email = flag(args, "--email")?
        .ok_or("create-admin needs --email")?
        .trim()
        .to_string();
    let display_name = flag(args, "--display-name")?.ok_or("create-admin needs --display-name")?;
    crate::http::validation::display_name(&display_name).map_err(|e| {
        format!("--display-name {}", e.message.unwrap_or_default())
    })?;
    let display_name = crate::http::validation::normalize_name(&display_name);
    let organisation = flag(args, "--organisation")?;
    if !email.validate_email() || email.len() > 254 {
        return Err("--email is not an email address".into());
    }
    if display_name.trim().is_empty() || display_name.chars().count() > 100 {
        return Err("--display-name must be 1 to 100 characters".into());
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprintln!("Password for {email} (input is echoed; pipe it in to avoid that):");
    }
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .map_err(|e| format!("cannot read the password: {e}"))?;
    let pw = line.trim_end_matches(['\n', '\r']);
    let len = pw.chars().count() as u64;
    if !(password::MIN_PASSWORD_LEN..=password::MAX_PASSWORD_LEN).contains(&len) {
        return Err(format!(
            "the password must be {} to {} characters",
            password::MIN_PASSWORD_LEN,
            password::MAX_PASSWORD_LEN
        ));
    }
    let hash = password::hash(pw)?;
    let settings = Settings::from_env()?;
    let mut conn = connect_and_migrate(&settings)?;
    use crate::db::schema::users as u;
    let id = conn
        .transaction(|conn| match users::find_by_email(conn, &email)? {
            Some(existing) => diesel::update(u::table.find(existing.id))
                .set((
                    u::role.eq(Role::Admin),
                    u::password_hash.eq(&hash),
                    u::suspended_at.eq(None::<chrono::DateTime<chrono::Utc>>),
                ))
                .returning(u::id)
                .get_result::<i64>(conn),
            None => users::insert(
                conn,
                &users::NewUser {
                    email: &email,
                    display_name: &display_name,
                    password_hash: &hash,
                    role: Role::Admin,
                    organisation: organisation.as_deref(),
                },
            )
            .map(|u| u.id),
        })
        .map_err(|e| format!("cannot save the admin: {e}"))?;
    log::info!("admin account {email} ready (id {id})");
    println!("admin {id} {email}");
    Ok(())
}
