// The audit trail (admins).
import { api, unwrap } from "../client";
import type { QueryOf } from "./common";

export type AuditQuery = QueryOf<"list_audit">;

export const auditKeys = {
  all: ["audit"] as const,
  list: (filters: object) => ["audit", filters] as const,
};

export const listAudit = (query: AuditQuery) => unwrap(api.GET("/api/v1/admin/audit", { params: { query } }));
