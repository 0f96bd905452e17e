// Field-level problems (422 `errors`) shown next to their DSFR field, in the reader's language
// when the rule's stable `code` is known (worded from its `params`), else as the API wrote them.
import { ApiError, type FieldError } from "../api/errors";
import { useI18n, type MessageKey, type Vars } from "../i18n";

type T = (key: MessageKey, vars?: Vars) => string;

export function localizeFieldError(t: T, e: FieldError): string {
  switch (e.code) {
    case "required":
    case "blank":
      return t("common.required");
    case "email":
      return t("field.email");
    case "url":
      return t("field.url");
    case "slug":
      return t("field.slug");
    case "ogp_code":
      return t("field.ogp_code");
    case "bidi_control":
      return t("field.bidiControl");
    case "control_character":
      return t("field.controlCharacter");
    case "no_visible_character":
      return t("field.noVisibleCharacter");
    case "mismatch":
      return t("field.wrongPassword");
    // Only the co-creation timeline's pages meet it: the message comes with their chunk.
    case "notice_too_short":
      return t(e.field === "late_reason" ? "field.noticeTooShort" : "field.noticeTooShortPhase");
    case "length":
    case "range": {
      const { min, max, equal } = bounds(e);
      const kind = e.code === "length" ? "length" : "range";
      if (kind === "length" && equal !== undefined) return t("field.lengthEqual", { equal });
      if (min !== undefined && max !== undefined) return t(`field.${kind}Between`, { min, max });
      if (min !== undefined) return t(`field.${kind}Min`, { min });
      if (max !== undefined) return t(`field.${kind}Max`, { max });
      return e.message;
    }
    default:
      return e.message;
  }
}

/** The numeric parameters the API sends with a rule (`min`, `max`, `equal`), never parsed from
 *  its English message. */
function bounds(e: FieldError): { min?: number; max?: number; equal?: number } {
  const params = (e.params ?? {}) as Record<string, unknown>;
  const num = (k: string) => (typeof params[k] === "number" ? params[k] : undefined);
  return { min: num("min"), max: num("max"), equal: num("equal") };
}

export type FieldStateProps = { state: "error" | "default"; stateRelatedMessage?: string };

/** `fieldState(error, "email")` → the DSFR `state` props for that field. */
export function useFieldState() {
  const { t } = useI18n();
  return (error: unknown, field: string): FieldStateProps => {
    const fe = error instanceof ApiError ? error.fieldErrors.find((e) => e.field === field) : undefined;
    return fe ? { state: "error", stateRelatedMessage: localizeFieldError(t, fe) } : { state: "default" };
  };
}

/** A form's field errors, for the forms that do not go through `useAdminForm`: `state(name, label)`
 *  gives a DSFR field its error state and names it by its label in the error summary (`links`, for
 *  `ProblemAlert`'s `fieldLinks`), `native(name)` gives its element the id the summary links to and
 *  `aria-invalid` while in error. `prefix` keeps the ids of two forms on one page apart when the
 *  API names their fields alike. */
export function useFieldErrors(error: unknown, prefix = "") {
  const fieldState = useFieldState();
  const links: Record<string, { id: string; label: string }> = {};
  const idOf = (name: string) => `${prefix}field-${name.replace(/\W/g, "-")}`;
  return {
    links,
    state: (name: string, label: string) => {
      links[name] = { id: idOf(name), label };
      return fieldState(error, name);
    },
    native: (name: string) => ({
      id: idOf(name),
      "aria-invalid": fieldState(error, name).state === "error" || undefined,
    }),
  };
}

/** Checks required fields before asking the API, with the same error shape as a 422 problem. */
export function missingFields(values: Record<string, string>, message: string, detail: string): ApiError | null {
  const errors = Object.entries(values)
    .filter(([, v]) => v.trim() === "")
    .map(([field]) => ({ field, code: "required", message }));
  return errors.length ? new ApiError({ status: 422, code: "validation_failed", detail, errors }) : null;
}

/** A text field of a submitted form ("" when absent). */
export function formText(data: FormData, name: string): string {
  const v = data.get(name);
  return typeof v === "string" ? v : "";
}

/** Splits a textarea of one item per line into a list. */
export const lines = (text: string) =>
  text
    .split("\n")
    .map((s) => s.trim())
    .filter(Boolean);
