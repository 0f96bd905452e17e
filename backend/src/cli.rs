//! The `opendetat` command line: `serve` (default), `worker`, `migrate`, `seed`, `create-admin`,
//! `openapi`, `hash-bench`.

use std::io::{BufRead, IsTerminal};
use std::net::TcpListener;

use diesel::prelude::*;

use crate::auth::user::{self, NewUser};
use crate::auth::{password, token::TokenKeys};
use crate::config::Settings;
use crate::resources::users;
use crate::types::Role;
use crate::{app, db, seed, AppState};

pub const USAGE: &str = "\
Usage: opendetat [COMMAND]

Commands:
  serve                 Migrate the database (creating it if missing) and serve the API (default)
  migrate               Create the database if missing and apply pending migrations
  seed [--scale large]  Migrate, then load the French action plans and demo data (idempotent);
                        with --scale large, add 10,000 users, 500 forums, 1,000,000 comments
                        and a plan being co-created with 5,000 proposals
  create-admin --email EMAIL --display-name NAME [--organisation ORG]
                        Create an admin, or promote an existing account; the password is read
                        from standard input (one line, at least 12 characters)
  worker                Run background jobs only (mail…), JOB_WORKERS threads, until stopped
                        (`serve` runs them too, unless JOB_WORKERS=0)
  openapi               Print the OpenAPI 3.1 contract (openapi/openapi.json)
  hash-bench [SECONDS]  Hash passwords as fast as this machine can, one thread per slot of the
                        server's hasher (PASSWORD_HASH_CONCURRENCY), for SECONDS (default 5), and
                        print the rate as JSON: the ceiling of sign-in (bench/run.sh, row S1)
  help                  Show this help

Configuration comes from environment variables; see the README.";

pub fn run(args: Vec<String>) -> Result<(), String> {
    // First thing, for every command: what the resources declare to the kernel.
    crate::registry::install(crate::resources::RESOURCES);
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
            match (args.get(1).map(String::as_str), args.get(2).map(String::as_str)) {
                (None, _) => {}
                (Some("--scale"), Some("large")) => crate::seed_large::run(&mut conn)?,
                _ => return Err(format!("seed takes no option but `--scale large`\n\n{USAGE}")),
            }
            if settings.is_dev() && report.users > 0 {
                log::info!("seed: demo accounts (@demo.opendetat.fr) use the password {:?}", seed::DEMO_PASSWORD);
            }
            Ok(())
        }
        "create-admin" => create_admin(&args[1..]),
        "worker" => worker(),
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
    let mut conn = PgConnection::establish(&settings.database_url)
        .map_err(|e| format!("cannot connect to {}: {e}", db::redact(&settings.database_url)))?;
    let applied = db::migrate(&mut conn)?;
    if applied > 0 {
        log::info!("applied {applied} migration(s)");
    }
    let rendered = db::fixups::render_missing_html(&mut conn).map_err(|e| format!("rendering stored markdown: {e}"))?;
    if rendered > 0 {
        log::info!("rendered the markdown of {rendered} row(s) written before HTML was stored");
    }
    // The seed's fix-up marks the OGP's own texts English: it knows which records are the OGP's.
    let fixups = [db::fixups::REMOTE_IMAGES_BECOME_LINKS, ("2026-11-30-ogp-texts-are-english", seed::mark_english)];
    for (name, rows) in db::fixups::apply(&mut conn, &fixups).map_err(|e| format!("data fix-up: {e}"))? {
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
    settings.check_mail()?;
    connect_and_migrate(&settings)?;
    let pool =
        db::build_pool(&settings.database_url, settings.pool_size, settings.pool_timeout, settings.statement_timeout)?;
    let read_pool = match &settings.database_read_url {
        Some(url) => {
            log::info!("read-only requests use the replica at {}", db::redact(url));
            db::build_pool(url, settings.pool_size, settings.pool_timeout, settings.statement_timeout)?
        }
        None => pool.clone(),
    };
    let state = AppState {
        pool,
        read_pool,
        tokens: match &settings.jwt_previous {
            Some((previous, until)) => TokenKeys::new(settings.jwt_secret.expose(), settings.token_ttl)
                .with_previous(previous.expose(), *until),
            None => TokenKeys::new(settings.jwt_secret.expose(), settings.token_ttl),
        },
        hasher: password::Hasher::new(settings.password_hash_concurrency, settings.password_hash_wait),
        ip_limits: settings.ip_limits.clone(),
        api_limits: std::sync::Arc::new(crate::auth::api_limit::ApiLimiter::new(
            settings.ip_limits.api_anonymous,
            settings.ip_limits.api_authenticated,
        )),
        public_url: settings.public_url.clone(),
        require_verified_email: settings.require_verified_email,
        two_factor_roles: settings.two_factor_roles.clone(),
        // Over HTTPS, as production is; an operator who serves the site over plain HTTP says so
        // with an http:// PUBLIC_URL (browsers would drop a `Secure` cookie there).
        session_cookie_secure: !settings.is_dev() && !settings.public_url.starts_with("http://"),
        question_deadline_days: settings.question_deadline_days,
        auto_hide_reports: settings.auto_hide_reports,
        auto_hide_min_account_days: settings.auto_hide_min_account_days,
        change_feed_hold_warning: settings.change_feed_hold_warning,
        live: crate::live::Hub::start(&settings.database_url, settings.live.clone()),
        identity_providers: std::sync::Arc::new(crate::auth::oidc::Providers::new(
            settings.identity_providers.clone(),
            &settings.public_url,
        )),
        proconnect_trust_institutions: settings.proconnect_trust_institutions,
        files: crate::storage::FileStore::new(&settings.documents)?,
    };
    let jobs = start_workers(&settings, settings.job_workers)?;
    let listener =
        TcpListener::bind(&settings.bind_addr).map_err(|e| format!("cannot listen on {}: {e}", settings.bind_addr))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let static_dir = settings.static_dir.clone();
    let security = crate::app::middleware::SecurityHeaders::new(!settings.is_dev(), &settings.markdown_image_hosts);
    actix_web::rt::System::new().block_on(async move {
        let live = state.live.clone();
        let server = app::run(listener, state, static_dir, security).map_err(|e| e.to_string())?;
        // SIGTERM or SIGINT: open streams end at once (they would otherwise hold the graceful
        // stop for its whole timeout), then requests in flight finish.
        let handle = server.handle();
        actix_web::rt::spawn(async move {
            stop_signal().await;
            log::info!("stopping: streams close, requests in flight finish");
            live.close();
            handle.stop(true).await;
        });
        // Printed on stdout so scripts and the black-box tests learn the port (BIND_ADDR may use port 0).
        println!("listening on http://{addr}");
        log::info!("API on http://{addr}/api/v1, docs on http://{addr}/api/docs/");
        server.await.map_err(|e| e.to_string())
    })?;
    jobs.stop();
    log::info!("stopped");
    Ok(())
}

/// The first SIGTERM or SIGINT.
async fn stop_signal() {
    use actix_web::rt::signal::unix::{signal, SignalKind};
    match (signal(SignalKind::terminate()), signal(SignalKind::interrupt())) {
        (Ok(mut term), Ok(mut int)) => {
            tokio::select! {
                _ = term.recv() => {}
                _ = int.recv() => {}
            }
        }
        _ => {
            log::error!("cannot listen for SIGTERM: stop the server with SIGKILL");
            std::future::pending::<()>().await
        }
    }
}

/// Job worker threads, and how to stop them.
struct Workers {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    threads: Vec<std::thread::JoinHandle<()>>,
}

impl Workers {
    /// Lets each worker finish its current job, then waits for them.
    fn stop(self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        for t in self.threads {
            let _ = t.join();
        }
    }
}

fn start_workers(settings: &Settings, count: u32) -> Result<Workers, String> {
    settings.check_mail()?;
    let smtp = settings.smtp_url.as_ref().map(|s| s.expose_str());
    let mailer = crate::mail::Mailer::new(smtp, &settings.mail_dir, &settings.mail_from, &settings.public_url)?;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    if count == 0 {
        log::info!("no job workers here (JOB_WORKERS=0): run `opendetat worker` elsewhere");
        return Ok(Workers { stop, threads: Vec::new() });
    }
    log::info!("{count} job worker(s); {}", mailer.describe());
    let options = crate::jobs::worker::WorkerOptions {
        lease: settings.job_lease,
        idle_poll: settings.job_idle_poll,
        change_feed_hold_warning: settings.change_feed_hold_warning,
    };
    let pool = crate::jobs::worker::pool(&settings.database_url, count);
    let threads = crate::jobs::worker::spawn(count, pool, mailer, options, stop.clone());
    Ok(Workers { stop, threads })
}

/// `opendetat worker`: jobs only, until SIGINT or SIGTERM.
fn worker() -> Result<(), String> {
    let settings = Settings::from_env()?;
    connect_and_migrate(&settings)?;
    let workers = start_workers(&settings, settings.job_workers.max(1))?;
    let stop = workers.stop.clone();
    for signal in [libc::SIGINT, libc::SIGTERM] {
        let stop = stop.clone();
        // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
        unsafe {
            signal_hook_register(signal, stop);
        }
    }
    while !stop.load(std::sync::atomic::Ordering::SeqCst) {
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    log::info!("stopping: the workers finish their current job");
    workers.stop();
    Ok(())
}

static STOP_FLAG: std::sync::OnceLock<std::sync::Arc<std::sync::atomic::AtomicBool>> = std::sync::OnceLock::new();

extern "C" fn on_signal(_: libc::c_int) {
    if let Some(flag) = STOP_FLAG.get() {
        flag.store(true, std::sync::atomic::Ordering::SeqCst);
    }
}

/// Sets `flag` when `signal` arrives.
unsafe fn signal_hook_register(signal: libc::c_int, flag: std::sync::Arc<std::sync::atomic::AtomicBool>) {
    let _ = STOP_FLAG.set(flag);
    libc::signal(signal, on_signal as *const () as libc::sighandler_t);
}

fn flag(args: &[String], name: &str) -> Result<Option<String>, String> {
    match args.iter().position(|a| a == name) {
        None => Ok(None),
        Some(i) => args.get(i + 1).cloned().map(Some).ok_or_else(|| format!("{name} needs a value")),
    }
}

fn create_admin(args: &[String]) -> Result<(), String> {
    use validator::ValidateEmail;
    let email = flag(args, "--email")?.ok_or("create-admin needs --email")?.trim().to_string();
    let display_name = flag(args, "--display-name")?.ok_or("create-admin needs --display-name")?;
    crate::http::validation::display_name(&display_name)
        .map_err(|e| format!("--display-name {}", e.message.unwrap_or_default()))?;
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
    stdin.lock().read_line(&mut line).map_err(|e| format!("cannot read the password: {e}"))?;
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
        .transaction(|conn| match user::find_by_email(conn, &email)? {
            Some(existing) => diesel::update(u::table.find(existing.id))
                .set((
                    u::role.eq(Role::Admin),
                    u::password_hash.eq(&hash),
                    u::suspended_at.eq(None::<chrono::DateTime<chrono::Utc>>),
                    u::email_verified_at.eq(Some(chrono::Utc::now())),
                ))
                .returning(u::id)
                .get_result::<crate::db::ids::UserId>(conn),
            None => users::queries::insert(
                conn,
                &NewUser {
                    email: &email,
                    display_name: &display_name,
                    password_hash: &hash,
                    role: Role::Admin,
                    organisation: organisation.as_deref(),
                    locale: crate::types::Locale::Fr,
                    // Whoever runs this command on the server vouches for the address.
                    email_verified_at: Some(chrono::Utc::now()),
                },
            )
            .map(|u| u.id),
        })
        .map_err(|e| format!("cannot save the admin: {e}"))?;
    log::info!("admin account {email} ready (id {id})");
    println!("admin {id} {email}");
    Ok(())
}
