//! Accounts: signed up through the API (`TestApp::user`), then given what a test needs: a name
//! through the API, an institution or an age in SQL (only an admin's request, itself audited,
//! or time could give them).

use serde_json::json;

use crate::{unique_email, TestApp, TestUser};

/// A signed-in account of `role` (`member`, `official`, `moderator`, `admin`), its address
/// confirmed unless `unverified`.
#[derive(Debug, Clone)]
pub struct UserBuilder {
    role: String,
    verified: bool,
    institution: Option<String>,
    display_name: Option<String>,
    age_days: Option<i64>,
}

impl UserBuilder {
    pub fn new(role: &str) -> UserBuilder {
        UserBuilder { role: role.to_string(), verified: true, institution: None, display_name: None, age_days: None }
    }

    pub fn member() -> UserBuilder {
        UserBuilder::new("member")
    }

    /// An official who speaks for the institution `slug`.
    pub fn official_of(slug: &str) -> UserBuilder {
        UserBuilder::new("official").institution(slug)
    }

    /// Speaking for the institution `slug`.
    pub fn institution(mut self, slug: &str) -> Self {
        self.institution = Some(slug.to_string());
        self
    }

    /// Shown as `name` (set by the person, `PATCH /me`).
    pub fn named(mut self, name: &str) -> Self {
        self.display_name = Some(name.to_string());
        self
    }

    /// Signed up `days` days ago.
    pub fn created_days_ago(mut self, days: i64) -> Self {
        self.age_days = Some(days);
        self
    }

    /// A member who has not followed the link of the confirmation mail.
    pub fn unverified(mut self) -> Self {
        self.verified = false;
        self
    }

    #[track_caller]
    pub fn create(&self, app: &TestApp) -> TestUser {
        let user = if self.verified {
            app.user(&self.role)
        } else {
            assert_eq!(self.role, "member", "only members sign up unconfirmed");
            app.unverified_user()
        };
        if let Some(slug) = &self.institution {
            app.sql(&format!(
                "UPDATE users SET institution_id = (SELECT id FROM institutions WHERE slug = '{slug}') WHERE id = {}",
                user.id
            ));
        }
        if let Some(name) = &self.display_name {
            app.patch("/me", Some(&user.token), &json!({ "display_name": name })).expect(200);
        }
        if let Some(days) = self.age_days {
            app.sql(&format!("UPDATE users SET created_at = now() - interval '{days} days' WHERE id = {}", user.id));
        }
        user
    }
}

/// `n` confirmed members at once: one signs up the usual way, the others are copies of it made
/// in SQL (same password hash, other addresses) and sign in, so a test of crowds does not spend
/// its time hashing passwords.
pub fn crowd(app: &TestApp, n: usize) -> Vec<TestUser> {
    let first = app.user("member");
    let tag = unique_email("crowd").replace(['@', '.', '-'], "_");
    app.sql(&format!(
        "INSERT INTO users (email, display_name, password_hash, role, locale, email_verified_at) \
         SELECT 'p' || i || '.{tag}@example.org', 'Personne ' || i, password_hash, 'member', 'fr', now() \
           FROM users, generate_series(2, {n}) AS i WHERE id = {}",
        first.id
    ));
    let mut all = vec![first.clone()];
    let others: Vec<String> = (2..=n).map(|i| format!("p{i}.{tag}@example.org")).collect();
    let signed_in = std::thread::scope(|s| {
        let handles: Vec<_> = others
            .chunks(n.div_ceil(8).max(1))
            .map(|chunk| {
                let password = first.password.clone();
                s.spawn(move || {
                    chunk
                        .iter()
                        .map(|email| {
                            let session = app
                                .post("/auth/login", None, &json!({"email": email, "password": password}))
                                .expect(200)
                                .json();
                            TestUser {
                                id: session["user"]["id"].as_i64().unwrap(),
                                email: email.clone(),
                                password: password.clone(),
                                token: session["access_token"].as_str().unwrap().into(),
                            }
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect::<Vec<_>>()
    });
    all.extend(signed_in);
    all
}

/// The handle mentions name `user` by (`@handle`), as their public profile shows it.
pub fn handle_of(app: &TestApp, user: &TestUser) -> String {
    app.get(&format!("/users/{}", user.id)).expect(200).json()["handle"].as_str().unwrap().to_string()
}
