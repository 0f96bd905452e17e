// The admin pages of formats, mounted by the admin area (in its chunk).
import type { AdminRoutes } from "../../admin/routes";
import { FormatForm } from "./FormatForm";

export const admin: AdminRoutes = [
  { path: "formats/nouveau", page: FormatForm, access: "editor" },
  { path: "formats/:slug/nouvelle-version", page: FormatForm, access: "editor" },
];
