//! The identity providers' settings (`PROCONNECT_*`, `FRANCECONNECT_*`): a provider is on when
//! its issuer is set, and then needs its client id and secret.

use crate::auth::oidc::{ProviderId, ProviderSettings};

/// ProConnect's `acr` values that stand for a second factor (its documentation's two-factor
/// levels and eIDAS substantial and high).
pub const PROCONNECT_STRONG_ACR: &str = "eidas2,eidas3,https://proconnect.gouv.fr/assurance/self-asserted-2fa,https://proconnect.gouv.fr/assurance/consistency-checked-2fa";

pub(super) fn parse(get: &impl Fn(&str) -> Option<String>) -> Result<Vec<ProviderSettings>, String> {
    let mut providers = Vec::new();
    for id in [ProviderId::ProConnect, ProviderId::FranceConnect] {
        let prefix = id.env_prefix();
        let var = |name: &str| get(&format!("{prefix}_{name}")).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let Some(issuer) = var("ISSUER") else { continue };
        if !(issuer.starts_with("https://") || issuer.starts_with("http://")) {
            return Err(format!("{prefix}_ISSUER must be the provider's https:// address, not {issuer:?}"));
        }
        let (Some(client_id), Some(client_secret)) = (var("CLIENT_ID"), var("CLIENT_SECRET")) else {
            return Err(format!(
                "{prefix}_ISSUER is set: {prefix}_CLIENT_ID and {prefix}_CLIENT_SECRET must be too (from the provider's partner space)"
            ));
        };
        let words = |raw: Option<String>, default: &str| -> Vec<String> {
            raw.unwrap_or_else(|| default.into())
                .split([',', ' '])
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        };
        let scopes = words(var("SCOPES"), id.default_scopes());
        if !scopes.iter().any(|s| s == "openid") {
            return Err(format!("{prefix}_SCOPES must include openid"));
        }
        providers.push(ProviderSettings {
            id,
            issuer: issuer.trim_end_matches('/').to_string(),
            client_id,
            client_secret: super::Secret(client_secret),
            scopes,
            acr_values: var("ACR_VALUES").or_else(|| id.default_acr_values().map(str::to_string)),
            strong_acr: match id {
                ProviderId::ProConnect => words(var("STRONG_ACR"), PROCONNECT_STRONG_ACR),
                // Citizens hold no staff role: FranceConnect never stands for a second factor.
                ProviderId::FranceConnect => Vec::new(),
            },
        });
    }
    Ok(providers)
}
