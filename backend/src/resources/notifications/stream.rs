//! The signed-in person's stream (`GET /me/stream`): their unread count and new notifications
//! as they are written, whichever instance's worker writes them (the `notifications` trigger
//! NOTIFYs their ids; `live::Hub::watch_person` wakes their streams).

use std::collections::BTreeSet;

use actix_web::web::Bytes;
use actix_web::{get, web, HttpRequest, HttpResponse};
use tokio::sync::watch;

use super::queries;
use crate::auth::BearerToken;
use crate::db;
use crate::http::problem::ApiResult;
use crate::live::sse;
use crate::AppState;

/// Notifications a stream sends when woken, newest first, at most (or after a reconnection).
const NEWEST: i64 = 20;
/// How many notification ids a stream remembers having sent (a fan-out that commits late,
/// with a smaller id than one already sent, is still sent once).
const REMEMBERED: usize = 200;

/// Your unread count and new notifications, as Server-Sent Events.
///
/// `unread` (`data`: an `UnreadCount`) comes first and again whenever it changes (a
/// notification arrives, or is read elsewhere); `notification` (`data`: a `Notification`, its
/// `id` the message's id) for each new one, oldest first. Reconnect with the last id in
/// `Last-Event-ID` to be sent those that came since (the 20 newest at most). A comment line
/// (`: heartbeat`) comes after 25 s of quiet; open streams are capped per account and per
/// address (429 `too_many_streams`); shutting down, the server ends the stream.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = ["follow"])),
    params(
        ("Last-Event-ID" = Option<String>, Header, description = "The `id` of the last `notification` received: those since are sent first", pattern = r"^[0-9]+$"),
    ),
    responses(
        (status = 200, description = "An endless `text/event-stream` of `unread` and `notification` messages", body = String, content_type = "text/event-stream"),
        (status = 422, description = "`Last-Event-ID` is not an id this stream sent (`validation_failed`, field code `invalid_last_event_id`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many open streams for this account or address (`too_many_streams`); retry after `Retry-After` seconds", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/me/stream")]
pub async fn my_stream(req: HttpRequest, state: web::Data<AppState>, token: BearerToken) -> ApiResult<HttpResponse> {
    let resume = sse::last_number(&req)?;
    let check = token.clone();
    let person = db::run(&state.pool, move |conn| Ok(check.authorize(conn)?.id)).await?;
    let permit = state.live.admit(state.ip_limits.client_bucket(&req), Some(person.get()))?;
    // Watching before reading: a notification written in between wakes the stream, which
    // then finds it (or finds it already sent).
    let wake = state.live.watch_person(person.get());
    let mut source = MyStream { token, wake, floor: resume, sent: BTreeSet::new(), unread: None, state: state.clone() };
    let first = source.news().await?;
    Ok(sse::respond(&state.live, permit, first, source))
}

struct MyStream {
    /// Checked again before anything is sent: the stream outlives the request that checked it
    /// (a token revoked or expired, an account suspended since, ends it).
    token: BearerToken,
    wake: watch::Receiver<u64>,
    /// Notifications up to this id are not news (`None` until the first read: the newest there
    /// is then). Those above it are sent once each: `sent` remembers them.
    floor: Option<i64>,
    sent: BTreeSet<i64>,
    /// The count last sent (sent again only when it changes).
    unread: Option<serde_json::Value>,
    state: web::Data<AppState>,
}

impl MyStream {
    /// The unread count if it changed, and the notifications not sent yet, oldest first.
    async fn news(&mut self) -> ApiResult<Vec<Bytes>> {
        let token = self.token.clone();
        let (unread, newest) = db::run(&self.state.pool, move |conn| {
            let person = token.authorize(conn)?.id;
            Ok((queries::unread_count(conn, person)?, queries::list(conn, person, false, None, NEWEST)?))
        })
        .await?;
        let mut frames = Vec::new();
        let unread = serde_json::to_value(&unread).unwrap_or_default();
        if self.unread.as_ref() != Some(&unread) {
            frames.push(sse::message(None, "unread", &unread.to_string()));
            self.unread = Some(unread);
        }
        let floor = *self.floor.get_or_insert_with(|| newest.first().map_or(0, |n| n.id));
        // A fan-out that commits late may bring an id below one already sent: still above the
        // floor, still sent once.
        for n in newest.iter().rev().filter(|n| n.id > floor) {
            if self.sent.contains(&n.id) {
                continue;
            }
            let data = serde_json::to_string(n).unwrap_or_default();
            frames.push(sse::message(Some(&n.id.to_string()), "notification", &data));
            self.sent.insert(n.id);
        }
        while self.sent.len() > REMEMBERED {
            if let Some(oldest) = self.sent.pop_first() {
                self.floor = Some(floor.max(oldest));
            }
        }
        Ok(frames)
    }
}

impl sse::Source for MyStream {
    type Wake = ();

    fn wait(&mut self) -> std::pin::Pin<Box<dyn std::future::Future<Output = Option<()>> + '_>> {
        Box::pin(async move { self.wake.changed().await.ok() })
    }

    fn produce(&mut self, _: ()) -> std::pin::Pin<Box<dyn std::future::Future<Output = ApiResult<Vec<Bytes>>> + '_>> {
        Box::pin(self.news())
    }
}
