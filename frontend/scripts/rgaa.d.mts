/** A cell of the grid: C, NC or NA, and why. */
export type Cell = { value: "C" | "NC" | "NA"; note: string };
export type Criterion = { id: string; title: string; default?: Cell; pages?: Record<string, Cell> };
export type Grid = {
  referentiel: string;
  date: string;
  auditeur: string;
  methode: string;
  environnement?: Environment;
  technologiesAssistance?: {
    utilisees: { lecteur: string; navigateur: string; systeme: string; date: string; compteRendu?: string }[];
    nonUtilisees: string;
  };
  pages: { id: string; name: string; nameEn: string; path: string; state: string }[];
  themes: { number: number; title: string; criteria: Criterion[] }[];
};
/** What the audit ran on. */
export type Environment = { navigateur: string; systeme: string; playwright: string; axe: string };
export type State = "totalement conforme" | "partiellement conforme" | "non conforme";
export type Summary = {
  referentiel: string;
  date: string;
  auditor: string;
  method: string;
  environment: Environment | null;
  /** The screen readers the audit was run with (each with its browser and day), and those it was not. */
  assistive: {
    used: { reader: string; browser: string; system: string; date: string; report: string | null }[];
    notUsed: string;
  } | null;
  pages: Grid["pages"];
  criteria: { C: number; NC: number; NA: number };
  rate: number | null;
  state: State | null;
  nonConformities: { id: string; title: string; theme: string; pages: { page: string; note: string }[] }[];
};
export const CRITERIA: number;
export const THEMES: number;
export const GRID: string;
export function validate(grid: unknown): string[];
export function cell(criterion: Criterion, page: string): Cell | undefined;
export function criterionResult(values: string[]): "C" | "NC" | "NA";
export function stateOf(rate: number | null): State | null;
export function summarize(grid: Grid): Summary;
export function footerState(summary: Summary): { state: State | null; footer: string };
export function generate(grid: Grid): Record<string, string>;
