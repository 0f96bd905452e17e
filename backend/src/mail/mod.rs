//! Mail: enqueued as a job in the transaction of what causes it (`mail::enqueue`), never sent
//! from a request, and sent by a worker (`run_job`) through SMTP (`SMTP_URL`) or, in
//! development without `SMTP_URL`, written as `.eml` files to `MAIL_DIR`. Each mail is in its
//! recipient's language, as plain text and HTML.
//!
//! A mail's job carries what the mail needs (address, name, language, link). Links in mails
//! open an account or reset a password, so once the mail is sent (or given up) the job keeps
//! its payload without the link (`scrubbed`). Every send of a job uses the same Message-ID, so
//! a rare second send after a lost lease is recognisable as the same message.

mod account_templates;
mod forum_templates;
pub mod templates;
mod webhook_templates;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use diesel::PgConnection;
use lettre::message::{Mailbox, MultiPart};
use lettre::{FileTransport, Message, SmtpTransport, Transport};
use serde::{Deserialize, Serialize};

use crate::jobs::worker::{JobContext, JobError};
use crate::types::Locale;

/// The job kind of a mail.
pub const JOB_KIND: &str = "mail";

/// What to send, to whom (a job's payload).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Outgoing {
    pub to: String,
    pub name: String,
    pub locale: Locale,
    pub template: templates::Template,
    /// The link the mail carries, if any (dropped from the job once sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// The forum a registration mail is about, as the mail words it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forum: Option<ForumMention>,
    /// What a person wrote for the recipient (a moderator's message with a suspension), with
    /// the end of the suspension already written in the recipient's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<MailNote>,
    /// Notifications, as sentences in the recipient's language with their links: one for a
    /// notification's own mail, several for the daily digest.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<MailNotice>,
}

/// A notification as a mail words it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct MailNotice {
    pub text: String,
    pub url: String,
}

/// A message written by someone for the recipient, and what it is about.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct MailNote {
    pub text: String,
    /// e.g. "jusqu'au 12/03/2027" — or none: indefinitely.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
}

/// A forum as a mail names it: times already written in the forum's zone (Europe/Paris) and
/// the recipient's language, so that the worker formats nothing.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ForumMention {
    pub title: String,
    /// e.g. `12/03/2027 à 18:00` or `2027-03-12 18:00` (Paris time).
    pub when: String,
    /// The place, or the online address.
    pub place: String,
    /// The forum's page.
    pub url: String,
    /// The registration's code, shown at the door.
    pub code: String,
    /// The place on the waitlist (1 = next), for a waitlisted registration; the number of seats
    /// taken, for an organiser's mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<i64>,
    /// The forum's calendar file (RFC 5545), as the forum was when the mail was enqueued,
    /// attached to the mails whose template carries it (a later change sends its own mail).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ics: Option<String>,
}

/// Records a mail to send, in the caller's transaction.
pub fn enqueue(conn: &mut PgConnection, mail: &Outgoing) -> diesel::QueryResult<crate::db::ids::JobId> {
    let payload = serde_json::to_value(mail).unwrap_or_default();
    crate::jobs::enqueue(conn, JOB_KIND, payload)
}

/// Records many mails to send, in the caller's transaction (a few multi-row INSERTs, for a
/// notification that goes to thousands).
pub fn enqueue_many(conn: &mut PgConnection, mails: &[Outgoing]) -> diesel::QueryResult<()> {
    let payloads: Vec<serde_json::Value> = mails.iter().map(|m| serde_json::to_value(m).unwrap_or_default()).collect();
    crate::jobs::enqueue_many(conn, JOB_KIND, payloads)
}

/// The payload without its link, once the mail no longer needs it.
pub fn scrubbed(kind: &str, payload: &serde_json::Value) -> Option<serde_json::Value> {
    if kind != JOB_KIND {
        return None;
    }
    let mut copy = payload.clone();
    let object = copy.as_object_mut()?;
    object.remove("link")?;
    Some(copy)
}

/// Where mail goes.
#[derive(Clone)]
enum Transport_ {
    Smtp(Arc<SmtpTransport>),
    Files(PathBuf),
}

/// The sender: a transport, the `From` address, and the site's public address for links.
#[derive(Clone)]
pub struct Mailer {
    transport: Transport_,
    from: Mailbox,
    /// e.g. `https://opendetat.example.gouv.fr`, no trailing slash.
    pub public_url: String,
    domain: String,
}

impl Mailer {
    /// From the settings: `smtp_url` (None in dev: files in `mail_dir`).
    pub fn new(smtp_url: Option<&str>, mail_dir: &str, from: &str, public_url: &str) -> Result<Mailer, String> {
        let from: Mailbox = from.parse().map_err(|e| format!("MAIL_FROM {from:?} is not an address: {e}"))?;
        let transport = match smtp_url {
            Some(url) => {
                let transport = SmtpTransport::from_url(url)
                    .map_err(|e| format!("SMTP_URL is not a usable smtp:// or smtps:// URL: {e}"))?
                    .timeout(Some(Duration::from_secs(20)))
                    .build();
                Transport_::Smtp(Arc::new(transport))
            }
            None => {
                std::fs::create_dir_all(mail_dir).map_err(|e| format!("cannot create MAIL_DIR {mail_dir}: {e}"))?;
                Transport_::Files(PathBuf::from(mail_dir))
            }
        };
        let public_url = public_url.trim_end_matches('/').to_string();
        let domain = public_url
            .split("://")
            .nth(1)
            .and_then(|rest| rest.split(['/', ':']).next())
            .unwrap_or("opendetat.localhost")
            .to_string();
        Ok(Mailer { transport, from, public_url, domain })
    }

    /// A line for the log at start-up: where mail goes.
    pub fn describe(&self) -> String {
        match &self.transport {
            Transport_::Smtp(_) => "mail is sent by SMTP (SMTP_URL)".into(),
            Transport_::Files(dir) => {
                format!("no SMTP_URL: mail is written as .eml files to {} (dev mode)", dir.display())
            }
        }
    }

    /// Sends `message`; in dev (files), also writes its plain text beside the `.eml` (`.txt`),
    /// so that a link can be copied whole: the `.eml` is quoted-printable, which breaks long
    /// lines and writes `=` as `=3D`.
    fn send(&self, message: &Message, plain: &str) -> Result<(), JobError> {
        match &self.transport {
            Transport_::Smtp(smtp) => smtp.send(message).map(|_| ()).map_err(|e| {
                if e.is_permanent() {
                    JobError::Permanent(format!("the mail server refused the message: {e}"))
                } else {
                    JobError::Retry(format!("mail server: {e}"))
                }
            }),
            Transport_::Files(dir) => {
                let id = FileTransport::new(dir)
                    .send(message)
                    .map_err(|e| JobError::Retry(format!("writing the mail file: {e}")))?;
                let text = dir.join(format!("{id}.txt"));
                std::fs::write(&text, plain).map_err(|e| JobError::Retry(format!("writing the mail's text: {e}")))?;
                log::info!("mail written to {}/{id}.eml, its text to {}", dir.display(), text.display());
                Ok(())
            }
        }
    }
}

/// The job that sends one mail.
pub fn run_job(ctx: &mut JobContext<'_>, payload: &serde_json::Value) -> Result<Option<serde_json::Value>, JobError> {
    let mail: Outgoing =
        serde_json::from_value(payload.clone()).map_err(|e| JobError::Permanent(format!("not a mail: {e}")))?;
    let rendered = templates::render(&mail, &ctx.mailer.public_url);
    let to = Mailbox::new(
        Some(mail.name.clone()),
        mail.to.parse().map_err(|e| JobError::Permanent(format!("not an address: {e}")))?,
    );
    let plain = format!("To: {}\nSubject: {}\n\n{}", mail.to, rendered.subject, rendered.text);
    let body = MultiPart::alternative_plain_html(rendered.text, rendered.html);
    // The forum's calendar file it was handed, for the templates that carry one.
    let calendar = mail.forum.as_ref().and_then(|f| f.ics.clone()).filter(|_| mail.template.attaches_calendar());
    let body = match calendar {
        Some(ics) => MultiPart::mixed().multipart(body).singlepart(
            lettre::message::Attachment::new("forum.ics".to_string()).body(
                ics,
                "text/calendar; charset=utf-8; method=PUBLISH"
                    .parse()
                    .map_err(|e| JobError::Permanent(format!("calendar content type: {e}")))?,
            ),
        ),
        None => body,
    };
    let message = Message::builder()
        .from(ctx.mailer.from.clone())
        .to(to)
        .subject(rendered.subject)
        .message_id(Some(format!("<job-{}@{}>", ctx.job_id, ctx.mailer.domain)))
        .header(ContentLanguage(mail.locale.as_str().to_string()))
        .multipart(body)
        .map_err(|e| JobError::Permanent(format!("building the message: {e}")))?;
    ctx.mailer.send(&message, &plain)?;
    Ok(scrubbed(JOB_KIND, payload))
}

/// `Content-Language`, so that mail clients and screen readers know the language.
#[derive(Clone)]
struct ContentLanguage(String);

impl lettre::message::header::Header for ContentLanguage {
    fn name() -> lettre::message::header::HeaderName {
        lettre::message::header::HeaderName::new_from_ascii_str("Content-Language")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ContentLanguage(s.to_string()))
    }

    fn display(&self) -> lettre::message::header::HeaderValue {
        lettre::message::header::HeaderValue::new(Self::name(), self.0.clone())
    }
}
