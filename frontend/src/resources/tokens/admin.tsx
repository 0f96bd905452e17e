// Apps' tokens, mounted by the admin area (in its chunk).
import type { AdminRoutes } from "../../admin/routes";
import { AppTokensPage } from "./AppTokensPage";

export const admin: AdminRoutes = [{ path: "jetons-applications", page: AppTokensPage, access: "admin" }];

/** The admin page's address (in the admin chunk: the public pages never link to it). */
export const appTokensPath = () => "/admin/jetons-applications";
