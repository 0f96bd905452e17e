// The admin pages of forums, mounted by the admin area (in its chunk).
import type { AdminRoutes } from "../../admin/routes";
import { ForumForm } from "./ForumForm";

export const admin: AdminRoutes = [
  { path: "forums/nouveau", page: ForumForm, access: "editor" },
  { path: "forums/:slug", page: ForumForm, access: "editor" },
];
