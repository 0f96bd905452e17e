//! Registrations for a forum: through the API as the person would, or straight into the table
//! for what the API no longer allows (a forum already held, people checked in at its door).

use diesel::prelude::*;
use diesel::sql_types::BigInt;
use serde_json::Value;

use crate::{Resp, TestApp, TestUser};

/// A registration for the forum `forum` (its slug).
#[derive(Debug, Clone)]
pub struct RegistrationBuilder {
    forum: String,
    checked_in: bool,
}

impl RegistrationBuilder {
    pub fn to(forum: &str) -> RegistrationBuilder {
        RegistrationBuilder { forum: forum.to_string(), checked_in: false }
    }

    /// Checked in at the door (for `insert`).
    pub fn checked_in(mut self, present: bool) -> Self {
        self.checked_in = present;
        self
    }

    /// `POST /forums/{slug}/registrations` by `token`, whatever the answer.
    pub fn send(&self, app: &TestApp, token: &str) -> Resp {
        app.post(&format!("/forums/{}/registrations", self.forum), Some(token), &Value::Null)
    }

    /// Registered by `token` (a seat or the waitlist); the registration as answered.
    #[track_caller]
    pub fn create(&self, app: &TestApp, token: &str) -> Value {
        self.send(app, token).expect(201).json()
    }

    /// `user` holding a seat, written in SQL (the forum may be over), checked in now if
    /// `checked_in`; the registration's id.
    #[track_caller]
    pub fn insert(&self, app: &TestApp, user: &TestUser) -> i64 {
        #[derive(QueryableByName)]
        struct Id {
            #[diesel(sql_type = BigInt)]
            id: i64,
        }
        let statement = format!(
            "INSERT INTO registrations (forum_id, user_id, status, code, checked_in_at) \
             SELECT id, {}, 'registered', upper(substr(md5(random()::text), 1, 10)), {} \
               FROM forums WHERE slug = '{}' RETURNING id",
            user.id,
            if self.checked_in { "now()" } else { "NULL" },
            self.forum
        );
        diesel::sql_query(&statement).get_result::<Id>(&mut app.db()).unwrap_or_else(|e| panic!("{statement}: {e}")).id
    }
}
