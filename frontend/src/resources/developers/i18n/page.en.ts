// English messages of the developers' page: exactly the keys of ./page.fr.ts.
import type { fr } from "./page.fr";

export const en: Record<keyof typeof fr, string> = {
  "dev.title": "App developers",
  "dev.intro":
    "Civic-tech apps, newsrooms and portals use the same API as this site: reading is open, writing takes a token, open data and feeds let you reuse everything.",
  "dev.contract": "The OpenAPI 3.1 contract and its documentation",
  "dev.token.title": "Getting a token",
  "dev.token.body":
    "Create a personal token from your account, or ask the administration for a token for your organisation's app. It is shown once, starts with “odet_pat_” or “odet_app_” and is sent in the “Authorization: Bearer …” header. Revoked or expired, it is refused from the next request on (401).",
  "dev.token.link": "My API tokens",
  "dev.scopes.title": "Scopes",
  "dev.scopes.body":
    "A token does only what its scopes allow, and never more than its owner's role. Each API operation states in the contract the scope it needs; without it, the answer is 403 “insufficient_scope”.",
  "dev.scopes.caption": "API token scopes",
  "dev.scopes.scope": "Scope",
  "dev.scopes.what": "What it allows",
  "dev.scopes.who": "Roles",
  "dev.scopes.everyone": "Every member",
  "dev.scopes.staff": "Officials and admins",
  "dev.scopes.moderators": "Moderators and admins",
  "dev.scopes.admins": "Admins",
  "dev.scopes.apps": "App tokens (any role)",
  "dev.limits.title": "Limits",
  "dev.limits.body":
    "Every request counts against a budget: per address without a token; with one, per account (its session and all its personal tokens share one budget) or per app token. Every answer says where you stand with the standard “RateLimit-Policy” and “RateLimit” headers (requests left, seconds until the window ends). Beyond it: 429 with “Retry-After”.",
  "dev.cache.title": "Caching",
  "dev.cache.body":
    "Every public read carries an “ETag”: send it back in “If-None-Match” and, while nothing has changed, the answer is 304, without a body. Public answers may be kept 10 seconds, personal ones never.",
  "dev.data.title": "Data and feeds",
  "dev.data.body":
    "Rather than paging through: complete datasets in CSV and JSON Lines, their Frictionless description, a DCAT catalogue for data.gouv.fr, commitments in OGP's layout, under the Licence Ouverte. Atom feeds follow discussions, progress and institutions' answers, and the change feed keeps a copy up to date.",
  "dev.data.link": "Open data",
  "dev.webhooks.title": "Webhooks",
  "dev.webhooks.body":
    "Rather than poll the API, an app registers https endpoints with its token (scope “webhooks”): each event it asked for about a public record (a forum created, a comment posted…) is POSTed there as JSON, signed per the Standard Webhooks specification. The signing secret (“whsec_…”) is shown once; verify every delivery with a Standard Webhooks library. Internal addresses (loopback, private networks, metadata services) are refused.",
  "dev.webhooks.retries":
    "Answer 2xx within 5 seconds. Otherwise the same message (same “webhook-id”) comes again for about three days; a 410 answer turns the endpoint off, and so do five days of failures. The delivery log, sending a message again, a test message and rotating the secret are in the API (“/webhooks”).",
  "dev.streams.title": "Live streams",
  "dev.streams.body":
    "To follow a discussion live without polling: “GET /api/v1/subjects/{type}/{key}/stream” (Server-Sent Events, public) sends every new comment, edit, reaction and progress update, with the record as it is. Reconnect with the last id received (“Last-Event-ID”, as EventSource does): you get exactly what you missed. “GET /api/v1/me/stream” (with the token, scope “follow”) sends the unread notification count and each new notification. Open streams are capped per address and per account.",
};
