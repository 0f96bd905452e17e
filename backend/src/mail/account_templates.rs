//! Mails about an account itself: a sign-up naming an address whose account is not confirmed
//! yet, failed sign-ins from many addresses that reached the account's ceiling
//! (`auth::throttle::ACCOUNT`), and a second factor turned on or off.

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

/// `link`: a reset link (one hour, once), which also confirms the address.
pub(super) fn unconfirmed(mail: &Outgoing, fr: bool, link: String, name: &str, signature: &str) -> Rendered {
    if fr {
        assemble(
            mail.locale,
            "Confirmez votre compte en choisissant son mot de passe — Open d'État".into(),
            Body {
                greeting: format!("Bonjour {name},"),
                paragraphs: vec![
                    "Quelqu'un, peut-être vous, a demandé à créer un compte Open d'État avec cette adresse. Un compte l'attend déjà, pas encore confirmé.".into(),
                    "Pour le confirmer et vous connecter, choisissez son mot de passe avec ce lien, valable une heure et une seule fois : il remplace tout mot de passe donné lors d'une inscription précédente.".into(),
                ],
                action: Some(("Choisir mon mot de passe", link)),
                links: Vec::new(),
                after: vec!["Si ce n'était pas vous, vous n'avez rien à faire : un compte jamais confirmé est supprimé au bout de 7 jours.".into()],
                signature,
            },
        )
    } else {
        assemble(
            mail.locale,
            "Confirm your account by choosing its password — Open d'État".into(),
            Body {
                greeting: format!("Hello {name},"),
                paragraphs: vec![
                    "Someone, perhaps you, asked to create an Open d'État account with this address. An account already awaits it, not confirmed yet.".into(),
                    "To confirm it and sign in, choose its password with this link, valid for one hour and once: it replaces any password given at an earlier sign-up.".into(),
                ],
                action: Some(("Choose my password", link)),
                links: Vec::new(),
                after: vec!["If it was not you, there is nothing to do: an account never confirmed is deleted after 7 days.".into()],
                signature,
            },
        )
    }
}

/// A second factor turned on (`TwoFactorOn`) or off (`TwoFactorOff`), or a recovery code used
/// (`TwoFactorRecoveryUsed`), so that what the owner did not do is noticed. `link`: the account
/// page.
pub(super) fn two_factor_changed(mail: &Outgoing, fr: bool, link: String, name: &str, signature: &str) -> Rendered {
    use super::templates::Template;
    let (subject, paragraphs, action) = match (fr, mail.template) {
        (true, Template::TwoFactorRecoveryUsed) => (
            "Un code de secours a servi — Open d'État",
            vec![
                "Un de vos codes de secours vient de servir à vous connecter à Open d'État, à la place du code de votre application d'authentification. Il ne servira plus.".into(),
                "S'il vous en reste peu, ou si vous avez perdu votre téléphone, créez de nouveaux codes depuis votre compte.".into(),
                "Si ce n'était pas vous, changez votre mot de passe, fermez vos sessions ouvertes et créez de nouveaux codes.".into(),
            ],
            "Voir mon compte",
        ),
        (false, Template::TwoFactorRecoveryUsed) => (
            "A recovery code was used — Open d'État",
            vec![
                "One of your recovery codes was just used to sign in to Open d'État, in place of the code of your authenticator app. It will not work again.".into(),
                "If you have few left, or lost your phone, make new codes from your account.".into(),
                "If it was not you, change your password, end your open sessions and make new codes.".into(),
            ],
            "See my account",
        ),
        (true, Template::TwoFactorOn) => (
            "Double authentification activée — Open d'État",
            vec![
                "La double authentification vient d'être activée sur votre compte Open d'État : chaque connexion demandera désormais, après le mot de passe, le code de votre application d'authentification.".into(),
                "Gardez vos codes de secours en lieu sûr : ils remplacent l'application si vous la perdez.".into(),
                "Si vous n'êtes pas à l'origine de ce changement, changez votre mot de passe et écrivez-nous en répondant à ce message.".into(),
            ],
            "Voir mon compte",
        ),
        (true, _) => (
            "Double authentification désactivée — Open d'État",
            vec![
                "La double authentification vient d'être désactivée sur votre compte Open d'État (par vous, ou par un administrateur à votre demande) : le mot de passe seul permet de s'y connecter.".into(),
                "Si vous n'êtes pas à l'origine de ce changement, changez votre mot de passe, réactivez la double authentification et écrivez-nous en répondant à ce message.".into(),
            ],
            "Voir mon compte",
        ),
        (false, Template::TwoFactorOn) => (
            "Two-factor sign-in turned on — Open d'État",
            vec![
                "Two-factor sign-in was just turned on for your Open d'État account: every sign-in will now ask, after the password, for the code of your authenticator app.".into(),
                "Keep your recovery codes somewhere safe: they stand in for the app if you lose it.".into(),
                "If you did not make this change, change your password and write to us by replying to this message.".into(),
            ],
            "See my account",
        ),
        (false, _) => (
            "Two-factor sign-in turned off — Open d'État",
            vec![
                "Two-factor sign-in was just turned off for your Open d'État account (by you, or by an administrator at your request): the password alone signs in to it.".into(),
                "If you did not make this change, change your password, turn two-factor sign-in on again and write to us by replying to this message.".into(),
            ],
            "See my account",
        ),
    };
    assemble(
        mail.locale,
        subject.into(),
        Body {
            greeting: if fr { format!("Bonjour {name},") } else { format!("Hello {name},") },
            paragraphs,
            action: Some((action, link)),
            links: Vec::new(),
            after: Vec::new(),
            signature,
        },
    )
}
