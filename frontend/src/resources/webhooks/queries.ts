// Webhook endpoints and their delivery log (the admin pages; apps use the API with their token).
import { api, unwrap, type Schemas } from "../../api/client";

export type Endpoint = Schemas["WebhookEndpointView"];
export type EndpointWithSecret = Schemas["WebhookEndpointWithSecret"];
export type Attempt = Schemas["WebhookAttemptView"];
export type WebhookEventType = Schemas["WebhookEventType"];
export type NewEndpoint = Schemas["NewWebhookEndpoint"];
export type EndpointPatch = Schemas["WebhookEndpointPatch"];

export const webhookKeys = {
  all: ["webhooks"] as const,
  list: () => ["webhooks", "list"] as const,
  one: (id: number) => ["webhooks", "one", id] as const,
  attempts: (id: number) => ["webhooks", "attempts", id] as const,
};

export const listEndpoints = (cursor?: string) =>
  unwrap(api.GET("/api/v1/webhooks", { params: { query: { limit: 50, cursor } } }));
/** One endpoint at most: whether the caller manages any. */
export const anyEndpoint = () => unwrap(api.GET("/api/v1/webhooks", { params: { query: { limit: 1 } } }));
export const getEndpoint = (id: number) => unwrap(api.GET("/api/v1/webhooks/{id}", { params: { path: { id } } }));
export const createEndpoint = (body: NewEndpoint) => unwrap(api.POST("/api/v1/webhooks", { body }));
export const updateEndpoint = (id: number, body: EndpointPatch) =>
  unwrap(api.PATCH("/api/v1/webhooks/{id}", { params: { path: { id } }, body }));
export const deleteEndpoint = (id: number) => unwrap(api.DELETE("/api/v1/webhooks/{id}", { params: { path: { id } } }));
export const rotateSecret = (id: number) =>
  unwrap(api.POST("/api/v1/webhooks/{id}/secret", { params: { path: { id } } }));
export const sendTest = (id: number) => unwrap(api.POST("/api/v1/webhooks/{id}/test", { params: { path: { id } } }));
export const listAttempts = (id: number, cursor?: string) =>
  unwrap(api.GET("/api/v1/webhooks/{id}/attempts", { params: { path: { id }, query: { limit: 50, cursor } } }));
export const resend = (id: number, delivery: number) =>
  unwrap(api.POST("/api/v1/webhooks/{id}/deliveries/{delivery}/resend", { params: { path: { id, delivery } } }));
