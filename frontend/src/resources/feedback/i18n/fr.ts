// Feedback on forums and formats: comes with the forum and format pages (../messages.ts).
// French is the reference; the English catalogue (en/feedback.ts) must have exactly its keys.

export const fr = {
  "feedback.title": "Avis des participants",
  "feedback.intro":
    "Les participants donnent leur avis sur le forum en répondant au questionnaire de son format. Les résultats sont publiés de façon agrégée à la clôture des avis, s'il y a au moins {threshold} réponses ; les réponses libres, sans nom, une fois relues.",
  "feedback.give": "Donner mon avis",
  "feedback.change": "Modifier mon avis",
  "feedback.closesOn": "Vous pouvez répondre ou modifier votre avis jusqu'au {date}.",
  "feedback.closed": "Le recueil des avis sur ce forum est clos.",
  "feedback.submit": "Envoyer mon avis",
  "feedback.saved": "Merci : votre avis est enregistré.",
  "feedback.ratingLegend": "{label} (de 1, pas du tout, à 5, tout à fait)",
  "feedback.rating.none": "Sans réponse",
  "feedback.optionalText": "{label} (facultatif)",
  "feedback.notEnough": "Moins de {threshold} réponses à cette question : aucun chiffre n'est publié.",
  "feedback.who":
    "Seules les personnes enregistrées comme présentes — pointées à l'entrée ou par les organisateurs après le forum — donnent leur avis.",
  "feedback.notPresent":
    "Vous n'êtes pas enregistré·e comme présent·e à ce forum : seules les personnes présentes donnent leur avis. Si vous y étiez, demandez aux organisateurs de vous marquer présent·e.",
  "feedback.unpublished":
    "Les résultats seront publiés à la clôture des avis, le {date}, s'il y a au moins {threshold} réponses ; ils ne changeront plus ensuite.",
  "feedback.notPublished":
    "Les avis sont clos : moins de {threshold} personnes ont répondu, les résultats ne sont donc pas publiés.",
  "feedback.published": "Résultats publiés à la clôture des avis, le {date} ; ils ne changent plus.",
  "feedback.count": "{count} réponse(s)",
  "feedback.mean": "Moyenne : {mean} sur 5 ({count} réponses)",
  "feedback.distribution.caption": "Répartition des notes : {label}",
  "feedback.distribution.rating": "Note",
  "feedback.distribution.count": "Réponses",
  "feedback.texts.none": "Aucune réponse publiée pour l'instant.",
  "feedback.response": "Ce que nous avons changé",
  "feedback.response.next": "Voir la version {version} du format",
  "feedback.moderation": "Réponses libres à relire",
  "feedback.moderation.none": "Aucune réponse libre.",
  "feedback.approve": "Publier",
  "feedback.withdraw": "Retirer",
  "feedback.approved": "publiée",
  "feedback.pending": "à relire",
  "feedback.responseForm": "Publier la réponse aux avis",
  "feedback.responseBody": "Ce que nous avons changé (markdown)",
  "feedback.responseNext": "Version du format qui en découle (numéro)",
  "feedback.responseSubmit": "Publier la réponse",
  "feedback.byVersion": "Avis par version du format",
  "feedback.byVersion.intro":
    "Seuls comptent les forums dont les résultats sont publiés : avis clos, avec au moins {threshold} réponses.",
  "feedback.byVersion.caption":
    "Résultats de chaque question, version par version (moyenne sur 5 et nombre de réponses)",
  "feedback.byVersion.question": "Question",
  "feedback.byVersion.version": "Version {version} ({forums} forum(s))",
  "feedback.byVersion.cell": "{mean} ({count})",
  "feedback.byVersion.hidden": "moins de {threshold} réponses",
  "feedback.byVersion.notAsked": "non posée",
} as const;
