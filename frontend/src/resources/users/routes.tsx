// Accounts and roles as admins manage them.
import type { ResourceRoutes } from "../../app/routing";

export const paths = { users: () => "/admin/utilisateurs" };

export const routes: ResourceRoutes = {};
