// Problem+json (RFC 9457) answers of the API as one error type the UI can show.
import type { components } from "./schema";

export type Problem = components["schemas"]["Problem"];
export type FieldError = components["schemas"]["FieldError"];
export type ErrorCode = components["schemas"]["ErrorCode"];

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly title: string;
  readonly fieldErrors: FieldError[];

  constructor(p: {
    status: number;
    code?: string;
    detail?: string;
    title?: string;
    errors?: FieldError[];
    cause?: unknown;
  }) {
    super(p.detail || p.title || `HTTP ${p.status}`, { cause: p.cause });
    this.name = "ApiError";
    this.status = p.status;
    this.code = p.code ?? "unknown";
    this.detail = p.detail ?? "";
    this.title = p.title ?? "";
    this.fieldErrors = p.errors ?? [];
  }

  /** The message of the first error on `field` (dotted path for nested fields), if any. */
  fieldError(field: string): string | undefined {
    return this.fieldErrors.find((e) => e.field === field)?.message;
  }
}

function isProblem(body: unknown): body is Partial<Problem> {
  return typeof body === "object" && body !== null && ("detail" in body || "title" in body || "code" in body);
}

/** Builds the error for a failed answer from its (already parsed) body and response. */
export function toApiError(body: unknown, response: Pick<Response, "status" | "statusText">): ApiError {
  if (isProblem(body)) {
    return new ApiError({
      status: typeof body.status === "number" ? body.status : response.status,
      code: body.code,
      detail: body.detail,
      title: body.title,
      errors: Array.isArray(body.errors) ? body.errors : [],
    });
  }
  return new ApiError({ status: response.status, title: response.statusText });
}
