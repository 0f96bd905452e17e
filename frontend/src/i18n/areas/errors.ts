// What each problem the API answers means, by its stable code (never by the English `detail`).
// Typed by the contract's ErrorCode: a code the API adds does not compile until it is here.
import type { components } from "../../api/schema";

type ErrorCode = components["schemas"]["ErrorCode"];
type ByCode = { [C in ErrorCode as `error.${C}`]: string };

export const fr = {
  "error.bad_request": "La requête n'a pas pu être lue.",
  "error.invalid_query": "Les paramètres de la recherche sont invalides.",
  "error.invalid_cursor": "Cette liste a changé : rechargez la page.",
  "error.invalid_if_none_match": "En-tête If-None-Match invalide.",
  "error.invalid_position": "Cette position de synchronisation n'est pas valable : recommencez sans elle.",
  "error.malformed_json": "La requête n'a pas pu être lue.",
  "error.bad_body": "La requête n'a pas pu être lue.",
  "error.unauthorized": "Connectez-vous pour continuer.",
  "error.forbidden": "Vous n'avez pas le droit de faire cela.",
  "error.insufficient_scope": "Portée du jeton insuffisante.",
  "error.api_token_revoked": "Ce jeton a été révoqué.",
  "error.api_token_expired": "Ce jeton a expiré.",
  "error.scope_not_allowed": "Portée refusée au rôle du compte.",
  "error.too_many_tokens": "Trop de jetons actifs.",
  "error.webhook_disabled": "Ce point de réception est désactivé : réactivez-le d'abord.",
  "error.webhook_url_refused": "Cette adresse ne peut pas recevoir de webhooks ici.",
  "error.too_many_endpoints": "Trop de points de réception (20 au plus) : supprimez-en un d'abord.",
  "error.wrong_password": "Ce n'est pas votre mot de passe actuel.",
  "error.reauthentication_required":
    "Ce compte n'a pas de mot de passe : reconnectez-vous avec ProConnect ou FranceConnect, puis recommencez dans les 10 minutes.",
  "error.email_not_verified":
    "Confirmez d'abord votre adresse électronique : suivez le lien du message reçu à l'inscription, ou demandez-en un nouveau.",
  "error.not_found": "Cette page ou cette ressource n'existe pas (ou plus).",
  "error.method_not_allowed": "Cette action n'est pas possible ici.",
  "error.request_timeout": "La requête a pris trop de temps : réessayez.",
  "error.too_many_streams": "Trop de flux ouverts : fermez un onglet, ou réessayez plus tard.",
  "error.invalid_last_event_id": "Cet identifiant de reprise ne vient pas de ce flux.",
  "error.already_exists": "Cette valeur est déjà utilisée : choisissez-en une autre.",
  "error.referenced": "D'autres éléments en dépendent : ce changement est impossible.",
  "error.has_commitments": "Ce plan d'action a encore des engagements : supprimez-les ou déplacez-les d'abord.",
  "error.archived": "Cette discussion est archivée : elle reste lisible et ne reçoit plus de commentaires.",
  "error.already_registered": "Vous êtes déjà inscrit·e à ce forum (ou sur sa liste d'attente).",
  "error.registration_closed": "Ce forum ne prend pas d'inscription en ce moment.",
  "error.not_registered": "Cette personne n'a pas de place à ce forum (liste d'attente ou inscription annulée).",
  "error.already_answered": "Vous avez déjà donné votre avis sur ce forum : vous pouvez le modifier.",
  "error.feedback_closed": "Ce forum ne recueille pas d'avis en ce moment.",
  "error.not_a_participant":
    "Seules les personnes enregistrées comme présentes à ce forum (pointées à l'accueil, ou par les organisateurs après le forum) donnent leur avis sur celui-ci.",
  "error.withdrawn": "Cet engagement (ou ce jalon) a été retiré : plus personne n'en répond.",
  "error.no_institution": "Aucune institution ne répond de ceci : l'engagement n'a pas d'institution pilote.",
  "error.answer_stands":
    "Une réponse fait déjà foi ; la personne qui a posé la question peut indiquer qu'elle ne répond pas.",
  "error.answer_on_record":
    "La réponse d'une institution fait partie du dossier public : elle ne se supprime pas. Vous pouvez la modifier (le texte remplacé reste consultable).",
  "error.own_comment": "Vous ne pouvez pas signaler votre propre commentaire : modifiez-le ou supprimez-le.",
  "error.not_an_organiser":
    "Seuls les organisateurs de ce forum (agents des institutions de ses engagements, personnes nommées, administrateurs) peuvent faire cela.",
  "error.already_rejected": "Vous avez déjà indiqué que cette réponse ne répond pas à la question.",
  "error.public_holiday": "Ce jour est un jour férié légal : il ne peut pas être retiré.",
  "error.not_your_institution": "Seuls les agents de l'institution pilote de l'engagement peuvent faire cela.",
  "error.capacity_below_registered":
    "Plus de personnes sont déjà inscrites que ce nombre de places : il ne peut pas descendre en dessous. Annulez d'abord des inscriptions (ou demandez-le aux personnes).",
  "error.forum_not_held": "Le compte rendu et les actions se publient une fois le forum tenu.",
  "error.stale_version":
    "Une version plus récente a été publiée pendant que vous écriviez : relisez-la, puis reportez vos changements.",
  "error.version_published":
    "Une version publiée ne change plus : publiez une nouvelle version avec une note de changement.",
  "error.notice_too_short":
    "Moins de 14 jours de préavis : le calendrier se publie au moins 14 jours avant l'ouverture d'une phase, sauf raison indiquée publiquement.",
  "error.timeline_published": "Le calendrier de cette concertation est déjà publié.",
  "error.timeline_empty": "Ajoutez les phases du calendrier avant de le publier.",
  "error.not_in_preparation": "Ce plan d'action n'est pas (ou plus) en préparation.",
  "error.no_open_phase": "Aucune phase de la concertation ouverte aux propositions n'est en cours.",
  "error.not_a_stakeholder_meeting": "Ce forum n'est pas une réunion du forum multi-acteurs.",
  "error.no_registration": "Inscrivez-vous d'abord à ce forum : l'accord concerne les personnes présentes.",
  "error.file_type_not_allowed":
    "Ce fichier n'est pas d'un type accepté (PDF, ODT, ODS, ODP, DOCX, XLSX, PPTX, PNG, JPEG, CSV ou texte), quel que soit son nom.",
  "error.link_refused": "Ce lien mène à une adresse locale ou privée : donnez une adresse publique.",
  "error.document_is_link": "Ce document est un lien : modifiez son adresse.",
  "error.not_a_link": "Ce document est un fichier : déposez-en une nouvelle version.",
  "error.stage_for_forums": "Seuls les documents d'un forum se lisent avant ou après lui.",
  "error.already_supported": "Vous soutenez déjà cette proposition.",
  "error.proposal_merged": "Cette proposition a été fusionnée avec une autre : c'est celle-ci qu'il faut soutenir.",
  "error.nothing_to_publish": "Aucune réponse en brouillon n'attend d'être publiée.",
  "error.not_coordinating_institution":
    "Seuls les agents de l'institution qui coordonne le plan, et l'administration, répondent aux propositions.",
  "error.commitment_of_another_plan": "Cet engagement relève d'un autre plan.",
  "error.not_retained":
    "Seule une proposition retenue (ou partiellement retenue) devient un engagement : donnez-lui d'abord cette réponse (publiée ou en brouillon).",
  "error.unknown_reference": "Un champ désigne un élément qui n'existe pas.",
  "error.conflicts_with_stored": "Un champ contredit ce qui est déjà enregistré.",
  "error.parent_unavailable": "Le commentaire auquel vous répondez a été supprimé ou masqué.",
  "error.comment_unavailable": "Un commentaire supprimé ou masqué ne peut pas être modifié.",
  "error.handle_recently_changed": "Votre identifiant a été changé il y a moins de 30 jours : réessayez plus tard.",
  "error.two_factor_required":
    "Votre rôle exige la double authentification : activez-la depuis la page de votre compte.",
  "error.second_factor_required":
    "Saisissez le code à six chiffres de votre application d'authentification, ou un code de secours.",
  "error.second_factor_invalid": "Ce code n'est pas valable (ou a déjà servi) : saisissez le code affiché maintenant.",
  "error.two_factor_on": "La double authentification est déjà activée sur ce compte.",
  "error.two_factor_off": "La double authentification n'est pas activée sur ce compte.",
  "error.two_factor_kept": "Votre rôle exige la double authentification : elle ne peut pas être désactivée.",
  "error.identity_taken":
    "Cette identité est déjà liée à un autre compte, ou ce compte est déjà lié à une autre identité chez ce service.",
  "error.last_sign_in_method":
    "C'est le seul moyen de vous connecter à ce compte : choisissez d'abord un mot de passe avec « Mot de passe oublié », puis déliez cette identité.",
  "error.cross_site_request": "Cette action doit venir du site lui-même : rechargez la page et réessayez.",
  "error.last_admin": "Vous êtes le seul administrateur : nommez-en un autre avant de supprimer votre compte.",
  "error.self_lockout": "Vous ne pouvez pas vous retirer le rôle d'administrateur ni vous suspendre.",
  "error.token_used": "Ce lien a déjà servi, ou un lien plus récent l'a remplacé.",
  "error.token_expired": "Ce lien a expiré : demandez-en un nouveau.",
  "error.payload_too_large": "Le contenu envoyé est trop volumineux.",
  "error.uri_too_long": "L'adresse est trop longue.",
  "error.unsupported_media_type": "La requête n'a pas pu être lue.",
  "error.validation_failed": "Certains champs sont invalides.",
  "error.unprocessable_body": "Certains champs sont invalides.",
  "error.too_many_requests": "Trop de tentatives : patientez un moment avant de réessayer.",
  "error.request_header_fields_too_large": "La requête est trop volumineuse.",
  "error.internal_error": "Une erreur inattendue s'est produite ; elle a été signalée. Réessayez plus tard.",
  "error.service_unavailable": "Le service est momentanément indisponible : réessayez dans un instant.",
  "error.http_error": "La requête n'a pas abouti.",
} as const satisfies ByCode;
