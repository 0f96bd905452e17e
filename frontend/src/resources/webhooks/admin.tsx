// Webhooks' admin pages, mounted by the admin area (in its chunk).
import type { AdminRoutes } from "../../admin/routes";
import { WebhooksPage } from "./WebhooksPage";
import { WebhookPage } from "./WebhookPage";

export const admin: AdminRoutes = [
  { path: "webhooks", page: () => <WebhooksPage audience="admin" />, access: "admin" },
  { path: "webhooks/:id", page: () => <WebhookPage audience="admin" />, access: "admin" },
];

export { webhooksPath, webhookPath } from "./paths";
