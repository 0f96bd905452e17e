// The admin pages of milestones, mounted by the admin area (in its chunk).
import type { AdminRoutes } from "../../admin/routes";
import { MilestoneForm } from "./MilestoneForm";

export const admin: AdminRoutes = [
  { path: "engagements/:code/jalons/nouveau", page: MilestoneForm, access: "editor" },
  { path: "jalons/:id", page: MilestoneForm, access: "editor" },
];
