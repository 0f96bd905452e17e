//! API tokens: members create tokens for their own scripts (`/me/tokens`), admins issue tokens to
//! an organisation's app (`/admin/app-tokens`). Each holds scopes, never more than its owner's
//! role allows; it is shown once, kept hashed, listed with its last use, and revocable, the
//! revocation taking effect on the next request. How a token is checked is the kernel's
//! (`auth::BearerToken`); this folder is how people manage them.

mod dto;
mod handlers;
mod queries;

/// The events this resource's writes record: private (never in the change feed), audited.
pub mod events {
    crate::event_types! {
        API_TOKEN_CREATED => private "api_token.created",
        API_TOKEN_REVOKED => private "api_token.revoked",
    }
}

/// The problem codes of this resource.
pub mod codes {
    crate::problem_codes! {
        /// 403: a scope the owner's role does not allow, or `account` (sessions only).
        SCOPE_NOT_ALLOWED => ("scope_not_allowed", "Le rôle du compte ne permet pas de donner cette portée à un jeton."),
        /// 409: too many active tokens on one account.
        TOO_MANY_TOKENS => ("too_many_tokens", "Ce compte a trop de jetons actifs : révoquez-en un d'abord."),
    }
}

/// API tokens.
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
    tags: &[(
        "tokens",
        "API tokens: personal tokens for one's own scripts, app tokens issued by admins; scopes, last use, revocation",
    )],
    api_v1: Some(|cfg| {
        cfg.service(handlers::list_my_tokens)
            .service(handlers::create_my_token)
            .service(handlers::revoke_my_token)
            .service(handlers::list_app_tokens)
            .service(handlers::create_app_token)
            .service(handlers::revoke_app_token);
    }),
    schemas: crate::schemas![],
    events: events::ALL,
    codes: codes::ALL,
    ..crate::registry::Resource::NONE
};
