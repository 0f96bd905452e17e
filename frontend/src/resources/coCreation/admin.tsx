// The co-creation timeline's admin page (phases, publication), mounted by the admin area.
import type { AdminRoutes } from "../../admin/routes";
import { TimelineAdminPage } from "./TimelineAdminPage";

export const admin: AdminRoutes = [{ path: "plans/:slug/concertation", page: TimelineAdminPage, access: "admin" }];
