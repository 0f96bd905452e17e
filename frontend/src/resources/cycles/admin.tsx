// The admin pages of cycles, mounted by the admin area (in its chunk).
import type { AdminRoutes } from "../../admin/routes";
import { CycleForm } from "./CycleForm";

export const admin: AdminRoutes = [
  { path: "cycles/nouveau", page: CycleForm, access: "editor" },
  { path: "cycles/:slug", page: CycleForm, access: "editor" },
];
