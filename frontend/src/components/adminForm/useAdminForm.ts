// The one form hook of the admin forms: the fields in state, the fields the contract requires
// (checked before asking the API, with the same error shape as a 422), the save, the resource's
// key trees invalidated, the way to the saved record, and each field's DSFR error state with
// `aria-invalid` and a link from the error summary (by its label).
import {
  useState,
  type ChangeEvent,
  type InputHTMLAttributes,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import { useNavigate } from "react-router";
import { useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";
import { ApiError } from "../../api/errors";
import { useI18n } from "../../i18n";
import { localizeFieldError, missingFields } from "../forms";
import { useAction } from "../actions";

type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T] & string;
type RequiredTexts<T> = { [K in RequiredKeys<T>]: NonNullable<T[K]> extends string ? K : never }[RequiredKeys<T>];

/** The fields a request body requires, from the contract's generated types: naming a field it
 *  does not require, or leaving out a required text field, does not compile. Fields that are not
 *  text (an owner object, a content tree) are the form's to check. */
export function requiredBy<Body>() {
  return <const K extends RequiredKeys<Body>>(
    ...keys: K[] &
      (RequiredTexts<Body> extends K ? unknown : ["the contract also requires", Exclude<RequiredTexts<Body>, K>])
  ): readonly K[] => keys;
}

/** Where a field's error is linked from the summary, and what it is called there. */
export type FieldLinks = Record<string, { id: string; label: string }>;

type Change = ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>;

export function useAdminForm<F extends Record<string, string>, Saved>(opts: {
  initial: F;
  /** The required fields (`requiredBy<NewX>()(…)`), as they are named in `F`. */
  required: readonly (keyof F & string)[];
  /** Sends the fields (POST for a new record, PATCH for an existing one). */
  save: (fields: F) => Promise<Saved>;
  /** The key trees the save changes (the resource's `all`, and those of the pages that show it). */
  invalidate: readonly QueryKey[];
  /** Where to go once saved (the record's page). */
  then: (saved: Saved) => string;
  /** After the invalidation, before leaving (e.g. put the saved record in the cache). */
  onSaved?: (saved: Saved, qc: QueryClient) => void;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [fields, setFields] = useState<F>(opts.initial);
  // Saved: said in the status region; the record's page then takes the focus on its heading.
  // Not saved: said there too (the mutation layer), and the error summary takes the focus.
  const mutation = useAction({
    mutationFn: () => {
      const values = Object.fromEntries(opts.required.map((k) => [k, fields[k]]));
      const missing = missingFields(values, t("common.required"), t("common.invalidForm"));
      if (missing) return Promise.reject(missing);
      return opts.save(fields);
    },
    onSuccess: async (saved) => {
      await Promise.all(opts.invalidate.map((queryKey) => qc.invalidateQueries({ queryKey })));
      opts.onSaved?.(saved, qc);
      void navigate(opts.then(saved));
    },
    done: "common.saved",
  });
  const error = mutation.isError ? mutation.error : null;
  const links: FieldLinks = {};

  /** The DSFR error state of a field (also for fields the form draws itself). */
  function stateOf(name: string) {
    const fe = error instanceof ApiError ? error.fieldErrors.find((e) => e.field === name) : undefined;
    return fe
      ? { state: "error" as const, stateRelatedMessage: localizeFieldError(t, fe) }
      : { state: "default" as const };
  }
  /** Names a field for the error summary: its id and label. */
  function link(name: string, label: string) {
    const id = `field-${name.replace(/\W/g, "-")}`;
    links[name] = { id, label };
    return id;
  }
  function native(name: keyof F & string, label: string) {
    const state = stateOf(name);
    return {
      id: link(name, label),
      name,
      value: fields[name],
      required: opts.required.includes(name),
      "aria-invalid": state.state === "error" || undefined,
      onChange: (e: Change) => setFields((prev) => ({ ...prev, [name]: e.target.value })),
    };
  }
  return {
    fields,
    /** The change handler of one field (for the inputs the form draws itself). */
    set: (name: keyof F & string) => (e: Change) => setFields((prev) => ({ ...prev, [name]: e.target.value })),
    /** Sets some fields (for the inputs the form draws itself). */
    change: (patch: Partial<F>) => setFields((prev) => ({ ...prev, ...patch })),
    error,
    saving: mutation.isPending,
    submit: () => mutation.mutate(),
    links,
    stateOf,
    link,
    /** Props of a DSFR `Input`. */
    input: (name: keyof F & string, label: string, more?: InputHTMLAttributes<HTMLInputElement>) => ({
      label,
      ...stateOf(name),
      nativeInputProps: { ...native(name, label), ...more },
    }),
    /** Props of a DSFR `Input textArea`. */
    textArea: (name: keyof F & string, label: string, more?: TextareaHTMLAttributes<HTMLTextAreaElement>) => ({
      label,
      textArea: true as const,
      ...stateOf(name),
      nativeTextAreaProps: { ...native(name, label), ...more },
    }),
    /** Props of a DSFR `Select`. */
    select: (name: keyof F & string, label: string, more?: SelectHTMLAttributes<HTMLSelectElement>) => ({
      label,
      ...stateOf(name),
      nativeSelectProps: { ...native(name, label), ...more },
    }),
  };
}
