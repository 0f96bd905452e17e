// The audit trail (admins).
import { api, unwrap } from "../../api/client";
import type { QueryOf } from "../../api/lists";

export type AuditQuery = QueryOf<"list_audit">;

export const auditKeys = {
  all: ["audit"] as const,
  list: (filters: object) => ["audit", "list", filters] as const,
};

export const listAudit = (query: AuditQuery) => unwrap(api.GET("/api/v1/admin/audit", { params: { query } }));
