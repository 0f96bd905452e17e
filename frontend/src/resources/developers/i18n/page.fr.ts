// French messages of the developers' page, which come with its chunk. The English catalogue
// (./page.en.ts) must have exactly its keys.

export const fr = {
  "dev.title": "Développeurs d'applications",
  "dev.intro":
    "Les applications civiques, les rédactions et les portails utilisent la même API que ce site : lecture libre, écriture avec un jeton, données ouvertes et flux pour tout reprendre.",
  "dev.contract": "Le contrat OpenAPI 3.1 et sa documentation",
  "dev.token.title": "Obtenir un jeton",
  "dev.token.body":
    "Créez un jeton personnel depuis votre compte, ou demandez à l'administration un jeton pour l'application de votre organisation. Il n'est affiché qu'une fois, commence par « odet_pat_ » ou « odet_app_ » et s'envoie dans l'en-tête « Authorization: Bearer … ». Révoqué ou expiré, il est refusé dès la requête suivante (401).",
  "dev.token.link": "Mes jetons d'API",
  "dev.scopes.title": "Les portées",
  "dev.scopes.body":
    "Un jeton ne fait que ce que ses portées permettent, et jamais plus que le rôle de son titulaire. Chaque opération de l'API indique dans le contrat la portée qu'elle demande ; sans elle, la réponse est 403 « insufficient_scope ».",
  "dev.scopes.caption": "Portées des jetons d'API",
  "dev.scopes.scope": "Portée",
  "dev.scopes.what": "Ce qu'elle permet",
  "dev.scopes.who": "Rôles",
  "dev.scopes.everyone": "Tous les membres",
  "dev.scopes.staff": "Agents et administration",
  "dev.scopes.moderators": "Modération et administration",
  "dev.scopes.admins": "Administration",
  "dev.scopes.apps": "Jetons d'application (tous rôles)",
  "dev.limits.title": "Les limites",
  "dev.limits.body":
    "Chaque requête compte dans un budget : par adresse sans jeton ; avec, par compte (sa session et tous ses jetons personnels partagent le même budget) ou par jeton d'application. Chaque réponse dit où vous en êtes avec les en-têtes standard « RateLimit-Policy » et « RateLimit » (requêtes restantes, secondes avant la fin de la fenêtre). Au-delà : 429 avec « Retry-After ».",
  "dev.cache.title": "Le cache",
  "dev.cache.body":
    "Chaque lecture publique porte un « ETag » : renvoyez-le dans « If-None-Match » et, tant que rien n'a changé, la réponse est 304, sans corps. Les réponses publiques peuvent être gardées 10 secondes, les réponses personnelles jamais.",
  "dev.data.title": "Les données et les flux",
  "dev.data.body":
    "Plutôt que de parcourir les pages : les jeux de données complets en CSV et JSON Lines, leur description Frictionless, un catalogue DCAT pour data.gouv.fr, les engagements au format de l'OGP, sous Licence Ouverte. Des flux Atom suivent les discussions, l'avancement et les réponses des institutions, et le journal des changements permet de tenir une copie à jour.",
  "dev.data.link": "Données ouvertes",
  "dev.webhooks.title": "Les webhooks",
  "dev.webhooks.body":
    "Plutôt que d'interroger l'API, une application enregistre avec son jeton (portée « webhooks ») des adresses de réception en https : chaque évènement demandé sur un contenu public (un forum créé, un commentaire publié…) y est envoyé en JSON, signé selon la spécification Standard Webhooks. Le secret de signature (« whsec_… ») n'est affiché qu'une fois ; vérifiez chaque envoi avec une bibliothèque Standard Webhooks. Les adresses internes (boucle locale, réseaux privés, services de métadonnées) sont refusées.",
  "dev.webhooks.retries":
    "Répondez 2xx en moins de 5 secondes. Sinon, le même message (même « webhook-id ») revient pendant environ trois jours ; une réponse 410 désactive l'adresse, cinq jours d'échecs aussi. Le journal des envois, le renvoi d'un message, un message de test et le renouvellement du secret sont dans l'API (« /webhooks »).",
  "dev.streams.title": "Les flux en direct",
  "dev.streams.body":
    "Pour suivre une discussion en direct sans interroger l'API : « GET /api/v1/subjects/{type}/{key}/stream » (Server-Sent Events, public) envoie chaque nouveau commentaire, modification, réaction et avancement, avec le contenu tel qu'il est. Reconnectez-vous avec le dernier identifiant reçu (« Last-Event-ID », ce que fait EventSource) : vous recevez exactement ce que vous avez manqué. « GET /api/v1/me/stream » (avec le jeton, portée « follow ») envoie le nombre de notifications non lues et chaque nouvelle notification. Le nombre de flux ouverts est limité par adresse et par compte.",
} as const;
