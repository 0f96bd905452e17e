//! The mail telling whom a webhook endpoint answers to that five days of failures turned it off.

use super::templates::{assemble, Body, Rendered};
use super::Outgoing;

/// `link`: the endpoint's page; `note.text`: its URL.
pub(super) fn render(mail: &Outgoing, fr: bool, link: String, name: &str, signature: &str) -> Rendered {
    if fr {
        let url = mail.note.as_ref().map(|n| n.text.clone()).unwrap_or_default();
        assemble(
            mail.locale,
            "Un point de réception de webhooks est désactivé — Open d'État".into(),
            Body {
                greeting: format!("Bonjour {name},"),
                paragraphs: vec![
                    format!("Depuis cinq jours, chaque envoi vers {url} échoue : ce point de réception a été désactivé et ne reçoit plus rien."),
                    "Son journal d'envoi dit pourquoi. Une fois le problème réglé, réactivez-le ; les messages manqués peuvent être renvoyés depuis le journal (il garde 30 jours).".into(),
                ],
                action: Some(("Voir le point de réception", link)),
                links: Vec::new(),
                after: Vec::new(),
                signature,
            },
        )
    } else {
        let url = mail.note.as_ref().map(|n| n.text.clone()).unwrap_or_default();
        assemble(
            mail.locale,
            "A webhook endpoint is turned off — Open d'État".into(),
            Body {
                greeting: format!("Hello {name},"),
                paragraphs: vec![
                    format!("For five days every delivery to {url} has failed: the endpoint is turned off and receives nothing more."),
                    "Its delivery log says why. Once the problem is fixed, turn it on again; the messages it missed can be sent again from the log (kept 30 days).".into(),
                ],
                action: Some(("See the endpoint", link)),
                links: Vec::new(),
                after: Vec::new(),
                signature,
            },
        )
    }
}
