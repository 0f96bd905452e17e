//! Identities' reads and writes: which account a provider's sign-in is, the link made once the
//! account is proved, unlinking, and ProConnect officials' institutions.

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::codes;
use crate::auth::oidc::{ProviderId, SignedIn};
use crate::auth::password::NO_PASSWORD;
use crate::auth::user::{self, NewUser, User};
use crate::db::ids::{InstitutionId, UserId};
use crate::db::schema::{identities, institutions, users};
use crate::events::{self, EventSubject, NewEvent};
use crate::http::problem::{ApiError, ApiResult};
use crate::resources::shared::refs::InstitutionRef;
use crate::types::{Locale, Role};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = identities, check_for_backend(diesel::pg::Pg))]
pub struct IdentityRow {
    pub id: i64,
    pub user_id: UserId,
    pub provider: String,
    pub subject: String,
    pub email: String,
    pub siret: Option<String>,
    pub claimed_institution_id: Option<InstitutionId>,
    pub declined_institution_id: Option<InstitutionId>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
}

/// What a sign-in at a provider comes to.
pub enum Outcome {
    /// The account it signs in.
    SignIn(Box<User>),
    /// An account has this e-mail and is not linked to this identity: its owner proves it first
    /// (never linked silently: whoever controls a provider account would take the account).
    Pending,
}

fn record(
    conn: &mut PgConnection,
    kind: crate::events::EventType,
    user: UserId,
    provider: ProviderId,
) -> QueryResult<()> {
    events::record(
        conn,
        NewEvent::new(kind)
            .subject(EventSubject::new("user", user.get(), user.to_string()))
            .by(user)
            .audit(None::<&()>, Some(&serde_json::json!({ "provider": provider.as_str() }))),
    )
}

/// `signed`'s identity, if known, locked until the transaction ends.
fn find_for_update(conn: &mut PgConnection, signed: &SignedIn) -> QueryResult<Option<IdentityRow>> {
    identities::table
        .filter(identities::provider.eq(signed.provider.as_str()))
        .filter(identities::subject.eq(&signed.subject))
        .select(IdentityRow::as_select())
        .for_update()
        .first(conn)
        .optional()
}

/// Identity `id` signed in again: what the provider says now, and when.
fn used(conn: &mut PgConnection, id: i64, signed: &SignedIn) -> QueryResult<()> {
    diesel::update(identities::table.find(id))
        .set((
            identities::email.eq(&signed.email),
            identities::siret.eq(&signed.siret),
            identities::last_used_at.eq(Utc::now()),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The account `signed` signs in, made for a new person; `Pending` when an account already has
/// the e-mail. In the caller's transaction.
pub fn resolve(conn: &mut PgConnection, signed: &SignedIn, locale: Locale, trust: bool) -> ApiResult<Outcome> {
    let known = find_for_update(conn, signed)?;
    if let Some(identity) = known {
        if let Some(account) = user::find_live(conn, identity.user_id)? {
            used(conn, identity.id, signed)?;
            let declined = identity.declined_institution_id;
            return Ok(Outcome::SignIn(Box::new(claim_institution(
                conn,
                account,
                identity.id,
                declined,
                signed,
                trust,
            )?)));
        }
        // A tombstone's leftover: the person is new again.
        diesel::delete(identities::table.find(identity.id)).execute(conn)?;
    }
    match user::find_by_email_for_update(conn, &signed.email)? {
        Some(existing) if existing.email_verified_at.is_some() => Ok(Outcome::Pending),
        // Signed up with this address and never confirmed: perhaps not by its owner. The
        // provider proves the address, so its owner takes the account, as a reset link would
        // let them (the password chosen at sign-up no longer works).
        Some(unconfirmed) => {
            diesel::update(users::table.find(unconfirmed.id))
                .set((
                    users::password_hash.eq(NO_PASSWORD),
                    users::email_verified_at.eq(Some(Utc::now())),
                    users::session_version.eq(users::session_version + 1),
                ))
                .execute(conn)?;
            let account = user::find_live(conn, unconfirmed.id)?.ok_or_else(|| ApiError::not_found("Account"))?;
            Ok(Outcome::SignIn(Box::new(link(conn, account, signed, trust)?)))
        }
        None => {
            let name = display_name(signed);
            let account = crate::resources::users::queries::insert(
                conn,
                &NewUser {
                    email: &signed.email,
                    display_name: &name,
                    password_hash: NO_PASSWORD,
                    role: Role::Member,
                    organisation: None,
                    locale,
                    email_verified_at: Some(Utc::now()),
                },
            )?;
            Ok(Outcome::SignIn(Box::new(link(conn, account, signed, trust)?)))
        }
    }
}

/// Links `signed`'s identity to the signed-in `account` that asked for it, or signs it in when
/// it is already its own; 409 `identity_taken` when it is another account's.
pub fn link_to(conn: &mut PgConnection, account: UserId, signed: &SignedIn, trust: bool) -> ApiResult<User> {
    let user = user::find_live_for_update(conn, account)?.ok_or_else(|| ApiError::not_found("Account"))?;
    let known = find_for_update(conn, signed)?;
    match known {
        Some(identity) if identity.user_id == account => {
            used(conn, identity.id, signed)?;
            claim_institution(conn, user, identity.id, identity.declined_institution_id, signed, trust)
        }
        Some(_) => Err(ApiError::Conflict {
            code: codes::IDENTITY_TAKEN,
            detail: format!("This {} identity is linked to another account.", signed.provider.name()),
        }),
        None => link(conn, user, signed, trust),
    }
}

/// "Prénom Nom" as the provider gives them, else the e-mail's local part; at most 100 characters.
fn display_name(signed: &SignedIn) -> String {
    let joined = [signed.given_name.as_deref(), signed.family_name.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let name = if joined.trim().is_empty() {
        signed.email.split('@').next().unwrap_or("Participant").to_string()
    } else {
        joined
    };
    crate::http::validation::normalize_name(&name).chars().take(100).collect()
}

/// Links `signed`'s identity to `account` (recorded, audited). 409 `identity_taken` when it is
/// another account's, or the account has another identity at this provider.
pub fn link(conn: &mut PgConnection, account: User, signed: &SignedIn, trust: bool) -> ApiResult<User> {
    let id: Option<i64> = diesel::insert_into(identities::table)
        .values((
            identities::user_id.eq(account.id),
            identities::provider.eq(signed.provider.as_str()),
            identities::subject.eq(&signed.subject),
            identities::email.eq(&signed.email),
            identities::siret.eq(&signed.siret),
        ))
        .on_conflict_do_nothing()
        .returning(identities::id)
        .get_result(conn)
        .optional()?;
    let Some(id) = id else {
        return Err(ApiError::Conflict {
            code: codes::IDENTITY_TAKEN,
            detail: format!(
                "This {} identity is linked to another account, or this account has another one.",
                signed.provider.name()
            ),
        });
    };
    record(conn, super::events::USER_IDENTITY_LINKED, account.id, signed.provider)?;
    claim_institution(conn, account, id, None, signed, trust)
}

/// A ProConnect official whose organisation's SIREN is an institution's: linked to it at once
/// when `trust` (`PROCONNECT_TRUST_INSTITUTIONS`), else the claim waits for an admin.
fn claim_institution(
    conn: &mut PgConnection,
    account: User,
    identity: i64,
    declined: Option<InstitutionId>,
    signed: &SignedIn,
    trust: bool,
) -> ApiResult<User> {
    let institution: Option<InstitutionId> = match &signed.siret {
        Some(siret) => institutions::table
            .filter(institutions::siren.eq(&siret[..9]))
            .select(institutions::id)
            .first(conn)
            .optional()?,
        None => None,
    };
    let claimed = institution.filter(|i| account.institution_id != Some(*i) && declined != Some(*i));
    let (claimed, account) = match claimed {
        Some(i) if trust && account.role != Role::Admin && account.role != Role::Moderator => {
            let role = if account.role == Role::Member { Some(Role::Official) } else { None };
            let account =
                crate::resources::users::queries::admin_update(conn, &account, role, None, Some(Some(i)), account.id)?;
            (None, account)
        }
        other => (other, account),
    };
    diesel::update(identities::table.find(identity))
        .set(identities::claimed_institution_id.eq(claimed))
        .execute(conn)?;
    Ok(account)
}

/// The account's password state and identities.
pub fn methods(conn: &mut PgConnection, account: UserId) -> ApiResult<(bool, Vec<IdentityRow>)> {
    let user = user::find_live(conn, account)?.ok_or_else(|| ApiError::not_found("Account"))?;
    let rows = identities::table
        .filter(identities::user_id.eq(account))
        .order(identities::id)
        .select(IdentityRow::as_select())
        .load(conn)?;
    Ok((user.has_password(), rows))
}

/// Unlinks the account's identity `id`, unless it is the only way left to sign in (409
/// `last_sign_in_method`).
pub fn unlink(conn: &mut PgConnection, account: UserId, id: i64) -> ApiResult<()> {
    // Locked: two unlinks at once must not leave the account with no way in.
    let user = user::find_live_for_update(conn, account)?.ok_or_else(|| ApiError::not_found("Account"))?;
    let rows: Vec<IdentityRow> =
        identities::table.filter(identities::user_id.eq(account)).select(IdentityRow::as_select()).load(conn)?;
    let Some(row) = rows.iter().find(|r| r.id == id) else {
        return Err(ApiError::not_found("Identity"));
    };
    if rows.len() == 1 && !user.has_password() {
        return Err(ApiError::Conflict {
            code: codes::LAST_SIGN_IN_METHOD,
            detail: "This is the account's only way to sign in: choose a password first (\"mot de passe oublié\")."
                .into(),
        });
    }
    diesel::delete(identities::table.find(id)).execute(conn)?;
    let provider = ProviderId::parse(&row.provider).unwrap_or(ProviderId::FranceConnect);
    record(conn, super::events::USER_IDENTITY_UNLINKED, account, provider)?;
    Ok(())
}

/// Officials waiting for an admin to confirm their institution, latest first.
pub fn claims(conn: &mut PgConnection) -> QueryResult<Vec<super::dto::InstitutionClaim>> {
    type Row = (UserId, String, String, String, Role, Option<String>, DateTime<Utc>, InstitutionRef);
    let rows: Vec<Row> = identities::table
        .inner_join(users::table)
        .inner_join(institutions::table.on(identities::claimed_institution_id.eq(institutions::id.nullable())))
        .filter(users::erased_at.is_null())
        .filter(users::institution_id.is_distinct_from(identities::claimed_institution_id))
        .order(identities::last_used_at.desc())
        .limit(200)
        .select((
            users::id,
            users::display_name,
            users::handle,
            users::email,
            users::role,
            identities::siret,
            identities::last_used_at,
            InstitutionRef::as_select(),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(user_id, display_name, handle, email, role, siret, at, institution)| super::dto::InstitutionClaim {
            user_id: user_id.get(),
            display_name,
            handle,
            email,
            role,
            siret: siret.unwrap_or_default(),
            institution,
            at,
        })
        .collect())
}

/// An admin declines `account`'s claim; false when it had none.
pub fn decline(conn: &mut PgConnection, account: UserId) -> QueryResult<bool> {
    diesel::update(
        identities::table
            .filter(identities::user_id.eq(account))
            .filter(identities::claimed_institution_id.is_not_null()),
    )
    .set((
        identities::declined_institution_id.eq(identities::claimed_institution_id),
        identities::claimed_institution_id.eq(None::<InstitutionId>),
    ))
    .execute(conn)
    .map(|n| n > 0)
}
