//! The mail telling an account's owner that failed sign-ins from many addresses reached the
//! account's ceiling (`auth::throttle::ACCOUNT`).

use super::templates::{assemble, Body, Rendered};
use super::Outgoing;

/// `link`: the page to choose a new password.
pub(super) fn sign_ins_blocked(mail: &Outgoing, fr: bool, link: String, name: &str, signature: &str) -> Rendered {
    if fr {
        assemble(
            mail.locale,
            "Connexions à votre compte suspendues un moment — Open d'État".into(),
            Body {
                greeting: format!("Bonjour {name},"),
                paragraphs: vec![
                    "Beaucoup de tentatives de connexion à votre compte Open d'État ont échoué, depuis de nombreuses adresses : quelqu'un essaie sans doute de deviner votre mot de passe.".into(),
                    "Pour le protéger, les connexions à ce compte sont refusées pendant quelques minutes, y compris les vôtres. Votre mot de passe n'a pas été trouvé.".into(),
                    "Si votre mot de passe sert aussi ailleurs, ou s'il est court, choisissez-en un nouveau, propre à Open d'État.".into(),
                ],
                action: Some(("Choisir un nouveau mot de passe", link)),
                links: Vec::new(),
                after: Vec::new(),
                signature,
            },
        )
    } else {
        assemble(
            mail.locale,
            "Sign-ins to your account paused for a while — Open d'État".into(),
            Body {
                greeting: format!("Hello {name},"),
                paragraphs: vec![
                    "Many sign-ins to your Open d'État account have failed, from many addresses: someone is probably trying to guess your password.".into(),
                    "To protect it, sign-ins to this account are refused for a few minutes, yours too. Your password was not found.".into(),
                    "If your password is also used elsewhere, or is short, choose a new one used only for Open d'État.".into(),
                ],
                action: Some(("Choose a new password", link)),
                links: Vec::new(),
                after: Vec::new(),
                signature,
            },
        )
    }
}
