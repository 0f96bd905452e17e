//! The text of each mail, in French and English, as plain text and HTML. Everything a person
//! typed (their name) is escaped in the HTML.

use serde::{Deserialize, Serialize};

use super::forum_templates::render_registration;
use super::Outgoing;
use crate::types::Locale;

/// Every mail the platform sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Template {
    /// After sign-up: the link that confirms the address.
    VerifyEmail,
    /// A sign-up with an address that already has an account: the owner learns of it, and how
    /// to sign in or reset the password (the API answers the same either way).
    AccountExists,
    /// A sign-up with an address whose account is not confirmed yet: a link to choose its
    /// password (a reset link), which confirms it.
    AccountUnconfirmed,
    /// Failed sign-ins from many addresses reached the account's ceiling: every address is
    /// refused for a while (`link`: the page to choose a new password).
    SignInsBlocked,
    /// A second factor was turned on for the account (by its owner).
    TwoFactorOn,
    /// The account's second factor was turned off (by its owner, or reset by an admin).
    TwoFactorOff,
    /// A recovery code signed in to the account (each works once).
    TwoFactorRecoveryUsed,
    /// "Mot de passe oublié": a single-use link, valid one hour.
    PasswordReset,
    /// After a password change or reset: so that the owner notices one they did not make.
    PasswordChanged,
    /// A registration for a forum that had a seat: when, where, and the code for the door.
    RegistrationConfirmed,
    /// A registration for a full forum: the place on the waitlist.
    RegistrationWaitlisted,
    /// A seat was freed and the first person waiting has it.
    RegistrationPromoted,
    /// 48 hours before the forum, to those with a seat.
    RegistrationReminder,
    /// The forum's time or place changed (to everyone registered or waiting).
    ForumChanged,
    /// The forum is cancelled (to everyone registered or waiting).
    ForumCancelled,
    /// To the forum's organiser: 80 % of the seats are taken.
    ForumFilling,
    /// To the forum's organiser: every seat is taken (the next people wait).
    ForumFull,
    /// The account is suspended, for a period or indefinitely, with the moderator's message.
    AccountSuspended,
    /// One notification, for a member who wants each by mail.
    Notification,
    /// The day's unread notifications, for a member who wants a daily mail.
    NotificationDigest,
    /// To whom a webhook endpoint answers (its app's owner, or the admin who registered it):
    /// five days of failed deliveries turned it off (`note.text`: its URL; `link`: its page).
    WebhookDisabled,
}

impl Template {
    /// Whether the mail carries the forum's .ics (those with a seat, or a change to it).
    pub fn attaches_calendar(self) -> bool {
        matches!(
            self,
            Template::RegistrationConfirmed
                | Template::RegistrationPromoted
                | Template::RegistrationReminder
                | Template::ForumChanged
                | Template::ForumCancelled
        )
    }
}

pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

pub(super) use crate::markdown::escape;

/// Paragraphs and an optional button-like link, in both forms.
pub(super) struct Body<'a> {
    pub(super) greeting: String,
    pub(super) paragraphs: Vec<String>,
    pub(super) action: Option<(&'a str, String)>,
    /// `(label, url)`: a list of links (a digest's notifications).
    pub(super) links: Vec<(String, String)>,
    pub(super) after: Vec<String>,
    pub(super) signature: &'a str,
}

pub(super) fn assemble(locale: Locale, subject: String, body: Body<'_>) -> Rendered {
    let mut text = format!("{}\n\n", body.greeting);
    let mut html = format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head>\
         <body style=\"font-family: Marianne, Arial, sans-serif; color: #161616\">\
         <p>{}</p>",
        locale.as_str(),
        escape(&subject),
        escape(&body.greeting)
    );
    for p in &body.paragraphs {
        text.push_str(p);
        text.push_str("\n\n");
        html.push_str(&format!("<p>{}</p>", escape(p)));
    }
    if !body.links.is_empty() {
        html.push_str("<ul>");
        for (label, url) in &body.links {
            text.push_str(&format!("- {label}\n  {url}\n"));
            html.push_str(&format!("<li><a href=\"{}\">{}</a></li>", escape(url), escape(label)));
        }
        text.push('\n');
        html.push_str("</ul>");
    }
    if let Some((label, link)) = &body.action {
        text.push_str(&format!("{label} :\n{link}\n\n"));
        html.push_str(&format!(
            "<p><a href=\"{}\" style=\"background: #000091; color: #fff; padding: 8px 16px; \
             text-decoration: none\">{}</a></p><p>{}</p>",
            escape(link),
            escape(label),
            escape(link)
        ));
    }
    for p in &body.after {
        text.push_str(p);
        text.push_str("\n\n");
        html.push_str(&format!("<p>{}</p>", escape(p)));
    }
    text.push_str(&format!("-- \n{}\n", body.signature));
    html.push_str(&format!("<p>{}</p></body></html>", escape(body.signature)));
    Rendered { subject, text, html }
}

/// A notification's mail, or the daily digest: each notification a link to what it is about, and
/// where to change how often these mails come.
fn notifications(mail: &Outgoing, name: &str, fr: bool, signature: &str, public_url: &str) -> Rendered {
    let settings = format!("{public_url}/compte#notifications");
    let links: Vec<(String, String)> = mail.notices.iter().map(|n| (n.text.clone(), n.url.clone())).collect();
    let digest = mail.template == Template::NotificationDigest;
    let subject = match (digest, fr, mail.notices.first()) {
        (false, _, Some(one)) => format!("{} — Open d'État", one.text),
        (true, true, _) | (false, true, None) => format!("Vos notifications ({}) — Open d'État", links.len()),
        (true, false, _) | (false, false, None) => format!("Your notifications ({}) — Open d'État", links.len()),
    };
    let (greeting, intro, after) = if fr {
        (
            format!("Bonjour {name},"),
            if digest {
                "Voici ce qui s'est passé depuis votre dernier courriel, et que vous n'avez pas encore lu :"
            } else {
                "Du nouveau sur Open d'État :"
            },
            format!("Pour recevoir ces courriels autrement (un par notification, un par jour, ou aucun) : {settings}"),
        )
    } else {
        (
            format!("Hello {name},"),
            if digest {
                "Here is what happened since your last mail, and that you have not read yet:"
            } else {
                "News on Open d'État:"
            },
            format!("To get these mails differently (one per notification, one a day, or none): {settings}"),
        )
    };
    assemble(
        mail.locale,
        subject,
        Body { greeting, paragraphs: vec![intro.into()], action: None, links, after: vec![after], signature },
    )
}

/// The mail of `mail`, for a site at `public_url`.
pub fn render(mail: &Outgoing, public_url: &str) -> Rendered {
    let link = mail.link.clone().unwrap_or_default();
    let name = mail.name.as_str();
    let fr = mail.locale == Locale::Fr;
    let signature = if fr { "L'équipe Open d'État" } else { "The Open d'État team" };
    let sign_in = format!("{public_url}/connexion");
    let forgot = format!("{public_url}/mot-de-passe-oublie");
    if let Some(forum) = &mail.forum {
        if let Some(rendered) = render_registration(mail, forum, fr, signature) {
            return rendered;
        }
    }
    match (mail.template, fr) {
        (Template::VerifyEmail, true) => assemble(
            mail.locale,
            "Confirmez votre adresse électronique — Open d'État".into(),
            Body {
                greeting: format!("Bonjour {name},"),
                paragraphs: vec!["Votre compte Open d'État est créé. Pour participer aux discussions, confirmez que cette adresse est bien la vôtre.".into()],
                action: Some(("Confirmer mon adresse", link)),
                links: Vec::new(),
                after: vec!["Ce lien est valable 48 heures et ne sert qu'une fois. Si vous n'avez pas créé de compte, ignorez ce message : rien ne sera fait sans vous.".into()],
                signature,
            },
        ),
        (Template::VerifyEmail, false) => assemble(
            mail.locale,
            "Confirm your email address — Open d'État".into(),
            Body {
                greeting: format!("Hello {name},"),
                paragraphs: vec!["Your Open d'État account is ready. To take part in the discussions, confirm that this address is yours.".into()],
                action: Some(("Confirm my address", link)),
                links: Vec::new(),
                after: vec!["This link is valid for 48 hours and works once. If you did not create an account, ignore this message: nothing will happen without you.".into()],
                signature,
            },
        ),
        (Template::AccountExists, true) => assemble(
            mail.locale,
            "Vous avez déjà un compte — Open d'État".into(),
            Body {
                greeting: format!("Bonjour {name},"),
                paragraphs: vec![
                    "Quelqu'un, peut-être vous, a demandé à créer un compte Open d'État avec cette adresse. Vous avez déjà un compte : aucun autre n'a été créé.".into(),
                    format!("Pour vous connecter : {sign_in}"),
                ],
                action: Some(("Mot de passe oublié ? Le réinitialiser", forgot)),
                links: Vec::new(),
                after: vec!["Si ce n'était pas vous, vous n'avez rien à faire.".into()],
                signature,
            },
        ),
        (Template::AccountExists, false) => assemble(
            mail.locale,
            "You already have an account — Open d'État".into(),
            Body {
                greeting: format!("Hello {name},"),
                paragraphs: vec![
                    "Someone, perhaps you, asked to create an Open d'État account with this address. You already have an account: no other was created.".into(),
                    format!("To sign in: {sign_in}"),
                ],
                action: Some(("Forgot your password? Reset it", forgot)),
                links: Vec::new(),
                after: vec!["If it was not you, there is nothing to do.".into()],
                signature,
            },
        ),
        (Template::PasswordReset, true) => assemble(
            mail.locale,
            "Réinitialisez votre mot de passe — Open d'État".into(),
            Body {
                greeting: format!("Bonjour {name},"),
                paragraphs: vec!["Vous avez demandé à réinitialiser le mot de passe de votre compte Open d'État.".into()],
                action: Some(("Choisir un nouveau mot de passe", link)),
                links: Vec::new(),
                after: vec!["Ce lien est valable une heure et ne sert qu'une fois ; l'utiliser ferme toutes les sessions ouvertes de votre compte. Si vous n'avez rien demandé, ignorez ce message : votre mot de passe ne change pas.".into()],
                signature,
            },
        ),
        (Template::PasswordReset, false) => assemble(
            mail.locale,
            "Reset your password — Open d'État".into(),
            Body {
                greeting: format!("Hello {name},"),
                paragraphs: vec!["You asked to reset the password of your Open d'État account.".into()],
                action: Some(("Choose a new password", link)),
                links: Vec::new(),
                after: vec!["This link is valid for one hour and works once; using it signs your account out everywhere. If you did not ask for it, ignore this message: your password stays as it is.".into()],
                signature,
            },
        ),
        (Template::PasswordChanged, true) => assemble(
            mail.locale,
            "Votre mot de passe a été modifié — Open d'État".into(),
            Body {
                greeting: format!("Bonjour {name},"),
                paragraphs: vec!["Le mot de passe de votre compte Open d'État vient d'être modifié, et toutes ses sessions ont été fermées.".into()],
                action: None,
                links: Vec::new(),
                after: vec![format!("Si ce n'était pas vous, réinitialisez-le sans attendre : {forgot}")],
                signature,
            },
        ),
        (Template::PasswordChanged, false) => assemble(
            mail.locale,
            "Your password was changed — Open d'État".into(),
            Body {
                greeting: format!("Hello {name},"),
                paragraphs: vec!["The password of your Open d'État account was just changed, and all its sessions were closed.".into()],
                action: None,
                links: Vec::new(),
                after: vec![format!("If it was not you, reset it now: {forgot}")],
                signature,
            },
        ),
        (Template::Notification | Template::NotificationDigest, _) => notifications(mail, name, fr, signature, public_url),
        (Template::AccountSuspended, true) => {
            let note = mail.note.clone().unwrap_or(super::MailNote { text: String::new(), until: None });
            assemble(
                mail.locale,
                "Votre compte est suspendu — Open d'État".into(),
                Body {
                    greeting: format!("Bonjour {name},"),
                    paragraphs: vec![
                        match &note.until {
                            Some(until) => format!("Votre compte Open d'État est suspendu {until} : vous pouvez lire la plateforme, mais ni publier ni vous inscrire."),
                            None => "Votre compte Open d'État est suspendu jusqu'à nouvel ordre : vous pouvez lire la plateforme, mais ni publier ni vous inscrire.".into(),
                        },
                        format!("Message de la modération : {}", note.text),
                    ],
                    action: None,
                    links: Vec::new(),
                    after: vec!["Pour contester cette décision, répondez à ce message.".into()],
                    signature,
                },
            )
        }
        (Template::AccountSuspended, false) => {
            let note = mail.note.clone().unwrap_or(super::MailNote { text: String::new(), until: None });
            assemble(
                mail.locale,
                "Your account is suspended — Open d'État".into(),
                Body {
                    greeting: format!("Hello {name},"),
                    paragraphs: vec![
                        match &note.until {
                            Some(until) => format!("Your Open d'État account is suspended {until}: you can read the platform, but not post or register."),
                            None => "Your Open d'État account is suspended until further notice: you can read the platform, but not post or register.".into(),
                        },
                        format!("Message from the moderators: {}", note.text),
                    ],
                    action: None,
                    links: Vec::new(),
                    after: vec!["To contest this decision, reply to this message.".into()],
                    signature,
                },
            )
        }
        (Template::WebhookDisabled, _) => super::webhook_templates::render(mail, fr, link, name, signature),
        (Template::AccountUnconfirmed, _) => super::account_templates::unconfirmed(mail, fr, link, name, signature),
        (Template::SignInsBlocked, _) => super::account_templates::sign_ins_blocked(mail, fr, link, name, signature),
        (Template::TwoFactorOn | Template::TwoFactorOff | Template::TwoFactorRecoveryUsed, _) => {
            super::account_templates::two_factor_changed(mail, fr, link, name, signature)
        }
        // Registration mails without their forum: never enqueued so (see render_registration).
        (Template::RegistrationConfirmed | Template::RegistrationWaitlisted | Template::RegistrationPromoted
            | Template::RegistrationReminder | Template::ForumChanged | Template::ForumCancelled
            | Template::ForumFilling | Template::ForumFull, true) => assemble(
            mail.locale,
            "Votre inscription — Open d'État".into(),
            Body { greeting: format!("Bonjour {name},"), paragraphs: vec![], action: None, links: Vec::new(), after: vec![], signature },
        ),
        (Template::RegistrationConfirmed | Template::RegistrationWaitlisted | Template::RegistrationPromoted
            | Template::RegistrationReminder | Template::ForumChanged | Template::ForumCancelled
            | Template::ForumFilling | Template::ForumFull, false) => assemble(
            mail.locale,
            "Your registration — Open d'État".into(),
            Body { greeting: format!("Hello {name},"), paragraphs: vec![], action: None, links: Vec::new(), after: vec![], signature },
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_escaped_in_html_and_links_are_in_both_parts() {
        let mail = Outgoing {
            to: "a@example.org".into(),
            name: "<b>Zoé</b>".into(),
            locale: Locale::Fr,
            template: Template::PasswordReset,
            link: Some("https://x.fr/mot-de-passe?jeton=abc".into()),
            forum: None,
            note: None,
            notices: Vec::new(),
        };
        let r = render(&mail, "https://x.fr");
        assert!(r.subject.contains("mot de passe"));
        assert!(r.text.contains("Bonjour <b>Zoé</b>,"));
        assert!(r.text.contains("https://x.fr/mot-de-passe?jeton=abc"));
        assert!(r.html.contains("&lt;b&gt;Zoé&lt;/b&gt;"));
        assert!(r.html.contains("lang=\"fr\""));
        assert!(r.html.contains("href=\"https://x.fr/mot-de-passe?jeton=abc\""));
        let en = render(&Outgoing { locale: Locale::En, ..mail }, "https://x.fr");
        assert!(en.subject.starts_with("Reset your password"));
    }
}
