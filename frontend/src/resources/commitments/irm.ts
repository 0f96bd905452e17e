// The IRM review fields of the commitment form: from the API's review to the form's strings, and
// back to the nested `irm` object of POST /commitments and PATCH /commitments/{id}.
import type { IrmChanges, IrmReview } from "../../api/client";
import { lines } from "../../components/forms";

/** The IRM review as the form edits it: text fields, one relevance per line, a tri-state "verifiable". */
export type IrmForm = {
  report: string;
  starred: string;
  early_results: string;
  verifiable: "" | "true" | "false";
  relevance: string;
  potential_impact: string;
  completion: string;
  analysis: string;
};

export function irmForm(irm?: IrmReview): IrmForm {
  return {
    report: irm?.report ?? "",
    starred: irm?.starred ?? "",
    early_results: irm?.early_results ?? "",
    verifiable: irm?.verifiable == null ? "" : irm.verifiable ? "true" : "false",
    relevance: (irm?.relevance ?? []).join("\n"),
    potential_impact: irm?.potential_impact ?? "",
    completion: irm?.completion ?? "",
    analysis: irm?.analysis ?? "",
  };
}

/** The IRM fields as the API takes them: blank text is `null` (cleared), no relevance is `[]`. */
function irmValues(f: IrmForm): Required<IrmChanges> {
  const text = (s: string) => s.trim() || null;
  return {
    report: text(f.report),
    starred: text(f.starred),
    early_results: text(f.early_results),
    verifiable: f.verifiable === "" ? null : f.verifiable === "true",
    relevance: lines(f.relevance),
    potential_impact: text(f.potential_impact),
    completion: text(f.completion),
    analysis: text(f.analysis),
  };
}

/**
 * What to send for the IRM review. On a PATCH only the fields that changed from `before` (absent
 * ones are kept by the API, so an untouched review is not rewritten); `undefined` when nothing
 * changed, or, on a creation, when the review is empty.
 */
export function irmChanges(f: IrmForm, before?: IrmReview): IrmChanges | undefined {
  const next = irmValues(f);
  const out: IrmChanges = {};
  if (before) {
    const prev = irmValues(irmForm(before));
    for (const k of Object.keys(next) as (keyof IrmChanges)[]) {
      if (JSON.stringify(next[k]) !== JSON.stringify(prev[k])) Object.assign(out, { [k]: next[k] });
    }
  } else {
    for (const [k, v] of Object.entries(next)) {
      if (v !== null && !(Array.isArray(v) && v.length === 0)) Object.assign(out, { [k]: v });
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
