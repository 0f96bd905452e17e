//! Second factors: a TOTP secret (RFC 6238: SHA-1, 6 digits, 30-second steps, what every
//! authenticator app reads from an `otpauth://` address) and ten single-use recovery codes.
//!
//! A code is accepted once: the step of the last accepted code is kept, and only a later step
//! passes (RFC 6238, 5.2), so a code seen over someone's shoulder is spent. One step either
//! side of now is allowed for clocks that drift. Recovery codes are 60 random bits, stored as
//! SHA-256 digests (a slow hash adds nothing to a random secret of that size).

use chrono::Utc;
use diesel::prelude::*;
use rand::RngCore;
use sha2::{Digest, Sha256};
use totp_rs::{Algorithm, TOTP};

use crate::db::ids::UserId;
use crate::db::schema::{recovery_codes, two_factor_secrets, users};

/// Seconds in a step.
const STEP: u64 = 30;
/// How many recovery codes a set holds.
pub const RECOVERY_CODES: usize = 10;
/// What authenticator apps show as the account's issuer.
const ISSUER: &str = "Open d'État";

/// A fresh secret of 160 bits.
pub fn new_secret() -> Vec<u8> {
    let mut secret = vec![0u8; 20];
    rand::thread_rng().fill_bytes(&mut secret);
    secret
}

/// The secret in base 32 (what a person types when they cannot scan) and the `otpauth://`
/// address a QR code carries, labelled with `account` (an address or a handle).
pub fn provisioning(secret: &[u8], account: &str) -> (String, String) {
    // A colon would end the label early (Key Uri Format): the handle has none.
    let totp = TOTP::new_unchecked(
        Algorithm::SHA1,
        6,
        1,
        STEP,
        secret.to_vec(),
        Some(ISSUER.into()),
        account.replace(':', ""),
    );
    (totp.get_secret_base32(), totp.get_url())
}

/// The step `code` (six digits, spaces allowed) is the code of within one step of now, if any.
fn matching_step(secret: &[u8], code: &str) -> Option<u64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // No skew in the checker: each step is asked alone, so that the one that matched is known.
    let totp = TOTP::new_unchecked(Algorithm::SHA1, 6, 0, STEP, secret.to_vec(), None, String::new());
    let now = Utc::now().timestamp().max(0) as u64 / STEP;
    (now.saturating_sub(1)..=now + 1).find(|step| totp.check(&code, step * STEP))
}

/// What a good code was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accepted {
    /// A code of the authenticator app.
    App,
    /// A recovery code, now used up.
    RecoveryCode,
}

/// Whether `code` is a good code for the pending (not yet confirmed) or confirmed secret of
/// `user`: a TOTP code of a step later than the last accepted (which it becomes), or, when
/// `recovery` allows it, a recovery code not used yet (which is used up). In the caller's
/// transaction.
pub fn accept(conn: &mut PgConnection, user: UserId, code: &str, recovery: bool) -> QueryResult<Option<Accepted>> {
    let Some((secret, last)) = two_factor_secrets::table
        .find(user)
        .select((two_factor_secrets::secret, two_factor_secrets::last_step))
        .for_update()
        .first::<(Vec<u8>, Option<i64>)>(conn)
        .optional()?
    else {
        return Ok(None);
    };
    if let Some(step) = matching_step(&secret, code) {
        let step = step as i64;
        if last.is_some_and(|last| step <= last) {
            return Ok(None);
        }
        diesel::update(two_factor_secrets::table.find(user))
            .set(two_factor_secrets::last_step.eq(step))
            .execute(conn)?;
        return Ok(Some(Accepted::App));
    }
    if !recovery {
        return Ok(None);
    }
    let used = diesel::update(
        recovery_codes::table
            .filter(recovery_codes::user_id.eq(user))
            .filter(recovery_codes::code_hash.eq(recovery_digest(code)))
            .filter(recovery_codes::used_at.is_null()),
    )
    .set(recovery_codes::used_at.eq(Utc::now()))
    .execute(conn)?;
    Ok((used == 1).then_some(Accepted::RecoveryCode))
}

/// The digest a recovery code is kept as: case, spaces and dashes do not matter.
fn recovery_digest(code: &str) -> Vec<u8> {
    let normal: String = code.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect();
    Sha256::new().chain_update(b"opendetat recovery code\0").chain_update(normal).finalize().to_vec()
}

/// A new set of recovery codes for `user` (the previous set no longer works), as shown once.
pub fn new_recovery_codes(conn: &mut PgConnection, user: UserId) -> QueryResult<Vec<String>> {
    diesel::delete(recovery_codes::table.filter(recovery_codes::user_id.eq(user))).execute(conn)?;
    let codes: Vec<String> = (0..RECOVERY_CODES)
        .map(|_| {
            let mut bytes = [0u8; 8];
            rand::thread_rng().fill_bytes(&mut bytes);
            // 60 bits in 12 characters of lower-case base 32, read in three groups.
            let text = base32_lower(u64::from_le_bytes(bytes) >> 4);
            format!("{}-{}-{}", &text[0..4], &text[4..8], &text[8..12])
        })
        .collect();
    let rows: Vec<_> = codes
        .iter()
        .map(|c| (recovery_codes::user_id.eq(user), recovery_codes::code_hash.eq(recovery_digest(c))))
        .collect();
    diesel::insert_into(recovery_codes::table).values(rows).execute(conn)?;
    Ok(codes)
}

/// Twelve characters of RFC 4648 base 32 (lower case), from the low 60 bits of `value`.
fn base32_lower(value: u64) -> String {
    const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
    (0..12).rev().map(|i| ALPHABET[((value >> (i * 5)) & 31) as usize] as char).collect()
}

/// Recovery codes of `user` not used yet.
pub fn recovery_codes_left(conn: &mut PgConnection, user: UserId) -> QueryResult<i64> {
    recovery_codes::table
        .filter(recovery_codes::user_id.eq(user))
        .filter(recovery_codes::used_at.is_null())
        .count()
        .get_result(conn)
}

/// Starts an enrolment: a new pending secret for `user` (replacing a pending one).
pub fn begin(conn: &mut PgConnection, user: UserId, secret: &[u8]) -> QueryResult<()> {
    diesel::insert_into(two_factor_secrets::table)
        .values((two_factor_secrets::user_id.eq(user), two_factor_secrets::secret.eq(secret)))
        .on_conflict(two_factor_secrets::user_id)
        .do_update()
        .set((
            two_factor_secrets::secret.eq(secret),
            two_factor_secrets::created_at.eq(Utc::now()),
            two_factor_secrets::last_step.eq(None::<i64>),
        ))
        .execute(conn)?;
    Ok(())
}

/// Whether `user` has a secret (pending or confirmed).
pub fn pending(conn: &mut PgConnection, user: UserId) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(two_factor_secrets::table.find(user))).get_result(conn)
}

/// Secrets begun and never confirmed are forgotten after this many hours.
pub const PENDING_HOURS: i64 = 24;

/// Forgets secrets begun more than `PENDING_HOURS` ago and never confirmed (their account has
/// no factor on); how many.
pub fn forget_pending(conn: &mut PgConnection) -> QueryResult<usize> {
    let unconfirmed = users::table.filter(users::two_factor_at.is_null()).select(users::id);
    diesel::delete(
        two_factor_secrets::table
            .filter(two_factor_secrets::user_id.eq_any(unconfirmed))
            .filter(two_factor_secrets::created_at.lt(Utc::now() - chrono::Duration::hours(PENDING_HOURS))),
    )
    .execute(conn)
}

/// Turns the factor on for `user` (after a code of the pending secret was accepted).
pub fn turn_on(conn: &mut PgConnection, user: UserId) -> QueryResult<()> {
    diesel::update(users::table.find(user)).set(users::two_factor_at.eq(Utc::now())).execute(conn)?;
    Ok(())
}

/// Turns the factor off for `user`: secret and recovery codes are forgotten. Whether it was on.
pub fn turn_off(conn: &mut PgConnection, user: UserId) -> QueryResult<bool> {
    diesel::delete(two_factor_secrets::table.find(user)).execute(conn)?;
    diesel::delete(recovery_codes::table.filter(recovery_codes::user_id.eq(user))).execute(conn)?;
    let was_on = diesel::update(users::table.find(user).filter(users::two_factor_at.is_not_null()))
        .set(users::two_factor_at.eq(None::<chrono::DateTime<Utc>>))
        .execute(conn)?;
    Ok(was_on == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_6238_vectors_for_sha1() {
        // RFC 6238, appendix B: the 20-byte ASCII secret "12345678901234567890", 8 digits there;
        // the last six of each are the 6-digit codes.
        let totp =
            TOTP::new_unchecked(Algorithm::SHA1, 6, 0, STEP, b"12345678901234567890".to_vec(), None, String::new());
        assert_eq!(totp.generate(59), "287082");
        assert_eq!(totp.generate(1111111109), "081804");
        assert_eq!(totp.generate(20000000000), "353130");
    }

    #[test]
    fn recovery_codes_read_the_same_however_they_are_typed() {
        assert_eq!(recovery_digest("abcd-efgh-2345"), recovery_digest(" ABCD EFGH 2345 "));
        assert_ne!(recovery_digest("abcd-efgh-2345"), recovery_digest("abcd-efgh-2346"));
        assert_eq!(base32_lower(0).len(), 12);
    }

    #[test]
    fn the_otpauth_address_names_the_issuer_and_the_account() {
        let (base32, url) = provisioning(&[0u8; 20], "camille");
        assert_eq!(base32, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assert!(url.starts_with("otpauth://totp/Open%20d%27%C3%89tat:camille?secret="), "{url}");
        assert!(url.contains("issuer=Open%20d%27%C3%89tat"), "{url}");
    }
}
