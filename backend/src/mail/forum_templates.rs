//! The mails about a forum one registered for: confirmation, waitlist, promotion, reminder,
//! change and cancellation, and the organisers' 80 % and 100 % notices — French and English.

use super::templates::{assemble, Body, Rendered, Template};
use super::{ForumMention, Outgoing};

/// The registration mails, which all name their forum.
pub(super) fn render_registration(
    mail: &Outgoing,
    forum: &ForumMention,
    fr: bool,
    signature: &str,
) -> Option<Rendered> {
    let name = mail.name.as_str();
    let ForumMention { title, when, place, url, code, position, .. } = forum;
    let (greeting, details, see) = if fr {
        (
            format!("Bonjour {name},"),
            vec![format!("Quand : {when} (heure de Paris)"), format!("Où : {place}")],
            "Voir le forum",
        )
    } else {
        (
            format!("Hello {name},"),
            vec![format!("When: {when} (Paris time)"), format!("Where: {place}")],
            "See the forum",
        )
    };
    let (subject, mut paragraphs, after) = match (mail.template, fr) {
        (Template::RegistrationConfirmed, true) => (
            format!("Inscription confirmée : {title}"),
            vec![format!("Votre inscription au forum « {title} » est confirmée.")],
            vec![
                format!("Votre code d'inscription, à donner à l'accueil : {code}"),
                "Si vous ne pouvez plus venir, annulez votre inscription depuis la page du forum : votre place ira à la première personne en liste d'attente.".to_string(),
            ],
        ),
        (Template::RegistrationConfirmed, false) => (
            format!("Registration confirmed: {title}"),
            vec![format!("Your registration for the forum “{title}” is confirmed.")],
            vec![
                format!("Your registration code, to give at the door: {code}"),
                "If you cannot come any more, cancel your registration from the forum's page: your seat will go to the first person on the waitlist.".to_string(),
            ],
        ),
        (Template::RegistrationWaitlisted, true) => (
            format!("Liste d'attente : {title}"),
            vec![format!(
                "Le forum « {title} » est complet : vous êtes sur sa liste d'attente, en position {}. Si une place se libère, elle vous sera attribuée dans l'ordre d'arrivée et vous recevrez un message.",
                position.unwrap_or(1)
            )],
            vec!["Vous pouvez quitter la liste d'attente depuis la page du forum.".to_string()],
        ),
        (Template::RegistrationWaitlisted, false) => (
            format!("Waitlist: {title}"),
            vec![format!(
                "The forum “{title}” is full: you are on its waitlist, in position {}. When a seat is freed, it goes to the next person in order of arrival, and you will get a message.",
                position.unwrap_or(1)
            )],
            vec!["You can leave the waitlist from the forum's page.".to_string()],
        ),
        (Template::RegistrationPromoted, true) => (
            format!("Une place s'est libérée : {title}"),
            vec![format!("Une place s'est libérée au forum « {title} » : vous êtes maintenant inscrit(e).")],
            vec![
                format!("Votre code d'inscription, à donner à l'accueil : {code}"),
                "Si vous ne pouvez plus venir, annulez votre inscription depuis la page du forum.".to_string(),
            ],
        ),
        (Template::RegistrationPromoted, false) => (
            format!("A seat was freed: {title}"),
            vec![format!("A seat was freed at the forum “{title}”: you are now registered.")],
            vec![
                format!("Your registration code, to give at the door: {code}"),
                "If you cannot come any more, cancel your registration from the forum's page.".to_string(),
            ],
        ),
        (Template::RegistrationReminder, true) => (
            format!("Rappel : {title}, dans deux jours"),
            vec![format!("Le forum « {title} » a lieu dans deux jours, et vous y êtes inscrit(e).")],
            vec![
                format!("Votre code d'inscription, à donner à l'accueil : {code}"),
                "Si vous ne pouvez plus venir, annulez votre inscription depuis la page du forum : votre place ira à la première personne en liste d'attente.".to_string(),
            ],
        ),
        (Template::RegistrationReminder, false) => (
            format!("Reminder: {title}, in two days"),
            vec![format!("The forum “{title}” takes place in two days, and you are registered.")],
            vec![
                format!("Your registration code, to give at the door: {code}"),
                "If you cannot come any more, cancel your registration from the forum's page: your seat will go to the first person on the waitlist.".to_string(),
            ],
        ),
        (Template::ForumChanged, true) => (
            format!("Changement : {title}"),
            vec![format!("Le forum « {title} », auquel vous êtes inscrit(e), change d'heure ou de lieu. Voici ce qui vaut désormais :")],
            vec!["Le fichier joint met à jour le forum dans votre agenda.".to_string()],
        ),
        (Template::ForumChanged, false) => (
            format!("Change: {title}"),
            vec![format!("The forum “{title}”, which you registered for, changes time or place. This is what holds now:")],
            vec!["The attached file updates the forum in your calendar.".to_string()],
        ),
        (Template::ForumCancelled, true) => (
            format!("Annulation : {title}"),
            vec![format!("Le forum « {title} », auquel vous étiez inscrit(e), est annulé. Nous vous prions de nous en excuser.")],
            vec!["Le fichier joint retire le forum de votre agenda.".to_string()],
        ),
        (Template::ForumCancelled, false) => (
            format!("Cancelled: {title}"),
            vec![format!("The forum “{title}”, which you registered for, is cancelled. We apologise.")],
            vec!["The attached file removes the forum from your calendar.".to_string()],
        ),
        (Template::ForumFilling, true) => (
            format!("80 % des places prises : {title}"),
            vec![format!("Le forum « {title} » que vous organisez a atteint 80 % de ses places ({}).", position.unwrap_or(0))],
            vec!["Vous pouvez suivre les inscriptions et la liste d'attente depuis la page du forum.".to_string()],
        ),
        (Template::ForumFilling, false) => (
            format!("80% of seats taken: {title}"),
            vec![format!("The forum “{title}” you organise has 80% of its seats taken ({}).", position.unwrap_or(0))],
            vec!["You can follow registrations and the waitlist from the forum's page.".to_string()],
        ),
        (Template::ForumFull, true) => (
            format!("Complet : {title}"),
            vec![format!("Toutes les places du forum « {title} » que vous organisez sont prises ({}) : les personnes suivantes sont mises en liste d'attente.", position.unwrap_or(0))],
            vec!["Si la salle le permet, vous pouvez augmenter le nombre de places : la liste d'attente en profitera dans l'ordre d'arrivée.".to_string()],
        ),
        (Template::ForumFull, false) => (
            format!("Full: {title}"),
            vec![format!("Every seat of the forum “{title}” you organise is taken ({}): the next people are waitlisted.", position.unwrap_or(0))],
            vec!["If the room allows, you can raise the number of seats: the waitlist benefits in order of arrival.".to_string()],
        ),
        _ => return None,
    };
    paragraphs.extend(details);
    Some(assemble(
        mail.locale,
        format!("{subject} — Open d'État"),
        Body { greeting, paragraphs, action: Some((see, url.clone())), links: Vec::new(), after, signature },
    ))
}
