//! The providers the platform knows, and what differs between them.

use serde::{Deserialize, Serialize};

/// The providers the platform knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
pub enum ProviderId {
    /// ProConnect: public officials (the organisation's SIRET comes with the sign-in).
    #[serde(rename = "proconnect")]
    ProConnect,
    /// FranceConnect: citizens.
    #[serde(rename = "franceconnect")]
    FranceConnect,
}

impl ProviderId {
    pub fn as_str(self) -> &'static str {
        match self {
            ProviderId::ProConnect => "proconnect",
            ProviderId::FranceConnect => "franceconnect",
        }
    }

    pub fn parse(raw: &str) -> Option<ProviderId> {
        match raw {
            "proconnect" => Some(ProviderId::ProConnect),
            "franceconnect" => Some(ProviderId::FranceConnect),
            _ => None,
        }
    }

    /// The name people know it by.
    pub fn name(self) -> &'static str {
        match self {
            ProviderId::ProConnect => "ProConnect",
            ProviderId::FranceConnect => "FranceConnect",
        }
    }

    pub fn env_prefix(self) -> &'static str {
        match self {
            ProviderId::ProConnect => "PROCONNECT",
            ProviderId::FranceConnect => "FRANCECONNECT",
        }
    }

    /// The scopes asked unless `*_SCOPES` says otherwise: the claims the platform uses, no more
    /// (FranceConnect: name and e-mail; ProConnect: also the organisation's SIRET).
    pub fn default_scopes(self) -> &'static str {
        match self {
            ProviderId::ProConnect => "openid email given_name usual_name uid siret",
            ProviderId::FranceConnect => "openid email given_name family_name",
        }
    }

    /// FranceConnect asks for `eidas1` (the level its documentation requires of a service like
    /// this one); ProConnect's level is the provider's default unless `PROCONNECT_ACR_VALUES`.
    pub fn default_acr_values(self) -> Option<&'static str> {
        match self {
            ProviderId::ProConnect => None,
            ProviderId::FranceConnect => Some("eidas1"),
        }
    }
}
