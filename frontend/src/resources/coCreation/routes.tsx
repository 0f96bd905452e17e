// Co-creating the next action plan: its concertation page (timeline, proposals, summary), a
// proposal's page, and the admin page of the timeline.
import { at, page, type ResourceRoutes } from "../../app/routing";

export const paths = {
  coCreation: (plan: string) => `${at("/plans", plan)}/concertation`,
  proposal: (id: number | string) => at("/propositions", id),
  editTimeline: (plan: string) => `${at("/admin/plans", plan)}/concertation`,
};

export const routes: ResourceRoutes = {
  pages: [
    { path: "/plans/:slug/concertation", page: page(() => import("./CoCreationPage")) },
    { path: "/propositions/:id", page: page(() => import("./ProposalPage")) },
  ],
};
