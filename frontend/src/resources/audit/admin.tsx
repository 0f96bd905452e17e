// The audit trail, mounted by the admin area (in its chunk).
import type { AdminRoutes } from "../../admin/routes";
import { JournalPage } from "./JournalPage";

export const admin: AdminRoutes = [{ path: "journal", page: JournalPage, access: "admin" }];
