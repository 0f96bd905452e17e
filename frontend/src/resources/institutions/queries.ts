// Institutions: query keys and calls, in one place.
import { api, unwrap, type Schemas } from "../../api/client";
import { everyPage, type QueryOf } from "../../api/lists";

export type Institution = Schemas["Institution"];
export type InstitutionSummary = Schemas["InstitutionSummary"];
export type InstitutionKind = Schemas["InstitutionKind"];
export type NewInstitution = Schemas["NewInstitutionRequest"];
export type InstitutionChanges = Schemas["InstitutionChanges"];
export type InstitutionQuery = QueryOf<"list_institutions">;

export const INSTITUTION_KINDS: InstitutionKind[] = ["ministry", "agency", "local_authority", "civil_society", "other"];

export const institutionKeys = {
  all: ["institutions"] as const,
  list: (filters: object) => ["institutions", "list", filters] as const,
  /** Every institution, for pickers. */
  options: ["institutions", "options"] as const,
  one: (key: string) => ["institutions", "one", key] as const,
};

export const listInstitutions = (query: InstitutionQuery) =>
  unwrap(api.GET("/api/v1/institutions", { params: { query } }));
/** Every institution (all pages), in name order. */
export const allInstitutions = (): Promise<InstitutionSummary[]> =>
  everyPage((cursor) => listInstitutions({ limit: 100, cursor }));
export const getInstitution = (key: string) =>
  unwrap(api.GET("/api/v1/institutions/{id}", { params: { path: { id: key } } }));
export const createInstitution = (body: NewInstitution) => unwrap(api.POST("/api/v1/institutions", { body }));
export const updateInstitution = (key: string, body: InstitutionChanges) =>
  unwrap(api.PATCH("/api/v1/institutions/{id}", { params: { path: { id: key } }, body }));
