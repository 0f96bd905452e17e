// The multi-stakeholder forum's members (admins), mounted by the admin area (in its chunk).
import type { AdminRoutes } from "../../admin/routes";
import { MembersAdminPage } from "./MembersAdminPage";
import { MemberForm } from "./MemberForm";

export const admin: AdminRoutes = [
  { path: "forum-multi-acteurs", page: MembersAdminPage, access: "admin" },
  { path: "forum-multi-acteurs/membres/nouveau", page: MemberForm, access: "admin" },
  { path: "forum-multi-acteurs/membres/:id", page: MemberForm, access: "admin" },
];
