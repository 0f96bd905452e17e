//! Bearer tokens: HS256 JWTs with issuer, audience, expiry; nothing else is accepted
//! (`alg: none` and other algorithms fail validation).
//!
//! Every token names its key (`kid`, derived from the secret, never revealing it), so that
//! `JWT_SECRET` can rotate: the previous secret (`JWT_PREVIOUS_SECRET`) is accepted until a set
//! instant (`JWT_PREVIOUS_SECRET_UNTIL`), after which its tokens fail like any bad one. A
//! token without a `kid` (issued before kids existed) is checked against the current secret.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Utc};
use jsonwebtoken::{decode, decode_header, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

const ISSUER: &str = "opendetat";
const AUDIENCE: &str = "opendetat-api";

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub iss: String,
    pub aud: String,
    pub iat: u64,
    pub exp: u64,
    /// The account's `session_version` when the token was issued (0 for tokens from before
    /// versions existed).
    #[serde(default)]
    pub ver: i32,
    /// The session the token belongs to (`auth::session`); none on tokens from before sessions
    /// were kept, which last until their expiry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sid: Option<i64>,
}

#[derive(Serialize, Deserialize)]
struct Sealed<T> {
    iss: String,
    aud: String,
    exp: u64,
    #[serde(flatten)]
    data: T,
}

/// What a valid token says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verified {
    pub user: i64,
    pub session_version: i32,
    /// Seconds since the epoch.
    pub expires: u64,
    pub sid: Option<i64>,
}

pub struct TokenKeys {
    encoding: EncodingKey,
    /// The current secret's key id, on every token issued.
    kid: String,
    decoding: DecodingKey,
    /// The secret before the current one: its key id, key, and until when it is accepted.
    previous: Option<(String, DecodingKey, DateTime<Utc>)>,
    validation: Validation,
    pub ttl: Duration,
}

/// A secret's key id: the first 64 bits of a SHA-256 of it (in a domain of its own), enough to
/// tell two secrets apart and nothing about either.
pub fn key_id(secret: &[u8]) -> String {
    let digest = Sha256::new().chain_update(b"opendetat jwt kid\0").chain_update(secret).finalize();
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

impl TokenKeys {
    pub fn new(secret: &[u8], ttl: Duration) -> TokenKeys {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 5;
        TokenKeys {
            encoding: EncodingKey::from_secret(secret),
            kid: key_id(secret),
            decoding: DecodingKey::from_secret(secret),
            previous: None,
            validation,
            ttl,
        }
    }

    /// Also accepts tokens signed with `secret` (the one `JWT_SECRET` held before), until `until`.
    pub fn with_previous(mut self, secret: &[u8], until: DateTime<Utc>) -> TokenKeys {
        self.previous = Some((key_id(secret), DecodingKey::from_secret(secret), until));
        self
    }

    /// The expiry a token issued now gets.
    pub fn expiry(&self) -> DateTime<Utc> {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
        DateTime::<Utc>::from_timestamp((now + self.ttl.as_secs()) as i64, 0).unwrap_or_else(Utc::now)
    }

    /// A token for `user_id`'s session `sid`, valid until `expires_at` (`expiry`).
    pub fn issue(
        &self,
        user_id: i64,
        session_version: i32,
        sid: Option<i64>,
        expires_at: DateTime<Utc>,
    ) -> Result<(String, DateTime<Utc>), String> {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
        let exp = expires_at.timestamp().max(0) as u64;
        let claims = Claims {
            sub: user_id.to_string(),
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            iat: now,
            exp,
            ver: session_version,
            sid,
        };
        let header = Header { kid: Some(self.kid.clone()), ..Header::new(Algorithm::HS256) };
        let token = encode(&header, &claims, &self.encoding).map_err(|e| format!("token signing failed: {e}"))?;
        let expires_at = DateTime::<Utc>::from_timestamp(exp as i64, 0).unwrap_or_else(Utc::now);
        Ok((token, expires_at))
    }

    /// The user id and session version of a valid token, or None (bad signature, expired,
    /// wrong issuer…).
    pub fn verify(&self, token: &str) -> Option<(i64, i32)> {
        self.verify_fully(token).map(|v| (v.user, v.session_version))
    }

    /// `verify`, with the token's expiry (what outlives the request that checked it, a stream,
    /// checks it again) and session.
    pub fn verify_fully(&self, token: &str) -> Option<Verified> {
        let key = match decode_header(token).ok()?.kid {
            None => &self.decoding,
            Some(kid) if kid == self.kid => &self.decoding,
            Some(kid) => match &self.previous {
                Some((previous, key, until)) if kid == *previous && Utc::now() < *until => key,
                _ => return None,
            },
        };
        decode::<Claims>(token, key, &self.validation).ok().and_then(|data| {
            Some(Verified {
                user: data.claims.sub.parse().ok()?,
                session_version: data.claims.ver,
                expires: data.claims.exp,
                sid: data.claims.sid,
            })
        })
    }

    /// `payload`, signed for `purpose` until `ttl` from now: what a short-lived cookie carries
    /// (a sign-in at a provider under way). Never a bearer token: its audience is `purpose`.
    pub fn seal<T: Serialize>(&self, purpose: &str, payload: &T, ttl: Duration) -> Result<String, String> {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
        let sealed = Sealed { iss: ISSUER.into(), aud: purpose.into(), exp: now + ttl.as_secs(), data: payload };
        let header = Header { kid: Some(self.kid.clone()), ..Header::new(Algorithm::HS256) };
        encode(&header, &sealed, &self.encoding).map_err(|e| format!("sealing failed: {e}"))
    }

    /// What `seal` signed for `purpose`, unless altered, expired or sealed for another purpose.
    pub fn open<T: serde::de::DeserializeOwned>(&self, purpose: &str, sealed: &str) -> Option<T> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[purpose]);
        validation.set_required_spec_claims(&["exp", "iss", "aud"]);
        validation.leeway = 0;
        decode::<Sealed<T>>(sealed, &self.decoding, &validation).ok().map(|d| d.claims.data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issues_and_verifies() {
        let keys = TokenKeys::new(&[7u8; 32], Duration::from_secs(60));
        let (token, _) = keys.issue(42, 3, Some(9), keys.expiry()).unwrap();
        assert_eq!(keys.verify(&token), Some((42, 3)));
        assert_eq!(keys.verify_fully(&token).map(|v| v.sid), Some(Some(9)), "the token names its session");
        let other = TokenKeys::new(&[8u8; 32], Duration::from_secs(60));
        assert_eq!(other.verify(&token), None);
        assert_eq!(keys.verify("garbage"), None);
    }

    #[test]
    fn every_token_names_its_key_and_the_previous_secret_works_until_its_end() {
        let old = TokenKeys::new(&[7u8; 32], Duration::from_secs(60));
        let (before, _) = old.issue(42, 1, None, old.expiry()).unwrap();
        assert_eq!(decode_header(&before).unwrap().kid, Some(key_id(&[7u8; 32])));
        let rotated = TokenKeys::new(&[8u8; 32], Duration::from_secs(60))
            .with_previous(&[7u8; 32], Utc::now() + chrono::Duration::hours(1));
        assert_eq!(rotated.verify(&before), Some((42, 1)));
        let (after, _) = rotated.issue(43, 1, None, rotated.expiry()).unwrap();
        assert_eq!(decode_header(&after).unwrap().kid, Some(key_id(&[8u8; 32])));
        assert_eq!(rotated.verify(&after), Some((43, 1)));
        assert_eq!(old.verify(&after), None, "the old secret does not know the new key");
        let ended = TokenKeys::new(&[8u8; 32], Duration::from_secs(60))
            .with_previous(&[7u8; 32], Utc::now() - chrono::Duration::seconds(1));
        assert_eq!(ended.verify(&before), None, "past its end the previous secret is refused");
        // A token signed with the previous secret but claiming the current key fails its signature.
        let forged = {
            let header = Header { kid: Some(key_id(&[8u8; 32])), ..Header::new(Algorithm::HS256) };
            let claims =
                decode::<Claims>(&before, &DecodingKey::from_secret(&[7u8; 32]), &old.validation).unwrap().claims;
            encode(&header, &claims, &EncodingKey::from_secret(&[7u8; 32])).unwrap()
        };
        assert_eq!(rotated.verify(&forged), None);
        assert_ne!(key_id(&[7u8; 32]), key_id(&[8u8; 32]));
    }

    #[test]
    fn what_is_sealed_opens_for_its_purpose_only_and_never_as_a_token() {
        let keys = TokenKeys::new(&[7u8; 32], Duration::from_secs(60));
        let sealed = keys.seal("flow", &serde_json::json!({"next": "/forums"}), Duration::from_secs(60)).unwrap();
        assert_eq!(keys.open::<serde_json::Value>("flow", &sealed).unwrap()["next"], "/forums");
        assert!(keys.open::<serde_json::Value>("other", &sealed).is_none());
        assert!(keys.verify(&sealed).is_none(), "a sealed payload is not a bearer token");
        let other = TokenKeys::new(&[8u8; 32], Duration::from_secs(60));
        assert!(other.open::<serde_json::Value>("flow", &sealed).is_none());
    }
}
