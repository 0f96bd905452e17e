// Commitments: query keys and calls, in one place.
import { api, unwrap, type Commitment, type Schemas } from "../../api/client";
import { everyPage, type QueryOf } from "../../api/lists";

export type CommitmentQuery = QueryOf<"list_commitments">;
export type NewCommitment = Schemas["NewCommitmentRequest"];
export type CommitmentChanges = Schemas["CommitmentChanges"];

export const commitmentKeys = {
  all: ["commitments"] as const,
  list: (filters: object) => ["commitments", "list", filters] as const,
  /** Every commitment, for pickers and filters. */
  options: ["commitments", "options"] as const,
  one: (key: string) => ["commitments", "one", key] as const,
};

export const listCommitments = (query: CommitmentQuery) =>
  unwrap(api.GET("/api/v1/commitments", { params: { query } }));
/** Every commitment (all pages), in code order. */
export const allCommitments = (): Promise<Commitment[]> =>
  everyPage((cursor) => listCommitments({ limit: 100, cursor }));
export const getCommitment = (key: string) =>
  unwrap(api.GET("/api/v1/commitments/{id}", { params: { path: { id: key } } }));
export const createCommitment = (body: NewCommitment) => unwrap(api.POST("/api/v1/commitments", { body }));
export const updateCommitment = (key: string, body: CommitmentChanges) =>
  unwrap(api.PATCH("/api/v1/commitments/{id}", { params: { path: { id: key } }, body }));
/** The archived commitment when it had discussions (kept), `undefined` when it was deleted. */
export const deleteCommitment = (key: string) =>
  unwrap(api.DELETE("/api/v1/commitments/{id}", { params: { path: { id: key } } }));
