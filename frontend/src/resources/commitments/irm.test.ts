import { describe, expect, it } from "vitest";
import type { IrmReview } from "../../api/client";
import { irmChanges, irmForm } from "./irm";

const published: IrmReview = {
  report: "France Design Report 2018-2020",
  starred: "Pending IRM Review",
  early_results: null,
  verifiable: true,
  relevance: ["Civic Participation"],
  potential_impact: "Minor",
  completion: null,
  analysis: "Une **analyse**.",
  analysis_html: "<p>Une <strong>analyse</strong>.</p>",
};

describe("IRM review in the commitment form", () => {
  it("reads the review into text fields, one relevance per line, a tri-state verifiable", () => {
    expect(irmForm(published)).toEqual({
      report: "France Design Report 2018-2020",
      starred: "Pending IRM Review",
      early_results: "",
      verifiable: "true",
      relevance: "Civic Participation",
      potential_impact: "Minor",
      completion: "",
      analysis: "Une **analyse**.",
    });
    expect(irmForm(undefined).verifiable).toBe("");
    expect(irmForm({ ...published, verifiable: false }).verifiable).toBe("false");
  });

  it("sends nothing when an existing review is left as it was", () => {
    expect(irmChanges(irmForm(published), published)).toBeUndefined();
    // Whitespace only around values is not a change.
    expect(
      irmChanges({ ...irmForm(published), report: "  France Design Report 2018-2020 " }, published),
    ).toBeUndefined();
  });

  it("sends only the changed fields of an existing review, null to clear, [] to empty the relevance", () => {
    const f = {
      ...irmForm(published),
      potential_impact: "Moderate",
      starred: "  ",
      verifiable: "" as const,
      relevance: "",
    };
    expect(irmChanges(f, published)).toEqual({
      potential_impact: "Moderate",
      starred: null,
      verifiable: null,
      relevance: [],
    });
    const more = {
      ...irmForm(published),
      relevance: "Civic Participation\n\n Access to Information \n",
      completion: "Substantial",
    };
    expect(irmChanges(more, published)).toEqual({
      relevance: ["Civic Participation", "Access to Information"],
      completion: "Substantial",
    });
  });

  it("sends the filled fields of a new commitment's review, or no review at all", () => {
    expect(irmChanges(irmForm(undefined))).toBeUndefined();
    expect(irmChanges({ ...irmForm(undefined), verifiable: "false", analysis: "Texte" })).toEqual({
      verifiable: false,
      analysis: "Texte",
    });
  });
});
