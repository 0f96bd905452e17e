//! Accounts in the contract: public profiles, the signed-in user's account, the admin's view.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::auth::user::User;
use crate::db::schema::users;
use crate::types::{Locale, Role};

/// What anyone may see of a user.
#[derive(Debug, Clone, Serialize, ToSchema, Queryable, Selectable)]
#[diesel(table_name = users, check_for_backend(diesel::pg::Pg))]
pub struct PublicUser {
    #[diesel(deserialize_as = crate::db::ids::UserId)]
    #[schema(value_type = i64)]
    pub id: i64,
    pub display_name: String,
    /// Unique: what mentions name (`@handle`).
    pub handle: String,
    pub role: Role,
    pub organisation: Option<String>,
    /// The institution the account speaks for (`/institutions/{id}`), set by an admin.
    #[schema(value_type = Option<i64>)]
    pub institution_id: Option<crate::db::ids::InstitutionId>,
    pub created_at: DateTime<Utc>,
}

/// The signed-in user's own account.
#[derive(Debug, Serialize, ToSchema)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    /// Unique, 1 to 30 lower-case letters, digits and inner hyphens: what mentions name
    /// (`@handle`). Derived from the name at sign-up; changed at most once every 30 days.
    pub handle: String,
    pub role: Role,
    pub organisation: Option<String>,
    /// The institution the account speaks for, set by an admin: officials report progress
    /// for it (on the commitments it leads).
    pub institution_id: Option<i64>,
    /// Set when an admin has suspended the account; a suspended account cannot write.
    pub suspended_at: Option<DateTime<Utc>>,
    /// When a suspension for a period ends by itself (null: until lifted).
    pub suspended_until: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The language of its mail (`fr` or `en`).
    pub locale: Locale,
    /// Whether the owner confirmed the address. Until then, with `REQUIRE_VERIFIED_EMAIL`
    /// (production), the account reads but does not post.
    pub email_verified: bool,
    /// Whether a second factor is on: signing in needs a code of the authenticator app too
    /// (`/me/two-factor`).
    pub two_factor: bool,
}

impl From<User> for Account {
    fn from(u: User) -> Self {
        let suspended = u.is_suspended();
        Account {
            id: u.id.get(),
            email: u.email,
            display_name: u.display_name,
            handle: u.handle,
            role: u.role,
            organisation: u.organisation,
            institution_id: u.institution_id.map(crate::db::ids::InstitutionId::get),
            suspended_at: u.suspended_at.filter(|_| suspended),
            suspended_until: u.suspended_until.filter(|_| suspended),
            created_at: u.created_at,
            updated_at: u.updated_at,
            locale: u.locale,
            email_verified: u.email_verified_at.is_some(),
            two_factor: u.two_factor_at.is_some(),
        }
    }
}

crate::page_type!(AccountPage, Account, "A page of accounts (admin view).");

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserFilters {
    /// Only users with this role.
    pub role: Option<Role>,
    /// Case-insensitive match on email or display name.
    pub q: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AdminUpdateUser {
    pub role: Option<Role>,
    /// `true` suspends the account (it can no longer sign in or write), `false` lifts it.
    pub suspended: Option<bool>,
    /// The institution the account speaks for; `null` removes it (409 `unknown_reference` when
    /// it names none).
    #[serde(default, deserialize_with = "crate::http::validation::nullable")]
    #[validate(range(min = 1))]
    #[schema(value_type = Option<i64>, minimum = 1)]
    pub institution_id: Option<Option<i64>>,
}
