// Notifications of what one follows.
import { page, type ResourceRoutes } from "../../app/routing";

export const paths = { notifications: () => "/notifications" };

export const routes: ResourceRoutes = {
  pages: [{ path: "/notifications", page: page(() => import("./NotificationsPage")) }],
};
