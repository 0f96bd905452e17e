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
  "a11y.test3":
    "Le service utilise le Système de design de l'État (DSFR) : liens d'évitement, titres de page, thème sombre, contrastes.",
  "a11y.results": "Résultats",
  "a11y.resultsText":
    "Les tests automatisés ne relèvent aucune non-conformité aux règles WCAG 2.1 A et AA qu'ils couvrent. Ils ne couvrent qu'une partie des critères du RGAA : les alternatives textuelles pertinentes, la lisibilité avec un lecteur d'écran ou le zoom à 200 % n'ont pas été évalués par un audit humain.",
  "a11y.environment": "Environnement de test",
  "a11y.environmentText":
    "Chromium (Debian) en mode automatisé, axe-core 4, clavier. Technologies utilisées : HTML5, CSS, JavaScript (React).",
  "a11y.feedback": "Retour d'information et contact",
  "a11y.feedbackText":
    "Si vous n'arrivez pas à accéder à un contenu ou à un service, signalez-le dans une discussion ou écrivez à l'équipe : nous vous proposerons une alternative accessible.",
  "a11y.remedies": "Voies de recours",
  "a11y.remediesText":
    "Si vous signalez un défaut d'accessibilité sans obtenir de réponse satisfaisante, vous pouvez écrire au Défenseur des droits ou contacter son délégué dans votre région.",
  "a11y.date": "Déclaration établie le 26 novembre 2026.",
} as const;
