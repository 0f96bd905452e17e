// The accessibility statement, the multi-year plan and this year's action plan.
// French is the reference; the English catalogue must have exactly its keys (it does not compile
// otherwise). The figures (rate, state, date, non-conformities) come from the audit grid
// (docs/rgaa/grille.json, computed by scripts/rgaa.mjs), never from these texts.

export const fr = {
  "a11y.title": "Déclaration d'accessibilité",
  "a11y.intro":
    "L'équipe d'Open d'État s'engage à rendre son service accessible, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005. Cette déclaration d'accessibilité s'applique à l'application web Open d'État.",
  "a11y.status": "État de conformité",
  "a11y.status.totalement conforme":
    "Open d'État est totalement conforme au référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1.",
  "a11y.status.partiellement conforme":
    "Open d'État est partiellement conforme au référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1, en raison des non-conformités énumérées ci-dessous.",
  "a11y.status.non conforme":
    "Open d'État est non conforme au référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1 : les non-conformités sont énumérées ci-dessous.",
  "a11y.results": "Résultats des tests",
  "a11y.resultsText":
    "L'audit de conformité réalisé le {date} par l'{auditor} révèle que {rate} des critères du RGAA version 4.1 sont respectés.",
  "a11y.counts":
    "Sur les 106 critères : {c} conformes, {nc} non conformes et {na} non applicables sur les pages de l'échantillon. Le taux est le nombre de critères conformes divisé par le nombre de critères applicables.",
  "a11y.auditor": "équipe Open d'État (audit interne)",
  "a11y.inaccessible": "Contenus non accessibles",
  "a11y.nonConformities": "Non-conformités",
  "a11y.nonConformitiesNone": "Aucune non-conformité n'a été relevée.",
  "a11y.criterion": "Critère {id} : {rest}",
  "a11y.onPage": "{page} : {note}",
  "a11y.notesInFrench":
    "Pour chaque critère non conforme : son intitulé dans le RGAA 4.1, puis les pages où il ne l'est pas et pourquoi, d'après la grille d'audit.",
  "a11y.derogations": "Dérogations pour charge disproportionnée",
  "a11y.derogationsText": "Aucune dérogation n'est invoquée.",
  "a11y.exempt": "Contenus non soumis à l'obligation d'accessibilité",
  "a11y.exemptText":
    "Les contenus de tiers qui ne sont ni financés ni développés par l'équipe d'Open d'État et ne sont pas sous son contrôle : les commentaires publiés par les membres (leurs textes, et les liens et images qu'ils y placent) et les sites extérieurs vers lesquels mènent les liens.",
  "a11y.making": "Établissement de cette déclaration d'accessibilité",
  "a11y.madeOn": "Cette déclaration a été établie le {date}.",
  "a11y.technologies": "Technologies utilisées pour la réalisation du site",
  "a11y.technologiesText": "HTML5, CSS (Système de design de l'État, DSFR), JavaScript (React), WAI-ARIA.",
  "a11y.environment": "Environnement de test",
  "a11y.environmentText":
    "Navigateur {browser} sous {system}, piloté par Playwright {playwright} (mode sans interface), à 1 280 × 900 pixels.",
  "a11y.assistive": "Technologies d'assistance",
  "a11y.assistiveUsed":
    "Lecteur d'écran {reader} avec le navigateur {browser} sous {system}, le {date}, au clavier seul : l'accueil (régions, titres, liens d'évitement, langue), la connexion (un mauvais mot de passe puis le bon), un forum (l'inscription), sa discussion (un commentaire avec une mention, sa publication, sa suppression confirmée), les notifications, un engagement (le graphique et son tableau de données) et cette déclaration. Ce que le lecteur d'écran a dit à chaque étape, et ce qui n'allait pas, est publié avec le code source ({report}).",
  "a11y.assistiveNone":
    "Aucun lecteur d'écran n'a été utilisé pour cet audit : ni NVDA, ni JAWS, ni VoiceOver, ni Orca. La restitution vocale n'a donc pas été vérifiée ; les noms, rôles et états exposés aux technologies d'assistance l'ont été par la lecture du code et par axe-core.",
  "a11y.tools": "Outils pour évaluer l'accessibilité",
  "a11y.tool.axe":
    "axe-core {axe} (via @axe-core/playwright), règles WCAG 2.1 niveaux A et AA, sur chaque page visitée par les tests du navigateur, en visiteur et connecté ; toute anomalie fait échouer les tests.",
  "a11y.tool.keyboard":
    "Tests au clavier seul (Playwright) : navigation principale, formulaires, parcours de commentaire, place du focus après chaque action.",
  "a11y.tool.checks":
    "Vérifications automatisées de chaque page de l'échantillon : identifiants uniques et imbrication, hiérarchie des titres, indication des champs obligatoires ; espacement du texte (WCAG 1.4.12) vérifié par un test automatique (en-tête et intitulés des boutons, de 320 à 1280 px).",
  "a11y.tool.reading": "Lecture du code source de chaque composant, critère par critère.",
  "a11y.sample": "Pages du site ayant fait l'objet de la vérification de conformité",
  "a11y.sampleMethod":
    "Échantillon choisi selon la méthode du RGAA : la page d'accueil, la déclaration d'accessibilité, une page de chaque type (un forum avec sa discussion et l'éditeur de commentaire, un engagement), la connexion, le compte, la recherche, une liste longue et un formulaire d'administration. La grille complète, critère par critère et page par page, est publiée avec le code source (docs/rgaa/grille.json).",
  "a11y.as.visiteur": "en visiteur",
  "a11y.as.membre connecté": "connecté en membre",
  "a11y.as.administrateur": "connecté en administrateur",
  "a11y.notAudited":
    "La documentation de l'API (/api/docs/), destinée aux développeurs, ne fait pas partie de l'échantillon et n'a pas été évaluée.",
  "a11y.plans": "Schéma pluriannuel et plan d'action",
  "a11y.planLink": "Schéma pluriannuel de mise en accessibilité 2026-2028",
  "a11y.actionsLink": "Plan d'action 2026",
  "a11y.feedback": "Retour d'information et contact",
  "a11y.feedbackText":
    "Si vous n'arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter l'équipe d'Open d'État pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme.",
  "a11y.contact": "Écrire à {address}",
  "a11y.remedies": "Voies de recours",
  "a11y.remediesText":
    "Si vous avez signalé à l'équipe un défaut d'accessibilité qui vous empêche d'accéder à un contenu ou à un service, et que vous n'avez pas obtenu de réponse satisfaisante, vous pouvez :",
  "a11y.remedy.form": "écrire un message au Défenseur des droits (formulaire en ligne)",
  "a11y.remedy.delegates": "contacter le délégué du Défenseur des droits dans votre région",
  "a11y.remedy.post":
    "envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.",

  "a11y.plan.title": "Schéma pluriannuel de mise en accessibilité 2026-2028",
  "a11y.plan.intro":
    "Ce schéma dit comment l'équipe d'Open d'État rend le service accessible pendant trois ans, comme le prévoit l'article 47 de la loi n° 2005-102 du 11 février 2005. Chaque année, un plan d'action le met en œuvre.",
  "a11y.plan.organisation": "Organisation",
  "a11y.plan.organisationText":
    "L'accessibilité est l'affaire de toute l'équipe : un référent accessibilité suit l'audit, la déclaration et le plan d'action, et reçoit les signalements écrits à l'adresse de contact de la déclaration.",
  "a11y.plan.practice": "Prise en compte dans chaque évolution",
  "a11y.plan.practice1":
    "Composants du Système de design de l'État (DSFR) d'abord ; un composant maison suit les motifs de conception WAI-ARIA.",
  "a11y.plan.practice2":
    "À chaque modification, les tests du navigateur passent axe-core (WCAG 2.1 A et AA) sur toutes les pages et les parcours au clavier : une anomalie bloque la modification.",
  "a11y.plan.practice3":
    "La grille d'audit est tenue à jour dans le code source : la déclaration et le pied de page en sont calculés.",
  "a11y.plan.schedule": "Calendrier",
  "a11y.plan.2026":
    "2026 : premier audit de conformité sur un échantillon (RGAA 4.1), déclaration publiée, correction des non-conformités relevées.",
  "a11y.plan.2027":
    "2027 : audit avec des lecteurs d'écran (NVDA avec Firefox, VoiceOver avec Safari) et par un auditeur extérieur ; formation de l'équipe au RGAA.",
  "a11y.plan.2028":
    "2028 : nouvel audit complet, objectif de conformité totale ; tests avec des utilisatrices et utilisateurs en situation de handicap.",
  "a11y.plan.means": "Moyens",
  "a11y.plan.meansText":
    "Le temps de l'équipe de développement, les tests automatisés intégrés à la chaîne de tests et un audit extérieur par an à partir de 2027.",

  "a11y.actions.title": "Plan d'action 2026",
  "a11y.actions.intro":
    "Ce plan met en œuvre, pour 2026, le schéma pluriannuel de mise en accessibilité. Il reprend les non-conformités de l'audit du {date} et ce qui reste à vérifier.",
  "a11y.actions.fix": "Corriger les non-conformités de l'audit",
  "a11y.actions.verify": "Vérifier ce que l'audit n'a pas couvert",
  "a11y.actions.verify1":
    "Tester les parcours principaux avec NVDA (avec Firefox) et VoiceOver (avec Safari) : ils ne l'ont été qu'avec Orca et Chromium (décembre 2026).",
  "a11y.actions.verify2": "Valider le code source généré de chaque page de l'échantillon avec le validateur du W3C.",
  "a11y.actions.verify3":
    "Mesurer le contraste des composants d'interface et des graphiques (critère 3.3) au lieu de s'en tenir aux jetons de couleur.",
  "a11y.actions.keep": "Tenir la déclaration à jour",
  "a11y.actions.keepText":
    "Mettre à jour la grille d'audit après chaque correction ou nouvelle page ; la déclaration et le pied de page suivent.",
} as const;
