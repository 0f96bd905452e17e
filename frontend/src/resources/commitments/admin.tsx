// The admin pages of commitments, mounted by the admin area (in its chunk).
import type { AdminRoutes } from "../../admin/routes";
import { CommitmentForm } from "./CommitmentForm";

export const admin: AdminRoutes = [
  { path: "engagements/nouveau", page: CommitmentForm, access: "editor" },
  { path: "engagements/:code", page: CommitmentForm, access: "editor" },
];
