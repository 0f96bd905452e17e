//! Two factors (issue 24, point 3): a person turns on a TOTP second factor from their account
//! page (`/me/two-factor`: begin with the password, confirm with a first code, keep the recovery
//! codes shown once), makes new recovery codes, turns it off; admins reset it for someone who
//! lost their device (`/admin/users/{id}/two-factor`, audited). Signing in then needs a code
//! (`accounts::login`), and roles listed in `TWO_FACTOR_ROLES` hold their rights only with one
//! (`auth::AuthUser::acting_role`). The codes themselves are the kernel's (`auth::two_factor`).

mod dto;
mod handlers;

/// This resource's problem codes (`registry::Resource::codes`).
pub mod codes {
    crate::problem_codes! {
        /// 409: the second factor is on already (turn it off first to change device).
        TWO_FACTOR_ON => ("two_factor_on", "La double authentification est déjà activée sur ce compte."),
        /// 409: no second factor is on, or being set up, for this account.
        TWO_FACTOR_OFF => ("two_factor_off", "La double authentification n'est pas activée sur ce compte."),
        /// 409: the account's role requires a second factor; it cannot be turned off.
        TWO_FACTOR_KEPT => ("two_factor_kept", "Votre rôle exige la double authentification : elle ne peut pas être désactivée."),
    }
}

/// The events this resource's writes record: private, audited.
pub mod events {
    crate::event_types! {
        USER_TWO_FACTOR_ON => private "user.two_factor_on",
        USER_TWO_FACTOR_OFF => private "user.two_factor_off",
    }
}

/// Two factors.
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
    tags: &[("two_factor", "Two factors: a TOTP authenticator app and recovery codes, needed at sign-in once on")],
    api_v1: Some(|cfg| {
        cfg.service(handlers::my_two_factor)
            .service(handlers::begin_two_factor)
            .service(handlers::confirm_two_factor)
            .service(handlers::new_recovery_codes)
            .service(handlers::turn_off_two_factor)
            .service(handlers::reset_two_factor);
    }),
    codes: codes::ALL,
    events: events::ALL,
    schemas: crate::schemas![],
    housekeeping: &[forget_pending_secrets],
    ..crate::registry::Resource::NONE
};

/// A secret begun and never confirmed is forgotten after a day (`auth::two_factor::PENDING_HOURS`).
fn forget_pending_secrets(conn: &mut diesel::PgConnection) -> diesel::QueryResult<()> {
    crate::auth::two_factor::forget_pending(conn).map(|_| ())
}
