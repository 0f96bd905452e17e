// Accounts and roles, mounted by the admin area (in its chunk).
import type { AdminRoutes } from "../../admin/routes";
import { UsersPage } from "./UsersPage";

export const admin: AdminRoutes = [{ path: "utilisateurs", page: UsersPage, access: "admin" }];
