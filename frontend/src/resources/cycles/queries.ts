// Cycles of forums: query keys and calls, in one place.
import { api, unwrap, type Schemas } from "../../api/client";
import { wholeList } from "../../api/lists";

export type Cycle = Schemas["Cycle"];
export type NewCycle = Schemas["NewCycleRequest"];
export type CycleChanges = Schemas["CycleChanges"];

export const cycleKeys = {
  all: ["cycles"] as const,
  list: ["cycles", "list"] as const,
  one: (key: string) => ["cycles", "one", key] as const,
};

/** Every cycle (all pages). */
export const listCycles = () =>
  wholeList((cursor) => unwrap(api.GET("/api/v1/cycles", { params: { query: { limit: 100, cursor } } })));
export const getCycle = (key: string) => unwrap(api.GET("/api/v1/cycles/{id}", { params: { path: { id: key } } }));
export const createCycle = (body: NewCycle) => unwrap(api.POST("/api/v1/cycles", { body }));
export const updateCycle = (key: string, body: CycleChanges) =>
  unwrap(api.PATCH("/api/v1/cycles/{id}", { params: { path: { id: key } }, body }));
