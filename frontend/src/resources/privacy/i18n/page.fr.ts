// French messages of the "Données personnelles" page, which come with its chunk. The English
// catalogue (./page.en.ts) must have exactly its keys.

export const fr = {
  "privacy.title": "Données personnelles",
  "privacy.intro":
    "Open d'État est la plateforme des forums Open d'État, où citoyens, associations et agents publics font avancer ensemble les engagements du plan d'action national pour un gouvernement ouvert. Cette page dit quelles données personnelles elle traite, pourquoi, combien de temps, qui les voit, et comment exercer vos droits.",
  "privacy.what.title": "Les données traitées",
  "privacy.what.account":
    "Votre compte : adresse électronique, nom affiché, organisation si vous l'indiquez, langue, rôle, date de création et de confirmation de l'adresse. Le mot de passe n'est jamais conservé : seule son empreinte (argon2id) l'est.",
  "privacy.what.contributions":
    "Vos contributions : commentaires, questions aux institutions, réactions, avis sur les forums, et pour les agents les mises à jour d'avancement publiées au nom de leur institution.",
  "privacy.what.registrations":
    "Vos inscriptions aux forums : la place, la liste d'attente, le code remis à l'accueil et la présence le jour venu.",
  "privacy.what.follows": "Ce que vous suivez, vos notifications et la façon dont vous souhaitez les recevoir.",
  "privacy.what.reports": "Les signalements de commentaires que vous faites.",
  "privacy.what.tokens":
    "Vos jetons d'API : nom, droits, dates de création et de dernière utilisation (seul le type d'adresse, IPv4 ou IPv6, est gardé). Le jeton lui-même n'est conservé que sous forme d'empreinte.",
  "privacy.what.technical":
    "Des compteurs techniques contre les abus : le nombre de connexions, d'inscriptions et de courriels demandés par adresse réseau (une adresse IPv4, ou le préfixe /64 d'une adresse IPv6). Les journaux du serveur ne gardent pas les adresses réseau.",
  "privacy.what.twoFactor":
    "Si vous activez la double authentification : la clé partagée avec votre application d'authentification et l'empreinte de vos codes de secours, effacées quand vous la désactivez.",
  "privacy.what.identities":
    "Si vous vous connectez avec ProConnect ou FranceConnect : l'identifiant que le fournisseur vous attribue, l'adresse électronique et le nom qu'il transmet, pour ProConnect le SIRET de votre établissement (qui sert à vous rattacher à votre institution), et le jeton d'identité de la session, gardé jusqu'à la déconnexion pour fermer aussi la session chez le fournisseur. Vous pouvez délier une identité depuis votre compte.",
  "privacy.what.browser":
    "Un seul cookie, strictement nécessaire et donc sans consentement à demander : celui de votre session (od_session), déposé à la connexion, illisible par les scripts de la page, effacé à la déconnexion ou à son expiration. Votre navigateur garde aussi dans son stockage local l'heure de fin de votre session, votre nom affiché, la langue choisie et vos préférences d'affichage.",
  "privacy.why.title": "Pourquoi",
  "privacy.why.body":
    "Pour permettre la participation aux forums et au suivi public du plan d'action : vous identifier, publier vos contributions sous votre nom affiché, organiser les forums (places, accueil), vous prévenir de ce que vous suivez, modérer, et protéger la plateforme contre les abus. Ce traitement relève de l'exécution d'une mission d'intérêt public (article 6.1.e du RGPD). Aucune donnée n'est vendue, ni utilisée à des fins publicitaires.",
  "privacy.keep.title": "Combien de temps",
  "privacy.keep.caption": "Durées de conservation",
  "privacy.keep.what": "Données",
  "privacy.keep.howLong": "Conservées",
  "privacy.keep.account": "Compte, abonnements, préférences, jetons d'API",
  "privacy.keep.accountHow": "Tant que le compte existe",
  "privacy.keep.unconfirmed": "Compte dont l'adresse n'a jamais été confirmée",
  "privacy.keep.unconfirmedHow": "7 jours, puis supprimé (l'adresse redevient libre)",
  "privacy.keep.contributions": "Commentaires, questions, avis",
  "privacy.keep.contributionsHow":
    "Tant que le compte existe : ils font partie du compte rendu public des forums et des engagements",
  "privacy.keep.registrations": "Inscriptions aux forums et présence",
  "privacy.keep.notifications": "Notifications",
  "privacy.keep.notificationsHow": "1 an",
  "privacy.keep.links": "Liens envoyés par courriel (confirmation, mot de passe)",
  "privacy.keep.linksHow": "7 jours après usage ou expiration",
  "privacy.keep.throttles": "Compteurs contre les abus (par adresse réseau)",
  "privacy.keep.throttlesHow": "Le temps de leur fenêtre : de quelques minutes à un jour",
  "privacy.keep.jobs": "Courriels envoyés (file d'envoi)",
  "privacy.keep.jobsHow": "14 jours après l'envoi, sans le lien qu'ils contenaient",
  "privacy.who.title": "Qui les voit",
  "privacy.who.caption": "Destinataires des données",
  "privacy.who.whom": "Qui",
  "privacy.who.what": "Voit",
  "privacy.who.everyone": "Tout le monde",
  "privacy.who.everyoneSees":
    "Votre nom affiché, votre organisation, vos commentaires et vos questions (aussi par l'API et les données ouvertes) ; le total des réactions, jamais qui a réagi ; jamais votre adresse électronique.",
  "privacy.who.organisers": "Organisateurs d'un forum",
  "privacy.who.organisersSees": "La liste des inscrits à ce forum et leur présence.",
  "privacy.who.moderators": "Modérateurs",
  "privacy.who.moderatorsSees": "Les signalements et les commentaires masqués.",
  "privacy.who.admins": "Administrateurs de la plateforme",
  "privacy.who.adminsSees":
    "Les comptes (dont l'adresse électronique) pour les gérer, et le journal des actions sur la plateforme.",
  "privacy.who.nobodyElse":
    "Les courriels passent par le service d'envoi de l'exploitant de la plateforme. Si vous vous connectez avec ProConnect ou FranceConnect, le fournisseur sait que vous vous êtes connecté à Open d'État. En dehors de cela, les données ne sont transmises à personne, sauf obligation légale.",
  "privacy.rights.title": "Vos droits",
  "privacy.rights.intro":
    "Vous pouvez accéder à vos données, les faire rectifier ou effacer, en demander une copie dans un format ouvert, vous opposer à leur traitement ou le faire limiter (articles 15 à 21 du RGPD).",
  "privacy.rights.profile": "Votre nom affiché, votre organisation et votre langue se modifient depuis votre compte.",
  "privacy.rights.erase":
    "Votre compte se supprime depuis votre compte (« Supprimer mon compte »), avec votre mot de passe : c'est immédiat. Vos commentaires restent dans les discussions, signés « Compte supprimé », sans leur texte sauf si vous choisissez de le laisser ; les réponses d'une institution à une question restent au dossier public.",
  "privacy.rights.write": "Pour le reste (une rectification, une opposition…), écrivez à",
  "privacy.rights.copy": "Une copie de vos données se télécharge depuis votre compte (« Télécharger mes données »).",
  "privacy.rights.cnil":
    "Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la CNIL :",
  "privacy.rights.cnilLink": "déposer une plainte sur cnil.fr",
  "privacy.contact.title": "Contact",
  "privacy.contact.body": "Pour toute question sur vos données personnelles :",
};
