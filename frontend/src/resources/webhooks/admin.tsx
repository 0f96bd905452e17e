// Webhooks' admin pages, mounted by the admin area (in its chunk).
import type { AdminRoutes } from "../../admin/routes";
import { WebhooksPage } from "./WebhooksPage";
import { WebhookPage } from "./WebhookPage";

export const admin: AdminRoutes = [
  { path: "webhooks", page: WebhooksPage, access: "admin" },
  { path: "webhooks/:id", page: WebhookPage, access: "admin" },
];

/** The pages' addresses (in the admin chunk: the public pages never link to them). */
export const webhooksPath = () => "/admin/webhooks";
export const webhookPath = (id: number) => `/admin/webhooks/${id}`;
