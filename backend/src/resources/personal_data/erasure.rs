//! Erasing an account (RGPD, article 17), in one transaction: what said who the person was goes,
//! what others wrote keeps its shape.
//!
//! The account's row stays as a tombstone ("Compte supprimé", an address that reaches nobody, no
//! password, `erased_at`): comments keep their place in threads, attendance counts of past forums
//! stay true, the audit trail keeps its actors. Everything else:
//! - their comments lose their text (kept only if they chose so; an institution's answer is on
//!   the record and keeps it whatever happens); reactions go, reports they made lose the
//!   reporter and the details they wrote;
//! - `@handle` (and `@Name`, from before handles) in others' comments becomes "[compte supprimé]"; mail waiting for others that
//!   names them says "Compte supprimé"; mail to them (waiting or kept) goes;
//! - questions stay, asked by nobody; progress updates keep their institution and lose author
//!   and name; feedback stays, anonymous;
//! - follows, notifications, settings, links, sessions, identities at providers, second factor, tokens, organiser roles go; registrations for
//!   forums to come are cancelled (the seat goes to the first person waiting, `registrations`
//!   reacts to `user.erased`), past ones stay for the counts;
//! - sign-in throttles and mail budgets keyed by the address go;
//! - every session and token stops at once (the session version moves, tokens are deleted).
//!
//! Events (append-only) name accounts by id only, never by name, address or text: they need no
//! change.

use chrono::Utc;
use diesel::prelude::*;
use diesel::sql_types::Text;

use crate::auth::user::User;
use crate::db::ids::UserId;
use crate::db::schema::{
    api_tokens, comment_mentions, comment_reactions, comment_reports, comments, feedback, follows, forum_organisers,
    mail_tokens, notification_settings, notifications, progress_updates, proposals, questions, sessions, users,
};
use crate::events::{self, EventSubject, NewEvent};
use crate::http::problem::{ApiError, ApiResult};

/// What an erased account is called wherever its name was shown.
pub const ERASED_NAME: &str = "Compte supprimé";
/// What replaces `@Name` in others' comments.
const ERASED_MENTION: &str = "[compte supprimé]";

/// Who asks for the erasure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErasedBy {
    /// The person, signed in and having given their password again.
    Owner,
    /// An admin (audited).
    Admin(UserId),
}

/// Erases `user` (see the module). 404 when there is no such account or it is already erased;
/// 409 `last_admin` for the only admin left (another admin must be named first).
pub fn erase(conn: &mut PgConnection, user: UserId, by: ErasedBy, keep_comment_text: bool) -> ApiResult<()> {
    let person: User = users::table
        .find(user)
        .filter(users::erased_at.is_null())
        .select(User::as_select())
        .for_update()
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("User"))?;
    if person.role == crate::types::Role::Admin {
        let others: i64 = users::table
            .filter(users::role.eq(crate::types::Role::Admin))
            .filter(users::id.ne(user))
            .filter(users::erased_at.is_null())
            .filter(users::suspended_at.is_null())
            .count()
            .get_result(conn)?;
        if others == 0 {
            return Err(ApiError::Conflict {
                code: super::codes::LAST_ADMIN,
                detail: "This is the platform's only admin: make another account admin before erasing it.".into(),
            });
        }
    }
    unmention(conn, &person)?;
    forget_comments(conn, user, keep_comment_text)?;
    diesel::delete(comment_reactions::table.filter(comment_reactions::user_id.eq(user))).execute(conn)?;
    diesel::update(comment_reports::table.filter(comment_reports::reporter_id.eq(user)))
        .set((
            comment_reports::reporter_id.eq(None::<UserId>),
            // A report of reason `other` keeps a (now empty) explanation, as the table requires.
            comment_reports::details
                .eq(diesel::dsl::sql::<diesel::sql_types::Nullable<Text>>("CASE WHEN reason = 'other' THEN '' END")),
        ))
        .execute(conn)?;
    diesel::update(questions::table.filter(questions::asked_by.eq(user)))
        .set(questions::asked_by.eq(None::<UserId>))
        .execute(conn)?;
    diesel::update(progress_updates::table.filter(progress_updates::author_id.eq(user)))
        .set((progress_updates::author_id.eq(None::<UserId>), progress_updates::author_name.eq(ERASED_NAME)))
        .execute(conn)?;
    diesel::update(feedback::table.filter(feedback::user_id.eq(user)))
        .set(feedback::user_id.eq(None::<UserId>))
        .execute(conn)?;
    // A proposal stays (it was answered in public, others supported it), without its author;
    // supports stay on the tombstone, so counts stay true.
    diesel::update(proposals::table.filter(proposals::author_id.eq(user)))
        .set(proposals::author_id.eq(None::<UserId>))
        .execute(conn)?;
    diesel::delete(follows::table.filter(follows::user_id.eq(user))).execute(conn)?;
    // The organisation goes with the account: no meeting names it any more.
    diesel::delete(
        crate::db::schema::organisation_consents::table
            .filter(crate::db::schema::organisation_consents::user_id.eq(user)),
    )
    .execute(conn)?;
    diesel::delete(notifications::table.filter(notifications::user_id.eq(user))).execute(conn)?;
    diesel::delete(notification_settings::table.filter(notification_settings::user_id.eq(user))).execute(conn)?;
    diesel::delete(mail_tokens::table.filter(mail_tokens::user_id.eq(user))).execute(conn)?;
    diesel::delete(forum_organisers::table.filter(forum_organisers::user_id.eq(user))).execute(conn)?;
    diesel::delete(sessions::table.filter(sessions::user_id.eq(user))).execute(conn)?;
    diesel::delete(crate::db::schema::identities::table.filter(crate::db::schema::identities::user_id.eq(user)))
        .execute(conn)?;
    crate::auth::two_factor::turn_off(conn, user)?;
    let token_hashes: Vec<Vec<u8>> = diesel::delete(api_tokens::table.filter(api_tokens::owner_id.eq(user)))
        .returning(api_tokens::secret_hash)
        .get_results(conn)?;
    for hash in &token_hashes {
        crate::auth::api_token::forget(hash);
    }
    forget_address(conn, &person)?;
    diesel::update(users::table.find(user))
        .set((
            users::email.eq(format!("erased-{}@invalid", user.get())),
            users::display_name.eq(ERASED_NAME),
            // Mentionable by nobody: no mention resolves to an erased account anyway.
            users::handle.eq(format!("supprime-{}", user.get())),
            users::password_hash.eq("!erased"),
            users::role.eq(crate::types::Role::Member),
            users::organisation.eq(None::<String>),
            users::institution_id.eq(None::<crate::db::ids::InstitutionId>),
            users::suspended_at.eq(None::<chrono::DateTime<Utc>>),
            users::suspended_until.eq(None::<chrono::DateTime<Utc>>),
            users::suspension_message.eq(None::<String>),
            users::session_version.eq(users::session_version + 1),
            users::erased_at.eq(Some(Utc::now())),
        ))
        .execute(conn)?;
    let payload = serde_json::json!({ "comment_text_kept": keep_comment_text });
    let event =
        NewEvent::new(super::events::USER_ERASED).subject(EventSubject::new("user", user.get(), user.to_string()));
    let event = match by {
        ErasedBy::Owner => event.by(user).payload(payload),
        ErasedBy::Admin(admin) => event.by(admin).audit(None::<&()>, Some(&payload)),
    };
    events::record(conn, event)?;
    Ok(())
}

/// Their comments: the text goes (deleted, as a tombstone) unless they chose to leave it; an
/// institution's answer is on the record and stays as written.
fn forget_comments(conn: &mut PgConnection, user: UserId, keep_text: bool) -> QueryResult<()> {
    if keep_text {
        return Ok(());
    }
    diesel::update(comments::table.filter(comments::author_id.eq(user)).filter(comments::on_record.eq(false)))
        .set((
            comments::deleted_at.eq(diesel::dsl::sql::<diesel::sql_types::Nullable<diesel::sql_types::Timestamptz>>(
                "coalesce(deleted_at, now())",
            )),
            comments::body.eq(""),
            comments::body_html.eq(""),
        ))
        .execute(conn)?;
    Ok(())
}

/// `@Name` in others' comments that mention them becomes "[compte supprimé]" (an answer on the
/// record keeps its words); the mentions go.
fn unmention(conn: &mut PgConnection, person: &User) -> QueryResult<()> {
    let mentioning: Vec<(crate::db::ids::CommentId, String)> = comments::table
        .inner_join(comment_mentions::table)
        .filter(comment_mentions::user_id.eq(person.id))
        .filter(comments::on_record.eq(false))
        .filter(comments::deleted_at.is_null())
        .select((comments::id, comments::body))
        .for_update()
        .load(conn)?;
    for (id, body) in mentioning {
        // Mentions by handle, and by name in comments from before handles.
        let changed = without_mention(&without_mention(&body, &person.handle), &person.display_name);
        if changed != body {
            diesel::update(comments::table.find(id))
                .set((comments::body.eq(&changed), comments::body_html.eq(crate::markdown::render(&changed))))
                .execute(conn)?;
        }
    }
    diesel::delete(comment_mentions::table.filter(comment_mentions::user_id.eq(person.id))).execute(conn)?;
    Ok(())
}

/// What is keyed by the address or carries it: sign-in throttles, mail budgets, mail to them
/// (waiting or kept, and their reset requests), and their name in mail waiting for others.
fn forget_address(conn: &mut PgConnection, person: &User) -> QueryResult<()> {
    let email = person.email.trim().to_lowercase();
    let throttled = crate::auth::throttle::account_key(&email);
    diesel::sql_query("DELETE FROM login_throttle WHERE key = $1 OR left(key, length($1) + 1) = $1 || '|'")
        .bind::<Text, _>(&throttled)
        .execute(conn)?;
    let bucket = crate::auth::ip_limit::address_bucket(&email);
    diesel::sql_query("DELETE FROM rate_limits WHERE key = ANY($1)")
        .bind::<diesel::sql_types::Array<Text>, _>(vec![
            format!("mail:sign_up_to:{bucket}"),
            format!("mail:reset_to:{bucket}"),
        ])
        .execute(conn)?;
    // Mail to them, and their reset requests still waiting, go. One running is left to finish,
    // its kept copy scrubbed now (the worker keeps a scrub made while it ran: `jobs::complete`).
    let kinds = vec![crate::mail::JOB_KIND, crate::resources::accounts::RESET_JOB];
    diesel::sql_query(
        "DELETE FROM jobs WHERE state <> 'running' AND kind = ANY($2) \
           AND (lower(payload->>'to') = $1 OR lower(payload->>'email') = $1)",
    )
    .bind::<Text, _>(&email)
    .bind::<diesel::sql_types::Array<Text>, _>(kinds.clone())
    .execute(conn)?;
    diesel::sql_query(
        "UPDATE jobs SET payload = (payload - 'link') \
             || CASE WHEN payload ? 'to' THEN jsonb_build_object('to', $3::text, 'name', $4::text) ELSE '{}' END \
             || CASE WHEN payload ? 'email' THEN jsonb_build_object('email', $3::text) ELSE '{}' END \
          WHERE state = 'running' AND kind = ANY($2) \
            AND (lower(payload->>'to') = $1 OR lower(payload->>'email') = $1)",
    )
    .bind::<Text, _>(&email)
    .bind::<diesel::sql_types::Array<Text>, _>(kinds)
    .bind::<Text, _>(format!("erased-{}@invalid", person.id.get()))
    .bind::<Text, _>(ERASED_NAME)
    .execute(conn)?;
    // Their name in mail for others (a notification's sentence), as JSON writes it; a running
    // one's kept copy too (without its link, which the worker would have dropped).
    let name = serde_json::to_string(&person.display_name).unwrap_or_default();
    let name = name.trim_matches('"');
    let erased = serde_json::to_string(ERASED_NAME).unwrap_or_default();
    diesel::sql_query(
        "UPDATE jobs SET payload = replace(payload::text, $1, $2)::jsonb \
                                   - CASE WHEN state = 'running' THEN 'link' ELSE '' END \
          WHERE kind = $3 AND strpos(payload::text, $1) > 0",
    )
    .bind::<Text, _>(name)
    .bind::<Text, _>(erased.trim_matches('"'))
    .bind::<Text, _>(crate::mail::JOB_KIND)
    .execute(conn)?;
    Ok(())
}

/// `body` with every `@name` (any case, as mentions match) replaced by "[compte supprimé]".
fn without_mention(body: &str, name: &str) -> String {
    let name: Vec<char> = name.chars().flat_map(char::to_lowercase).collect();
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find('@') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let mut wanted = name.iter().peekable();
        let mut end = None;
        for (i, c) in after.char_indices() {
            if !c.to_lowercase().all(|lower| wanted.next() == Some(&lower)) {
                break;
            }
            if wanted.peek().is_none() {
                end = Some(i + c.len_utf8());
                break;
            }
        }
        // A longer name or handle ("@camille-martin-12" for "camille-martin") is someone else.
        let ends_there = |end: usize| !after[end..].starts_with(|c: char| c.is_alphanumeric() || c == '-');
        match end {
            Some(end) if !name.is_empty() && ends_there(end) => {
                out.push_str(ERASED_MENTION);
                rest = &after[end..];
            }
            _ => {
                out.push('@');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::without_mention;

    #[test]
    fn mentions_of_the_name_go_in_any_case_and_nothing_else_does() {
        assert_eq!(
            without_mention("Merci @Élise Durand et @élise durand, cf. @Paul.", "Élise Durand"),
            "Merci [compte supprimé] et [compte supprimé], cf. @Paul."
        );
        assert_eq!(without_mention("écrire à a@b.fr @Éli", "Élise Durand"), "écrire à a@b.fr @Éli");
        assert_eq!(without_mention("@", "X"), "@");
        assert_eq!(
            without_mention("@camille-martin et @camille-martin-12", "camille-martin"),
            "[compte supprimé] et @camille-martin-12"
        );
    }
}
