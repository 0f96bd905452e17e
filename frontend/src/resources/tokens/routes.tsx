// API tokens: the account page's section (`/compte#jetons`) and the admins' page of apps' tokens.
import type { ResourceRoutes } from "../../app/routing";

export const paths = { appTokens: () => "/admin/jetons-applications" };

export const routes: ResourceRoutes = {};
