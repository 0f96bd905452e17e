// What the documents' pages compute from the API's answer, kept apart from the components so
// that it is tested on its own: groups by level and by stage, a file's type and size in words.
import type { Document, DocumentLevel } from "./queries";
import type { Locale } from "../../i18n";
import { intlLocale } from "../../i18n/format";

/** The levels, in the order the pages show them (the API's order too). */
export const LEVELS: DocumentLevel[] = ["discovery", "intermediate", "expert"];

/** The documents of each level, in their order; levels without any are left out. */
export function byLevel<D extends Pick<Document, "level">>(documents: D[]): { level: DocumentLevel; documents: D[] }[] {
  return LEVELS.map((level) => ({ level, documents: documents.filter((d) => d.level === level) })).filter(
    (g) => g.documents.length > 0,
  );
}

/** A forum's documents in its two parts: to read before it (stage `before`, or none said) and
 *  what came out of it (stage `after`). */
export function byStage<D extends Pick<Document, "stage">>(documents: D[]): { before: D[]; after: D[] } {
  return {
    before: documents.filter((d) => d.stage !== "after"),
    after: documents.filter((d) => d.stage === "after"),
  };
}

/** The catalogue name of a file's type (« Tableur ODS »), from the media type the server found. */
export type FileType = "pdf" | "odt" | "ods" | "odp" | "docx" | "xlsx" | "pptx" | "png" | "jpeg" | "csv" | "text";
const TYPES: Record<string, FileType> = {
  "application/pdf": "pdf",
  "application/vnd.oasis.opendocument.text": "odt",
  "application/vnd.oasis.opendocument.spreadsheet": "ods",
  "application/vnd.oasis.opendocument.presentation": "odp",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
  "image/png": "png",
  "image/jpeg": "jpeg",
  "text/csv": "csv",
  "text/plain": "text",
};

/** The file's type among those the API takes, or `null` for another (shown as its media type). */
export function fileType(mediaType: string): FileType | null {
  return TYPES[mediaType.split(";")[0].trim().toLowerCase()] ?? null;
}

/** A size as people read it: « 512 octets », « 12,3 Ko », « 1,5 Mo » (binary multiples, as the
 *  20 Mo limit is). `unit` names the catalogue message that words it. */
export function fileSize(bytes: number, locale: Locale): { unit: "bytes" | "kb" | "mb"; value: string } {
  const format = (n: number) => new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 1 }).format(n);
  if (bytes < 1024) return { unit: "bytes", value: format(bytes) };
  if (bytes < 1024 * 1024) return { unit: "kb", value: format(bytes / 1024) };
  return { unit: "mb", value: format(bytes / (1024 * 1024)) };
}

/** Whether an address is outside the site (a link document) rather than an API download path. */
export const isExternal = (href: string) => /^https?:\/\//i.test(href);

/** The host of a link, to say where it leads (the address itself when it cannot be read). */
export function hostOf(link: string): string {
  try {
    return new URL(link).host;
  } catch {
    return link;
  }
}
