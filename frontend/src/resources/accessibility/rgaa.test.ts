// The audit's computation (scripts/rgaa.mjs): the grid's checks, a criterion's result over the
// sample, the rate and the state, and that the committed files are the grid's.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  GRID,
  criterionResult,
  generate,
  stateOf,
  summarize,
  validate,
  type Criterion,
  type Grid,
} from "../../../scripts/rgaa.mjs";
import audit from "./generated/audit.json";
import state from "./generated/state.json";

const C = { value: "C" as const, note: "ok" };
const NC = { value: "NC" as const, note: "fails" };
const NA = { value: "NA" as const, note: "none" };

/** A grid of 13 themes and 106 criteria on pages a and b, all C unless `cells` says otherwise. */
function grid(cells: Record<string, Partial<Criterion>> = {}): Grid {
  const sizes = [9, 2, 3, 13, 8, 2, 5, 10, 4, 14, 13, 11, 12];
  return {
    referentiel: "RGAA 4.1",
    date: "2026-12-03",
    auditeur: "test",
    methode: "test",
    pages: [
      { id: "a", name: "A", nameEn: "A", path: "/a", state: "visiteur" },
      { id: "b", name: "B", nameEn: "B", path: "/b", state: "visiteur" },
    ],
    themes: sizes.map((n, i) => ({
      number: i + 1,
      title: `Thème ${i + 1}`,
      criteria: Array.from({ length: n }, (_, j) => {
        const id = `${i + 1}.${j + 1}`;
        return { id, title: `Critère ${id} ?`, default: C, ...cells[id] };
      }),
    })),
  };
}

describe("a criterion's result", () => {
  it("is NC when one page is NC, C when C wherever it applies, NA when it applies nowhere", () => {
    expect(criterionResult(["C", "NC", "NA"])).toBe("NC");
    expect(criterionResult(["C", "NA", "C"])).toBe("C");
    expect(criterionResult(["NA", "NA"])).toBe("NA");
  });
});

describe("the state", () => {
  it("is total at 100 %, partial from 50 %, none below", () => {
    expect(stateOf(100)).toBe("totalement conforme");
    expect(stateOf(99.9)).toBe("partiellement conforme");
    expect(stateOf(50)).toBe("partiellement conforme");
    expect(stateOf(49.9)).toBe("non conforme");
    expect(stateOf(null)).toBeNull();
  });
});

describe("the summary", () => {
  it("counts C over C + NC, leaving NA criteria out of the rate", () => {
    const s = summarize(
      grid({
        "1.1": { pages: { b: NC } },
        "1.2": { default: NA },
        "1.3": { default: NA, pages: { a: C } },
        "2.1": { default: NA },
      }),
    );
    // 106 criteria: 2 NA, 1 NC (1.1), 103 C (1.3 is C where it applies).
    expect(s.criteria).toEqual({ C: 103, NC: 1, NA: 2 });
    expect(s.rate).toBe(99);
    expect(s.state).toBe("partiellement conforme");
    expect(s.nonConformities).toEqual([
      { id: "1.1", title: "Critère 1.1 ?", theme: "Thème 1", pages: [{ page: "b", note: "fails" }] },
    ]);
  });

  it("is totally conforming with no NC, whatever the NA", () => {
    const s = summarize(grid({ "4.1": { default: NA }, "4.2": { default: NA } }));
    expect(s.rate).toBe(100);
    expect(s.state).toBe("totalement conforme");
  });

  it("is non conforming below half, and rounds the rate down", () => {
    // 53 NC of 106: exactly 50 % is still partial; one more NC is below.
    const half = Object.fromEntries(Array.from({ length: 9 }, (_, j) => [`1.${j + 1}`, { default: NC }]));
    for (let j = 1; j <= 13; j++) half[`4.${j}`] = { default: NC };
    for (let j = 1; j <= 14; j++) half[`10.${j}`] = { default: NC };
    for (let j = 1; j <= 13; j++) half[`11.${j}`] = { default: NC };
    for (let j = 1; j <= 4; j++) half[`9.${j}`] = { default: NC };
    expect(summarize(grid(half)).state).toBe("partiellement conforme");
    expect(summarize(grid(half)).rate).toBe(50);
    half["2.1"] = { default: NC };
    const below = summarize(grid(half));
    expect(below.rate).toBe(49);
    expect(below.state).toBe("non conforme");
  });
});

describe("the grid's checks", () => {
  it("accept a complete grid", () => {
    expect(validate(grid())).toEqual([]);
  });

  it("want 106 criteria", () => {
    const g = grid();
    g.themes[12].criteria.pop();
    expect(validate(g)).toContain("105 criteria, 106 expected");
  });

  it("want a value in C, NC or NA, with a note", () => {
    const g = grid({ "3.2": { pages: { a: { value: "OK" as "C", note: "x" }, b: { value: "NC", note: " " } } } });
    expect(validate(g)).toEqual(['criterion 3.2, a: value "OK", C, NC or NA expected', "criterion 3.2, b: no note"]);
  });

  it("want a value on every sample page when there is no default, and known pages only", () => {
    const g = grid({ "5.1": { default: undefined, pages: { a: C, z: NA } } });
    expect(validate(g)).toEqual(["criterion 5.1: unknown page z", "criterion 5.1: no value for page b"]);
  });

  it("refuse a criterion out of its theme, or twice", () => {
    const g = grid();
    g.themes[1].criteria[1].id = "3.9";
    g.themes[2].criteria[1].id = "3.1";
    expect(validate(g)).toEqual(["criterion 3.9: not a criterion of theme 2", "criterion 3.1: listed twice"]);
    expect(() => summarize(g)).toThrow(/invalid RGAA grid/);
  });
});

describe("the assistive technologies", () => {
  it("are none unless the grid names them", () => {
    expect(summarize(grid()).assistive).toBeNull();
  });

  it("name each reader with its browser, system and day, and those not used", () => {
    const g = {
      ...grid(),
      technologiesAssistance: {
        utilisees: [{ lecteur: "Orca 1", navigateur: "Chromium 2", systeme: "Debian", date: "2026-12-03" }],
        nonUtilisees: "NVDA non utilisé.",
      },
    };
    expect(summarize(g).assistive).toEqual({
      used: [{ reader: "Orca 1", browser: "Chromium 2", system: "Debian", date: "2026-12-03", report: null }],
      notUsed: "NVDA non utilisé.",
    });
    const undated = {
      ...g,
      technologiesAssistance: { utilisees: [{ ...g.technologiesAssistance.utilisees[0], date: "" }], nonUtilisees: "" },
    };
    expect(validate(undated)).toEqual([
      "technologiesAssistance.utilisees[0]: no date",
      "technologiesAssistance.utilisees[0].date: YYYY-MM-DD expected",
      "technologiesAssistance.nonUtilisees: say which readers were not used, and why",
    ]);
  });
});

describe("the committed audit", () => {
  const real = JSON.parse(readFileSync(GRID, "utf8")) as Grid;

  it("is a valid grid of the 106 RGAA 4.1 criteria", () => {
    expect(validate(real)).toEqual([]);
    expect(real.themes.flatMap((t) => t.criteria)).toHaveLength(106);
    expect(real.themes[0].criteria[0].title).toBe(
      "Chaque image porteuse d’information a-t-elle une alternative textuelle ?",
    );
  });

  it("is what the statement and the footer read", () => {
    const files = generate(real);
    expect(JSON.parse(files["audit.json"])).toEqual(audit);
    expect(JSON.parse(files["state.json"])).toEqual(state);
  });
});
