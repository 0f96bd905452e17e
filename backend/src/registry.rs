//! What each resource declares to the kernel, and the one place those declarations meet.
//!
//! A resource hands the kernel what it needs by declaration (its `RESOURCE`), never by being
//! named: its routes and contract tags, the kinds of events it records, its own problem codes,
//! the subject kind people discuss and follow (if any), whether its records are in the change
//! feed and in search, its background jobs, the jobs that follow other resources' events, its
//! housekeeping and its data fix-ups. `app::resources()` lists the resources once; at start-up
//! `install` gathers their declarations here, where the kernel reads them (`events::record`
//! finds the jobs an event starts, `subjects::resolve` the code of a kind…). The kernel itself
//! names no resource: this is the Django app registry, or crates.io's background jobs that
//! register by type.

use std::sync::OnceLock;

use crate::events::{EventType, Reaction, Subscription};
use crate::http::problem::ErrorCode;
use crate::jobs::worker::{Housekeeping, JobKind};
use crate::subjects::SubjectDecl;

/// A resource's part of the search query: a `SELECT` over its stored `tsvector`, one of the
/// `UNION ALL` arms `resources::search` puts together. Its columns, in order: `kind` (text),
/// `id`, `title`, `body` (the text the excerpt is cut from), `rank` (float4), `at`,
/// `commitment_id` (int8, or NULL), `subject_id` (int8: what a comment is about, or NULL) and
/// `lang` (or NULL). It may use `query.q` (the parsed query, from `query`), `$1` (the words),
/// `$2` (the kind asked for, or `all`: the arm filters on it) and `$3` (how many recent
/// matches a large table ranks).
pub struct SearchArm {
    pub kind: &'static str,
    pub sql: &'static str,
}

/// A change-feed record as readers of the event log outside the API see it (webhooks, streams).
pub struct RecordDecl {
    /// The API path of one record, `{key}` standing for its key (`/forums/{key}`).
    pub path: &'static str,
    /// Its public representation now, as `GET path` answers it (404: gone).
    pub load: fn(&mut diesel::PgConnection, i64) -> crate::http::problem::ApiResult<serde_json::Value>,
    /// The record a record of this kind belongs to, from one of its events' payload, as
    /// `(kind, id)`: a comment's discussion. Its events show in that record's stream too.
    pub within: Option<Within>,
}

/// From an event's payload, the record the changed one belongs to: `(kind, id)`.
pub type Within = fn(&serde_json::Value) -> Option<(String, i64)>;

/// A representation as JSON, for `RecordDecl::load`.
pub fn json(value: impl serde::Serialize) -> crate::http::problem::ApiResult<serde_json::Value> {
    serde_json::to_value(value).map_err(crate::http::problem::ApiError::internal)
}

/// One resource, as the application sees it.
pub struct Resource {
    /// `(name, description)` of each OpenAPI tag its operations use.
    pub tags: &'static [(&'static str, &'static str)],
    /// Registers its handlers under `/api/v1`.
    pub api_v1: Option<fn(&mut utoipa_actix_web::service_config::ServiceConfig)>,
    /// Registers its handlers at the root (probes).
    pub at_root: Option<fn(&mut utoipa_actix_web::service_config::ServiceConfig)>,
    /// `(constraint, detail)`: the 409 a client gets when a write breaks that constraint.
    pub unique: &'static [(&'static str, &'static str)],
    /// Schemas the contract needs that no route's types reach (types of query parameters,
    /// recursive fields): `crate::schemas![TypeA, TypeB]`.
    pub schemas: fn() -> Vec<(String, utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>)>,
    /// The kinds of events its writes record (`crate::event_types!`).
    pub events: &'static [EventType],
    /// Its own problem codes (`crate::problem_codes!`); the kernel's are always there.
    pub codes: &'static [ErrorCode],
    /// The kind of subject its records are, when people discuss or follow them.
    pub subject: Option<&'static SubjectDecl>,
    /// Its record type in the public change feed (`GET /changes`), when it is there: the part
    /// before the dot of its event types (`forum` for `forum.created`).
    pub change_feed: Option<&'static str>,
    /// Its change-feed records as readers of the log outside the API see them (webhooks).
    pub record: Option<&'static RecordDecl>,
    /// Its arm of the search query, when its records are searchable (see `resources::search`).
    pub search: Option<&'static SearchArm>,
    /// The background jobs it runs.
    pub jobs: &'static [JobKind],
    /// The jobs it starts when an event is recorded (its own or another resource's).
    pub subscriptions: &'static [Subscription],
    /// What it does in the transaction of another resource's event (`events::Reaction`).
    pub reactions: &'static [Reaction],
    /// What workers do on each beat (keep a scheduled job scheduled…).
    pub housekeeping: &'static [Housekeeping],
}

fn no_schemas() -> Vec<(String, utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>)> {
    Vec::new()
}

impl Resource {
    /// A resource that declares nothing: `Resource { tags: …, api_v1: …, ..Resource::NONE }`.
    pub const NONE: Resource = Resource {
        tags: &[],
        api_v1: None,
        at_root: None,
        unique: &[],
        schemas: no_schemas,
        events: &[],
        codes: &[],
        subject: None,
        change_feed: None,
        record: None,
        search: None,
        jobs: &[],
        subscriptions: &[],
        reactions: &[],
        housekeeping: &[],
    };
}

/// The schemas of these types, for `Resource::schemas`.
#[macro_export]
macro_rules! schemas {
    ($($t:ty),* $(,)?) => {{
        fn collect() -> Vec<(String, utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>)> {
            #[allow(unused_mut)]
            let mut out = Vec::new();
            $(
                out.push((<$t as utoipa::ToSchema>::name().into_owned(), <$t as utoipa::PartialSchema>::schema()));
                <$t as utoipa::ToSchema>::schemas(&mut out);
            )*
            out
        }
        collect
    }};
}

/// Every resource's declarations, gathered.
pub struct Declarations {
    pub resources: &'static [&'static Resource],
}

static INSTALLED: OnceLock<Declarations> = OnceLock::new();

/// Installs the resources' declarations for this process (once; later calls keep the first).
pub fn install(resources: &'static [&'static Resource]) {
    let _ = INSTALLED.set(Declarations { resources });
}

/// The installed declarations. Every process installs them first thing (`cli::run`); a kernel
/// function that needs them before that is a defect, said loudly rather than worked around.
pub fn get() -> &'static Declarations {
    INSTALLED.get().expect("registry::install was not called: the resources' declarations are missing")
}

impl Declarations {
    /// Every event type, the resources' order.
    pub fn event_types(&self) -> impl Iterator<Item = EventType> + '_ {
        self.resources.iter().flat_map(|r| r.events.iter().copied())
    }

    /// Every problem code: the kernel's, then the resources'.
    pub fn codes(&self) -> impl Iterator<Item = ErrorCode> + '_ {
        ErrorCode::KERNEL.iter().copied().chain(self.resources.iter().flat_map(|r| r.codes.iter().copied()))
    }

    /// Every kind of subject.
    pub fn subjects(&self) -> impl Iterator<Item = &'static SubjectDecl> + '_ {
        self.resources.iter().filter_map(|r| r.subject)
    }

    /// The record types of the public change feed.
    pub fn change_feed(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.resources.iter().filter_map(|r| r.change_feed)
    }

    /// How readers of the log outside the API see a record of the change-feed type `kind`.
    pub fn record(&self, kind: &str) -> Option<&'static RecordDecl> {
        self.resources.iter().find(|r| r.change_feed == Some(kind)).and_then(|r| r.record)
    }

    /// The arms of the search query.
    pub fn search_arms(&self) -> impl Iterator<Item = &'static SearchArm> + '_ {
        self.resources.iter().filter_map(|r| r.search)
    }

    /// Every job that follows an event.
    pub fn subscriptions(&self) -> impl Iterator<Item = &'static Subscription> + '_ {
        self.resources.iter().flat_map(|r| r.subscriptions.iter())
    }

    /// What resources do in the transaction of an event.
    pub fn reactions(&self) -> impl Iterator<Item = &'static Reaction> + '_ {
        self.resources.iter().flat_map(|r| r.reactions.iter())
    }

    /// Every kind of background job the resources run.
    pub fn jobs(&self) -> impl Iterator<Item = &'static JobKind> + '_ {
        self.resources.iter().flat_map(|r| r.jobs.iter())
    }

    /// Every worker beat's housekeeping.
    pub fn housekeeping(&self) -> impl Iterator<Item = Housekeeping> + '_ {
        self.resources.iter().flat_map(|r| r.housekeeping.iter().copied())
    }
}
