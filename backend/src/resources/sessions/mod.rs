//! Sessions people control: each sign-in is a session the server knows (`auth::session`, where
//! tokens are checked against it). Here people list theirs (`/me/sessions`: device, address
//! family, created, last used), end one, end them all ("everywhere"), sign out
//! (`/auth/logout`, which ends the session on the server too), and admins end someone's
//! (`/admin/users/{id}/sessions`, audited). Ending takes effect on the next request.

mod dto;
mod handlers;

/// The events this resource's writes record: private, audited.
pub mod events {
    crate::event_types! {
        USER_SESSIONS_ENDED => private "user.sessions_ended",
    }
}

/// Sessions.
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
    tags: &[("sessions", "Sessions: one's signed-in devices, ended one by one or everywhere")],
    api_v1: Some(|cfg| {
        cfg.service(handlers::list_my_sessions)
            .service(handlers::end_my_session)
            .service(handlers::end_all_my_sessions)
            .service(handlers::sign_out)
            .service(handlers::end_users_sessions);
    }),
    schemas: crate::schemas![],
    events: events::ALL,
    housekeeping: &[forget_old_sessions],
    ..crate::registry::Resource::NONE
};

/// Sessions over (ended or expired) for `auth::session::KEEP_OVER_DAYS` are forgotten.
fn forget_old_sessions(conn: &mut diesel::PgConnection) -> diesel::QueryResult<()> {
    crate::auth::session::forget_old(conn).map(|_| ())
}
