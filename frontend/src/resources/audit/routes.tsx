// The audit trail (admins).
import type { ResourceRoutes } from "../../app/routing";

export const paths = { journal: () => "/admin/journal" };

export const routes: ResourceRoutes = {};
