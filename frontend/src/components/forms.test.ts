import { describe, expect, it } from "vitest";
import { translate } from "../i18n";
import { localizeFieldError, missingFields } from "./forms";

const fr = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate("fr", key, vars);

describe("field errors", () => {
  it("are shown in the reader's language when their code is known", () => {
    expect(localizeFieldError(fr, { field: "email", code: "email", message: "must be a valid email address" })).toBe(
      "Saisissez une adresse électronique valide, par exemple nom@domaine.fr.",
    );
    expect(
      localizeFieldError(fr, {
        field: "password",
        code: "length",
        message: "must be between 12 and 128 characters long",
      }),
    ).toBe("Saisissez entre 12 et 128 caractères.");
  });
  it("keep the API's message otherwise", () => {
    expect(localizeFieldError(fr, { field: "parent_id", code: "unknown", message: "names no comment" })).toBe(
      "names no comment",
    );
  });
  it("are raised locally for empty required fields, like a 422", () => {
    const e = missingFields({ title: "x", starts_at: " " }, "obligatoire", "erreurs");
    expect(e?.status).toBe(422);
    expect(e?.fieldErrors).toEqual([{ field: "starts_at", code: "required", message: "obligatoire" }]);
    expect(missingFields({ title: "x" }, "", "")).toBeNull();
  });
});
