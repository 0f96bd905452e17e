// The admin pages of institutions, mounted by the admin area (in its chunk).
import type { AdminRoutes } from "../../admin/routes";
import { InstitutionForm } from "./InstitutionForm";

export const admin: AdminRoutes = [
  { path: "institutions/nouvelle", page: InstitutionForm, access: "admin" },
  { path: "institutions/:slug", page: InstitutionForm, access: "admin" },
];
