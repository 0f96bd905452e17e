// Commitments: their list (filtered by plan or policy area), their page, and their form (admin).
import { at, page, withQuery, type ResourceRoutes } from "../../app/routing";

export const paths = {
  commitments: (filters?: { action_plan?: string; policy_area?: string }) => withQuery("/engagements", filters),
  commitment: (code: string | number, anchor?: string) => at("/engagements", code) + (anchor ? `#${anchor}` : ""),
  newCommitment: () => "/admin/engagements/nouveau",
  editCommitment: (code: string) => at("/admin/engagements", code),
};

export const routes: ResourceRoutes = {
  pages: [
    { path: "/engagements", page: page(() => import("./CommitmentsPage")) },
    { path: "/engagements/:code", page: page(() => import("./CommitmentPage")) },
  ],
  nav: { label: "nav.commitments", to: "/engagements", activeFor: ["/engagements", "/jalons"] },
};
