//! Bearer tokens: HS256 JWTs with issuer, audience, expiry; nothing else is accepted
//! (`alg: none` and other algorithms fail validation).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Utc};
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

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
}

pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    pub ttl: Duration,
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
            decoding: DecodingKey::from_secret(secret),
            validation,
            ttl,
        }
    }

    pub fn issue(&self, user_id: i64, session_version: i32) -> Result<(String, DateTime<Utc>), String> {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
        let exp = now + self.ttl.as_secs();
        let claims = Claims {
            sub: user_id.to_string(),
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            iat: now,
            exp,
            ver: session_version,
        };
        let token = encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| format!("token signing failed: {e}"))?;
        let expires_at = DateTime::<Utc>::from_timestamp(exp as i64, 0).unwrap_or_else(Utc::now);
        Ok((token, expires_at))
    }

    /// The user id and session version of a valid token, or None (bad signature, expired,
    /// wrong issuer…).
    pub fn verify(&self, token: &str) -> Option<(i64, i32)> {
        self.verify_until(token).map(|(user, version, _)| (user, version))
    }

    /// `verify`, with the token's expiry (seconds since the epoch): what outlives the request
    /// that checked it (a stream) checks it again.
    pub fn verify_until(&self, token: &str) -> Option<(i64, i32, u64)> {
        decode::<Claims>(token, &self.decoding, &self.validation)
            .ok()
            .and_then(|data| Some((data.claims.sub.parse().ok()?, data.claims.ver, data.claims.exp)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issues_and_verifies() {
        let keys = TokenKeys::new(&[7u8; 32], Duration::from_secs(60));
        let (token, _) = keys.issue(42, 3).unwrap();
        assert_eq!(keys.verify(&token), Some((42, 3)));
        let other = TokenKeys::new(&[8u8; 32], Duration::from_secs(60));
        assert_eq!(other.verify(&token), None);
        assert_eq!(keys.verify("garbage"), None);
    }
}
