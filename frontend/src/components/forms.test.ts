import { describe, expect, it } from "vitest";
import type { FieldError } from "../api/errors";
import { loadCatalogue, translate } from "../i18n";
import { localizeFieldError, missingFields } from "./forms";

const fr = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate("fr", key, vars);

await loadCatalogue("en");

describe("field errors", () => {
  it("are shown in the reader's language when their code is known", () => {
    expect(localizeFieldError(fr, { field: "email", code: "email", message: "must be a valid email address" })).toBe(
      "Saisissez une adresse électronique valide, par exemple nom@domaine.fr.",
    );
  });
  // The generated type reads `params` as an empty record (the contract leaves its values open).
  it("are worded from the parameters the API sends with the rule, not from its English message", () => {
    // The English message says nothing the French one is read from: only `params` count.
    const lengthError = (params: Record<string, number>) =>
      ({ field: "password", code: "length", message: "is too long or too short", params }) as unknown as FieldError;
    expect(localizeFieldError(fr, lengthError({ min: 12, max: 128 }))).toBe("Saisissez entre 12 et 128 caractères.");
    expect(localizeFieldError(fr, lengthError({ min: 3 }))).toBe("Saisissez au moins 3 caractères.");
    expect(localizeFieldError(fr, lengthError({ max: 200 }))).toBe("Saisissez au plus 200 caractères.");
    expect(localizeFieldError(fr, lengthError({ equal: 6 }))).toBe("Saisissez exactement 6 caractères.");
    const rangeError = { field: "capacity", code: "range", message: "out of range", params: { min: 1, max: 100000 } };
    expect(localizeFieldError(fr, rangeError as unknown as FieldError)).toBe("Saisissez un nombre entre 1 et 100000.");
    expect(translate("en", "field.lengthBetween", { min: 12, max: 128 })).toBe("Enter between 12 and 128 characters.");
  });
  it("fall back to the API's message for a rule without parameters", () => {
    expect(localizeFieldError(fr, { field: "x", code: "length", message: "must be between 12 and 128" })).toBe(
      "must be between 12 and 128",
    );
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
