// The accessibility statement.
// French is the reference; the English catalogue must have exactly its keys (it does not compile
// otherwise).

export const fr = {
  "a11y.title": "Déclaration d'accessibilité",
  "a11y.intro":
    "L'équipe d'Open d'État s'engage à rendre son service accessible, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005. Cette déclaration s'applique à l'application web Open d'État.",
  "a11y.status": "État de conformité",
  "a11y.statusText":
    "Open d'État est non conforme au référentiel général d'amélioration de l'accessibilité (RGAA 4.1) : aucun audit complet de conformité n'a encore été réalisé. Les résultats des tests décrits ci-dessous ne remplacent pas un audit.",
  "a11y.tests": "Tests réalisés",
  "a11y.test1":
    "À chaque modification, des tests automatisés parcourent dans un navigateur (Chromium) toutes les pages du service, en visiteur et connecté (membre, agent public, modération) : le moteur axe-core y vérifie les règles WCAG 2.1 niveaux A et AA ; toute anomalie fait échouer les tests.",
  "a11y.test2":
    "Les parcours principaux (menu, formulaires de connexion et de commentaire) sont testés au clavier seul.",
  "a11y.test3": "Le service utilise le Système de design de l'État (DSFR) : liens d'évitement, titres de page, thème sombre, contrastes.",
  "a11y.results": "Résultats",
  "a11y.resultsText":
    "Les tests automatisés ne relèvent aucune non-conformité aux règles WCAG 2.1 A et AA qu'ils couvrent. Ils ne couvrent qu'une partie des critères du RGAA : les alternatives textuelles pertinentes, la lisibilité avec un lecteur d'écran ou le zoom à 200 % n'ont pas été évalués par un audit humain.",
  "a11y.environment": "Environnement de test",
  "a11y.environmentText": "Chromium (Debian) en mode automatisé, axe-core 4, clavier. Technologies utilisées : HTML5, CSS, JavaScript (React).",
  "a11y.feedback": "Retour d'information et contact",
  "a11y.feedbackText":
    "Si vous n'arrivez pas à accéder à un contenu ou à un service, signalez-le dans une discussion ou écrivez à l'équipe : nous vous proposerons une alternative accessible.",
  "a11y.remedies": "Voies de recours",
  "a11y.remediesText":
    "Si vous signalez un défaut d'accessibilité sans obtenir de réponse satisfaisante, vous pouvez écrire au Défenseur des droits ou contacter son délégué dans votre région.",
  "a11y.date": "Déclaration établie le 26 novembre 2026.",
} as const;

export const en: Record<keyof typeof fr, string> = {
  "a11y.title": "Accessibility statement",
  "a11y.intro":
    "The Open d'État team is committed to making its service accessible, as required by article 47 of French law no. 2005-102 of 11 February 2005. This statement applies to the Open d'État web application.",
  "a11y.status": "Compliance status",
  "a11y.statusText":
    "Open d'État is not compliant with the French accessibility framework (RGAA 4.1): no full compliance audit has been carried out yet. The results of the tests described below do not replace an audit.",
  "a11y.tests": "Tests carried out",
  "a11y.test1":
    "On every change, automated tests go through every page of the service in a browser (Chromium), signed out and signed in (member, public official, moderation): the axe-core engine checks the WCAG 2.1 level A and AA rules there; any issue fails the tests.",
  "a11y.test2": "The main journeys (menu, sign-in and comment forms) are tested with the keyboard alone.",
  "a11y.test3": "The service uses the French State design system (DSFR): skip links, page titles, dark theme, contrasts.",
  "a11y.results": "Results",
  "a11y.resultsText":
    "The automated tests find no failure of the WCAG 2.1 A and AA rules they cover. They cover only part of the RGAA criteria: relevant text alternatives, use with a screen reader or at 200% zoom have not been assessed by a human audit.",
  "a11y.environment": "Test environment",
  "a11y.environmentText": "Chromium (Debian), automated, axe-core 4, keyboard. Technologies used: HTML5, CSS, JavaScript (React).",
  "a11y.feedback": "Feedback and contact",
  "a11y.feedbackText":
    "If you cannot reach a content or a service, report it in a discussion or write to the team: we will offer you an accessible alternative.",
  "a11y.remedies": "Remedies",
  "a11y.remediesText":
    "If you report an accessibility issue and get no satisfactory answer, you may write to the Défenseur des droits (French rights ombudsman) or contact their delegate in your region.",
  "a11y.date": "Statement made on 26 November 2026.",
};
