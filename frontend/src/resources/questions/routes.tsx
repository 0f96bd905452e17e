// Questions to institutions, their answers, the institutions' records and the holiday calendar.
import { at, page, withQuery, type ResourceRoutes } from "../../app/routing";

export const paths = {
  questions: (filters?: { institution?: string; status?: string; order?: string }) => withQuery("/questions", filters),
  question: (id: number | string, anchor?: string) => at("/questions", id) + (anchor ? `#${anchor}` : ""),
  compare: () => "/institutions/comparaison",
  holidays: (year?: number) => withQuery("/jours-feries", { annee: year }),
};

export const routes: ResourceRoutes = {
  pages: [
    { path: "/questions", page: page(() => import("./QuestionsPage")) },
    { path: "/questions/:id", page: page(() => import("./QuestionPage")) },
    { path: "/institutions/comparaison", page: page(() => import("./ComparePage")) },
    { path: "/jours-feries", page: page(() => import("./HolidaysPage")) },
  ],
  nav: { label: "nav.questions", to: "/questions", activeFor: ["/questions"] },
};
