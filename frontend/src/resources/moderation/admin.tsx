// The moderators' queue, mounted by the admin area (in its chunk).
import type { AdminRoutes } from "../../admin/routes";
import { ModerationQueue } from "./ModerationQueue";

export const admin: AdminRoutes = [{ path: "moderation", page: ModerationQueue, access: "moderator" }];
