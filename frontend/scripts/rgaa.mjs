// The RGAA 4.1 audit: reads the grid (docs/rgaa/grille.json: the 106 criteria × the sample pages,
// each cell C, NC or NA with its note), checks it, and computes what the accessibility statement
// says: each criterion's result, the conformity rate and the state.
//   node scripts/rgaa.mjs          write src/resources/accessibility/generated/{audit,state}.json
//   node scripts/rgaa.mjs --check  fail when the grid is invalid or the committed files are stale
//
// Rules (RGAA 4.1, méthode): a criterion is C when it is C on every page where it applies, NC when
// it is NC on at least one page, NA when it applies to no page. Rate = C / (C + NC). State:
// "totalement conforme" at 100 %, "partiellement conforme" from 50 %, "non conforme" below.
// state.json is the few bytes the footer needs (it is in the home page's chunk); audit.json,
// with the list of non-conforming content, is read by the statement page only.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const CRITERIA = 106;
export const THEMES = 13;
const VALUES = new Set(["C", "NC", "NA"]);

/** What is wrong with a grid: a list of sentences, empty when it is valid. */
export function validate(grid) {
  const errors = [];
  const pages = Array.isArray(grid?.pages) ? grid.pages : [];
  if (pages.length === 0) errors.push("no sample page (pages)");
  const pageIds = new Set();
  for (const p of pages) {
    if (!p?.id || !p.path || !p.name) errors.push(`page ${JSON.stringify(p?.id)}: id, name and path are required`);
    if (pageIds.has(p?.id)) errors.push(`page ${p.id}: listed twice`);
    pageIds.add(p?.id);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(grid?.date ?? "")) errors.push("date: YYYY-MM-DD expected");
  const themes = Array.isArray(grid?.themes) ? grid.themes : [];
  if (themes.length !== THEMES) errors.push(`${themes.length} themes, ${THEMES} expected`);
  const seen = new Set();
  let count = 0;
  themes.forEach((theme, i) => {
    if (theme?.number !== i + 1 || !theme.title) errors.push(`theme ${i + 1}: number ${i + 1} and a title expected`);
    for (const c of theme?.criteria ?? []) {
      count++;
      const where = `criterion ${c?.id}`;
      if (!new RegExp(`^${i + 1}\\.\\d+$`).test(c?.id ?? ""))
        errors.push(`${where}: not a criterion of theme ${i + 1}`);
      if (seen.has(c?.id)) errors.push(`${where}: listed twice`);
      seen.add(c?.id);
      if (!c?.title) errors.push(`${where}: no title`);
      const cell = (v, at) => {
        if (!VALUES.has(v?.value))
          errors.push(`${where}, ${at}: value ${JSON.stringify(v?.value)}, C, NC or NA expected`);
        if (typeof v?.note !== "string" || !v.note.trim()) errors.push(`${where}, ${at}: no note`);
      };
      if (c?.default !== undefined) cell(c.default, "default");
      for (const [p, v] of Object.entries(c?.pages ?? {})) {
        if (!pageIds.has(p)) errors.push(`${where}: unknown page ${p}`);
        cell(v, p);
      }
      if (c?.default === undefined)
        for (const p of pageIds) if (!(p in (c?.pages ?? {}))) errors.push(`${where}: no value for page ${p}`);
    }
  });
  if (count !== CRITERIA) errors.push(`${count} criteria, ${CRITERIA} expected`);
  // The assistive technologies the audit was run with, if any: each names the reader, the
  // browser and the day, so the statement never claims a pass it cannot date.
  const at = grid?.technologiesAssistance;
  if (at !== undefined) {
    const used = Array.isArray(at?.utilisees) ? at.utilisees : [];
    used.forEach((u, i) => {
      for (const k of ["lecteur", "navigateur", "systeme", "date"])
        if (typeof u?.[k] !== "string" || !u[k].trim()) errors.push(`technologiesAssistance.utilisees[${i}]: no ${k}`);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(u?.date ?? ""))
        errors.push(`technologiesAssistance.utilisees[${i}].date: YYYY-MM-DD expected`);
    });
    if (typeof at?.nonUtilisees !== "string" || !at.nonUtilisees.trim())
      errors.push("technologiesAssistance.nonUtilisees: say which readers were not used, and why");
  }
  return errors;
}

/** The cell of a criterion on a page: its own, else the criterion's default. */
export function cell(criterion, page) {
  return criterion.pages?.[page] ?? criterion.default;
}

/** A criterion's result over the sample: NC on any page, else C where it applies, else NA. */
export function criterionResult(values) {
  if (values.includes("NC")) return "NC";
  if (values.includes("C")) return "C";
  return "NA";
}

/** The state for a rate in percent (null when no criterion applies). */
export function stateOf(rate) {
  if (rate === null) return null;
  if (rate >= 100) return "totalement conforme";
  if (rate >= 50) return "partiellement conforme";
  return "non conforme";
}

/** The DSFR footer's words for a state. */
const FOOTER = {
  "totalement conforme": "fully compliant",
  "partiellement conforme": "partially compliant",
  "non conforme": "non compliant",
};

/** Everything the statement shows, from a valid grid. */
export function summarize(grid) {
  const errors = validate(grid);
  if (errors.length) throw new Error(`invalid RGAA grid:\n  ${errors.join("\n  ")}`);
  const pages = grid.pages.map((p) => p.id);
  const counts = { C: 0, NC: 0, NA: 0 };
  const nonConformities = [];
  for (const theme of grid.themes) {
    for (const c of theme.criteria) {
      const cells = pages.map((p) => ({ page: p, ...cell(c, p) }));
      const result = criterionResult(cells.map((x) => x.value));
      counts[result]++;
      if (result === "NC")
        nonConformities.push({
          id: c.id,
          title: c.title,
          theme: theme.title,
          pages: cells.filter((x) => x.value === "NC").map(({ page, note }) => ({ page, note })),
        });
    }
  }
  const applicable = counts.C + counts.NC;
  // Rounded down to a tenth: a rate is never shown above what was measured.
  const rate = applicable === 0 ? null : Math.floor((counts.C / applicable) * 1000) / 10;
  const state = stateOf(applicable === 0 ? null : (counts.C / applicable) * 100);
  return {
    referentiel: grid.referentiel,
    date: grid.date,
    auditor: grid.auditeur,
    method: grid.methode,
    environment: grid.environnement ?? null,
    assistive: grid.technologiesAssistance
      ? {
          used: grid.technologiesAssistance.utilisees.map(({ lecteur, navigateur, systeme, date, compteRendu }) => ({
            reader: lecteur,
            browser: navigateur,
            system: systeme,
            date,
            report: compteRendu ?? null,
          })),
          notUsed: grid.technologiesAssistance.nonUtilisees,
        }
      : null,
    pages: grid.pages.map(({ id, name, nameEn, path, state }) => ({ id, name, nameEn, path, state })),
    criteria: counts,
    rate,
    state,
    nonConformities,
  };
}

/** The footer's part: the state alone. */
export function footerState(summary) {
  return { state: summary.state, footer: FOOTER[summary.state] ?? "non compliant" };
}

const here = dirname(fileURLToPath(import.meta.url));
export const GRID = resolve(here, "../../docs/rgaa/grille.json");
export const OUT = resolve(here, "../src/resources/accessibility/generated");

/** The generated files, by name, as text. */
export function generate(grid) {
  const summary = summarize(grid);
  const text = (v) => JSON.stringify(v, null, 2) + "\n";
  return { "audit.json": text(summary), "state.json": text(footerState(summary)) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes("--check");
  let files;
  try {
    files = generate(JSON.parse(readFileSync(GRID, "utf8")));
  } catch (e) {
    console.error(`rgaa: ${e.message}`);
    process.exit(1);
  }
  if (check) {
    const stale = Object.entries(files).filter(([name, text]) => {
      try {
        return readFileSync(join(OUT, name), "utf8") !== text;
      } catch {
        return true;
      }
    });
    if (stale.length) {
      console.error(
        `check:rgaa: ${stale.map(([n]) => `src/resources/accessibility/generated/${n}`).join(", ")} differ from docs/rgaa/grille.json; run \`npm run gen:rgaa\`.`,
      );
      process.exit(1);
    }
    const s = JSON.parse(files["audit.json"]);
    console.log(`check:rgaa: grid valid, generated files up to date (${s.rate} %, ${s.state}).`);
  } else {
    mkdirSync(OUT, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(OUT, name), text);
    const s = JSON.parse(files["audit.json"]);
    console.log(
      `rgaa: ${s.criteria.C} C, ${s.criteria.NC} NC, ${s.criteria.NA} NA: ${s.rate} %, ${s.state} (src/resources/accessibility/generated/)`,
    );
  }
}
