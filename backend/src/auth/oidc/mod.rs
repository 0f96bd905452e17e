//! Sign-in at an OpenID Connect provider: ProConnect for public officials, FranceConnect for
//! citizens (issue 24, point 1). The protocol is `openidconnect`'s: discovery from the issuer,
//! the authorization code flow with PKCE, `state` and `nonce`; the ID token checked against the
//! provider's keys (signature, `iss`, `aud`, `exp`, `nonce`); userinfo as the provider returns
//! it, plain JSON or a signed JWT (both providers sign it).
//!
//! The provider's metadata and keys are kept five minutes; an ID token that fails against kept
//! keys is checked again against freshly fetched ones, so a key rotation costs one retry, not a
//! failed sign-in. Every call here blocks (the HTTP client is `ureq`, as for webhooks): callers
//! run them off the async executor (`web::block`).
//!
//! What the flow must remember between leaving for the provider and coming back (`Flow`: the
//! state, the nonce, the PKCE verifier, where to go next) travels in a short-lived signed
//! cookie, not in the database: nothing to clean up, and a flow begun in one browser cannot be
//! finished in another.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreGenderClaim, CoreIdToken};
use openidconnect::{
    AdditionalClaims, AuthType, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndSessionUrl, IssuerUrl,
    LogoutRequest, Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, PostLogoutRedirectUrl,
    ProviderMetadataWithLogout, RedirectUrl, Scope, TokenResponse, UserInfoClaims,
};
use serde::{Deserialize, Serialize};

use crate::config::Secret;
use http::Http;
pub use provider_id::ProviderId;

mod http;
mod provider_id;

/// A provider's settings (`config::oidc`).
#[derive(Debug, Clone)]
pub struct ProviderSettings {
    pub id: ProviderId,
    /// No trailing slash: compared with the metadata's and the tokens' `iss` as written.
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Secret,
    pub scopes: Vec<String>,
    pub acr_values: Option<String>,
    /// `acr` values that stand for a second factor (ProConnect only).
    pub strong_acr: Vec<String>,
}

/// What is remembered between leaving for the provider and coming back (in a signed cookie).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Flow {
    pub provider: ProviderId,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
    /// The web app's path to go back to.
    pub next: String,
    /// Begun by a signed-in account from its account page: the identity is linked to it (its
    /// id, and the session to replace).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link_to: Option<(i64, Option<i64>)>,
}

/// Who the provider says signed in, checked.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SignedIn {
    pub provider: ProviderId,
    pub subject: String,
    pub email: String,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    /// ProConnect: the organisation the official signed in for.
    pub siret: Option<String>,
    /// The provider asserted an authentication strong enough to stand for the second factor.
    pub strong: bool,
    /// The raw ID token, to end the provider's session at sign-out.
    pub id_token: String,
}

/// Why a sign-in at a provider failed: each is a stable code the web app explains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The answer does not belong to a flow this browser began (no, expired or another `state`).
    State,
    /// The person cancelled, or the provider refused (`error` in the answer).
    Denied,
    /// The provider could not be reached, or answered nonsense.
    Unavailable,
    /// The provider refused the code (used already, expired).
    Code,
    /// The ID token failed its checks (signature, issuer, audience, expiry, nonce).
    Token,
    /// The provider gave no e-mail address, or one not verified.
    Email,
}

impl Failure {
    pub fn code(self) -> &'static str {
        match self {
            Failure::State => "state",
            Failure::Denied => "denied",
            Failure::Unavailable => "unavailable",
            Failure::Code => "code",
            Failure::Token => "token",
            Failure::Email => "email",
        }
    }
}

/// The claims beyond the standard ones that ProConnect sends (FranceConnect sends none of them).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct ExtraClaims {
    usual_name: Option<String>,
    siret: Option<String>,
    uid: Option<String>,
}
impl AdditionalClaims for ExtraClaims {}

/// How long discovered metadata and keys are kept.
const METADATA_KEPT: Duration = Duration::from_secs(300);
/// The most a provider's answer may weigh.
const MAX_ANSWER: u64 = 1024 * 1024;

struct Provider {
    settings: ProviderSettings,
    kept: Mutex<Option<(Instant, ProviderMetadataWithLogout)>>,
}

/// The configured providers.
pub struct Providers {
    providers: Vec<Provider>,
    /// `PUBLIC_URL`: where the provider sends people back to.
    public_url: String,
    agent: ureq::Agent,
}

impl Providers {
    pub fn new(settings: Vec<ProviderSettings>, public_url: &str) -> Providers {
        Providers {
            providers: settings.into_iter().map(|settings| Provider { settings, kept: Mutex::new(None) }).collect(),
            public_url: public_url.trim_end_matches('/').to_string(),
            // No redirects: a provider's endpoint that redirects is misconfigured, and following
            // one would let it send our requests anywhere.
            agent: ureq::AgentBuilder::new()
                .timeout_connect(Duration::from_secs(5))
                .timeout(Duration::from_secs(10))
                .redirects(0)
                .build(),
        }
    }

    /// The configured providers, in a stable order.
    pub fn configured(&self) -> Vec<ProviderId> {
        self.providers.iter().map(|p| p.settings.id).collect()
    }

    fn get(&self, id: ProviderId) -> Option<&Provider> {
        self.providers.iter().find(|p| p.settings.id == id)
    }

    /// Where the provider sends people back: `/api/v1/auth/oidc/{provider}/callback`.
    pub fn redirect_url(&self, id: ProviderId) -> String {
        format!("{}/api/v1/auth/oidc/{}/callback", self.public_url, id.as_str())
    }

    fn metadata(&self, provider: &Provider, fresh: bool) -> Result<ProviderMetadataWithLogout, Failure> {
        if !fresh {
            let kept = provider.kept.lock().unwrap_or_else(|e| e.into_inner());
            if let Some((at, metadata)) = kept.as_ref() {
                if at.elapsed() < METADATA_KEPT {
                    return Ok(metadata.clone());
                }
            }
        }
        let issuer = IssuerUrl::new(provider.settings.issuer.clone()).map_err(|_| Failure::Unavailable)?;
        let metadata = ProviderMetadataWithLogout::discover(&issuer, &Http(&self.agent)).map_err(|e| {
            log::warn!("{}: discovery failed: {e}", provider.settings.id.name());
            Failure::Unavailable
        })?;
        *provider.kept.lock().unwrap_or_else(|e| e.into_inner()) = Some((Instant::now(), metadata.clone()));
        Ok(metadata)
    }

    fn client(
        &self,
        provider: &Provider,
        metadata: ProviderMetadataWithLogout,
    ) -> Result<
        CoreClient<
            openidconnect::EndpointSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointMaybeSet,
            openidconnect::EndpointMaybeSet,
        >,
        Failure,
    > {
        let redirect = RedirectUrl::new(self.redirect_url(provider.settings.id)).map_err(|_| Failure::Unavailable)?;
        Ok(CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(provider.settings.client_id.clone()),
            Some(ClientSecret::new(provider.settings.client_secret.expose_str().to_string())),
        )
        // Both providers take the client's secret in the request's body.
        .set_auth_type(AuthType::RequestBody)
        .set_redirect_uri(redirect))
    }

    /// Where to send the browser to sign in at `id`, and the flow to remember until it comes
    /// back to `next`. `None` when `id` is not configured.
    pub fn begin(
        &self,
        id: ProviderId,
        next: String,
        link_to: Option<(i64, Option<i64>)>,
    ) -> Option<Result<(String, Flow), Failure>> {
        let provider = self.get(id)?;
        Some((|| {
            let client = self.client(provider, self.metadata(provider, false)?)?;
            let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
            let mut request = client
                .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
                .set_pkce_challenge(challenge);
            for scope in provider.settings.scopes.iter().filter(|s| *s != "openid") {
                request = request.add_scope(Scope::new(scope.clone()));
            }
            if let Some(acr) = &provider.settings.acr_values {
                request = request.add_extra_param("acr_values", acr.clone());
            }
            let (url, state, nonce) = request.url();
            Ok((
                url.to_string(),
                Flow {
                    provider: id,
                    state: state.secret().clone(),
                    nonce: nonce.secret().clone(),
                    pkce_verifier: verifier.secret().clone(),
                    next,
                    link_to,
                },
            ))
        })())
    }

    /// Finishes `flow` with the provider's `code`: the code exchanged for tokens, the ID token
    /// checked, userinfo read. `None` when the flow's provider is not configured (any more).
    pub fn finish(&self, flow: &Flow, code: &str) -> Option<Result<SignedIn, Failure>> {
        let provider = self.get(flow.provider)?;
        Some(self.finish_at(provider, flow, code))
    }

    fn finish_at(&self, provider: &Provider, flow: &Flow, code: &str) -> Result<SignedIn, Failure> {
        let name = provider.settings.id.name();
        let client = self.client(provider, self.metadata(provider, false)?)?;
        let answer = client
            .exchange_code(AuthorizationCode::new(code.to_string()))
            .map_err(|_| Failure::Unavailable)?
            .set_pkce_verifier(PkceCodeVerifier::new(flow.pkce_verifier.clone()))
            .request(&Http(&self.agent))
            .map_err(|e| match e {
                openidconnect::RequestTokenError::ServerResponse(refusal) => {
                    log::info!("{name}: code refused: {:?}", refusal.error());
                    Failure::Code
                }
                other => {
                    log::warn!("{name}: token endpoint failed: {other}");
                    Failure::Unavailable
                }
            })?;
        let id_token: &CoreIdToken = answer.id_token().ok_or(Failure::Token)?;
        let nonce = Nonce::new(flow.nonce.clone());
        // Checked against the kept keys, then, on failure, against fresh ones (a rotation).
        let claims = match id_token.claims(&client.id_token_verifier(), &nonce) {
            Ok(claims) => claims.clone(),
            Err(first) => {
                let fresh = self.client(provider, self.metadata(provider, true)?)?;
                let claims = id_token.claims(&fresh.id_token_verifier(), &nonce).map_err(|e| {
                    log::info!("{name}: ID token refused: {e} (first: {first})");
                    Failure::Token
                })?;
                claims.clone()
            }
        };
        let subject = claims.subject().clone();
        let info: UserInfoClaims<ExtraClaims, CoreGenderClaim> = client
            .user_info(answer.access_token().clone(), Some(subject.clone()))
            .map_err(|_| Failure::Unavailable)?
            .request(&Http(&self.agent))
            .map_err(|e| {
                log::warn!("{name}: userinfo failed: {e}");
                Failure::Unavailable
            })?;
        if info.email_verified() == Some(false) {
            return Err(Failure::Email);
        }
        let email = info
            .email()
            .or(claims.email())
            .map(|e| e.as_str().trim().to_string())
            .filter(|e| e.contains('@'))
            .ok_or(Failure::Email)?;
        let localized = |c: Option<&openidconnect::LocalizedClaim<openidconnect::EndUserGivenName>>| {
            c.and_then(|c| c.get(None)).map(|n| n.as_str().trim().to_string()).filter(|n| !n.is_empty())
        };
        let family = info
            .additional_claims()
            .usual_name
            .clone()
            .or_else(|| info.family_name().and_then(|c| c.get(None)).map(|n| n.as_str().to_string()))
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty());
        let strong =
            claims.auth_context_ref().is_some_and(|acr| provider.settings.strong_acr.iter().any(|s| s == acr.as_str()));
        Ok(SignedIn {
            provider: provider.settings.id,
            subject: subject.as_str().to_string(),
            email,
            given_name: localized(info.given_name()),
            family_name: family,
            siret: info
                .additional_claims()
                .siret
                .clone()
                .map(|s| s.chars().filter(char::is_ascii_digit).collect::<String>())
                .filter(|s| s.len() == 14),
            strong,
            id_token: id_token.to_string(),
        })
    }

    /// Where to send the browser to end its session at the provider too, then come back to the
    /// site (`id_token_hint`, as FranceConnect requires). `None` when the provider is not
    /// configured, announces no `end_session_endpoint`, or cannot be reached.
    pub fn end_session_url(&self, id: ProviderId, id_token: &str) -> Option<String> {
        let provider = self.get(id)?;
        let metadata = self.metadata(provider, false).ok()?;
        let endpoint: EndSessionUrl = metadata.additional_metadata().end_session_endpoint.clone()?;
        let hint: CoreIdToken = id_token.parse().ok()?;
        let back = PostLogoutRedirectUrl::new(format!("{}/", self.public_url)).ok()?;
        Some(
            LogoutRequest::from(endpoint)
                .set_id_token_hint(&hint)
                .set_client_id(ClientId::new(provider.settings.client_id.clone()))
                .set_post_logout_redirect_uri(back)
                .set_state(CsrfToken::new_random())
                .http_get_url()
                .to_string(),
        )
    }
}
