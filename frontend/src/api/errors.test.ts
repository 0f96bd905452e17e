import { describe, expect, it } from "vitest";
import { ApiError, toApiError } from "./errors";
import { unwrap } from "./client";

describe("toApiError", () => {
  it("keeps the problem's detail, code and field errors", () => {
    const e = toApiError(
      {
        type: "https://opendetat.fr/problems/validation_failed",
        title: "Unprocessable Content",
        status: 422,
        detail: "The request body has invalid fields.",
        code: "validation_failed",
        errors: [{ field: "email", code: "email", message: "must be a valid email address" }],
      },
      { status: 422, statusText: "Unprocessable Content" },
    );
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(422);
    expect(e.code).toBe("validation_failed");
    expect(e.detail).toBe("The request body has invalid fields.");
    expect(e.message).toBe("The request body has invalid fields.");
    expect(e.fieldError("email")).toBe("must be a valid email address");
    expect(e.fieldError("password")).toBeUndefined();
  });
  it("copes with a body that is not a problem", () => {
    const e = toApiError("<html>Bad gateway</html>", { status: 502, statusText: "Bad Gateway" });
    expect(e.status).toBe(502);
    expect(e.detail).toBe("");
    expect(e.title).toBe("Bad Gateway");
    expect(e.fieldErrors).toEqual([]);
  });
});

describe("unwrap", () => {
  it("returns the data of a successful answer", async () => {
    const data = await unwrap(Promise.resolve({ data: { ok: 1 }, response: new Response(null, { status: 200 }) }));
    expect(data).toEqual({ ok: 1 });
  });
  it("throws the problem of a failed answer", async () => {
    const call = Promise.resolve({
      error: { title: "Not Found", status: 404, detail: "No forum with slug x.", code: "not_found", type: "t" },
      response: new Response(null, { status: 404 }),
    });
    await expect(unwrap(call)).rejects.toMatchObject({
      status: 404,
      code: "not_found",
      detail: "No forum with slug x.",
    });
  });
  it("turns a network failure into status 0", async () => {
    await expect(unwrap(Promise.reject(new TypeError("fetch failed")))).rejects.toMatchObject({
      status: 0,
      code: "network_error",
    });
  });
});
