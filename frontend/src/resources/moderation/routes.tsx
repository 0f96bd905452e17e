// Moderation: the public log, and the moderators' queue of reports.
import { page, type ResourceRoutes } from "../../app/routing";

export const paths = {
  moderationLog: () => "/moderation",
  moderationQueue: () => "/admin/moderation",
};

export const routes: ResourceRoutes = {
  pages: [{ path: "/moderation", page: page(() => import("./ModerationLogPage")) }],
};
