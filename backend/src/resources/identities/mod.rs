//! Identities at providers (issue 24, point 1): signing in with ProConnect (public officials)
//! and FranceConnect (citizens). A provider's sign-in signs in the account its identity is
//! linked to; a new person gets an account; an account that already has the e-mail is linked
//! only once its owner proves it (its password), never silently. People see and unlink their
//! identities (`/me/identities`) while another way to sign in remains. A ProConnect official
//! whose organisation's SIREN is an institution's is linked to it, at once or once an admin
//! confirms (`PROCONNECT_TRUST_INSTITUTIONS`). The protocol is the kernel's (`auth::oidc`).

mod dto;
mod handlers;
mod management;
pub mod queries;

/// This resource's problem codes (`registry::Resource::codes`).
pub mod codes {
    crate::problem_codes! {
        /// 409: the identity is another account's, or the account has another one at the provider.
        IDENTITY_TAKEN => ("identity_taken", "Cette identité est déjà liée à un autre compte, ou ce compte en a déjà une chez ce fournisseur."),
        /// 409: the identity is the account's only way to sign in.
        LAST_SIGN_IN_METHOD => ("last_sign_in_method", "C'est le seul moyen de connexion du compte : choisissez d'abord un mot de passe."),
    }
}

/// The events this resource's writes record: private, audited.
pub mod events {
    crate::event_types! {
        USER_IDENTITY_LINKED => private "user.identity_linked",
        USER_IDENTITY_UNLINKED => private "user.identity_unlinked",
    }
}

/// Identities at providers.
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
    api_v1: Some(|cfg| {
        cfg.service(management::providers)
            .service(handlers::start)
            .service(handlers::callback)
            .service(handlers::pending_link)
            .service(handlers::confirm_link)
            .service(management::my_identities)
            .service(management::unlink_identity)
            .service(management::institution_claims)
            .service(management::decline_claim);
    }),
    codes: codes::ALL,
    events: events::ALL,
    schemas: crate::schemas![],
    ..crate::registry::Resource::NONE
};
