// The multi-stakeholder forum: its public page (members, balance, cadence, meetings) and, in the
// admin area, its members.
import { at, page, type ResourceRoutes } from "../../app/routing";

export const paths = {
  stakeholderForum: () => "/forum-multi-acteurs",
  stakeholderForumAdmin: () => "/admin/forum-multi-acteurs",
  newStakeholderMember: () => "/admin/forum-multi-acteurs/membres/nouveau",
  editStakeholderMember: (id: number) => at("/admin/forum-multi-acteurs/membres", id),
};

export const routes: ResourceRoutes = {
  pages: [{ path: "/forum-multi-acteurs", page: page(() => import("./StakeholderForumPage")) }],
};
