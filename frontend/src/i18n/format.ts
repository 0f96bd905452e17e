// Dates, times and numbers per locale. Every instant is shown in Europe/Paris, the time zone the
// forums are held in, whatever the reader's own time zone.
export type Locale = "fr" | "en";

export const TIME_ZONE = "Europe/Paris";

export function intlLocale(locale: Locale): string {
  return locale === "fr" ? "fr-FR" : "en-GB";
}

const cache = new Map<string, Intl.DateTimeFormat>();
function dtf(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(locale), options);
    cache.set(key, f);
  }
  return f;
}

/** "jeudi 21 janvier 2027 à 18:30" / "Thursday 21 January 2027 at 18:30". */
export function formatDateTime(iso: string, locale: Locale): string {
  return dtf(locale, { dateStyle: "full", timeStyle: "short", timeZone: TIME_ZONE }).format(new Date(iso));
}

/** "21 janvier 2027" / "21 January 2027". */
export function formatDate(iso: string, locale: Locale): string {
  return dtf(locale, { dateStyle: "long", timeZone: TIME_ZONE }).format(new Date(iso));
}

/** "21/01/2027 18:30": compact, for comment metadata. */
export function formatShortDateTime(iso: string, locale: Locale): string {
  return dtf(locale, { dateStyle: "medium", timeStyle: "short", timeZone: TIME_ZONE }).format(new Date(iso));
}

/** A calendar date without time ("2018-12-31"): shown as is, never shifted by a time zone. */
export function formatCalendarDate(date: string, locale: Locale): string {
  return dtf(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));
}

/** A forum's time span: "jeudi 21 janvier 2027, 18:30 – 21:00". */
export function formatRange(startIso: string, endIso: string, locale: Locale): string {
  const f = dtf(locale, { dateStyle: "full", timeStyle: "short", timeZone: TIME_ZONE });
  return f.formatRange(new Date(startIso), new Date(endIso));
}

export function formatNumber(n: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale)).format(n);
}

/** Offset of Europe/Paris from UTC at the given instant, in minutes (60 or 120). */
function parisOffsetMinutes(at: Date): number {
  const parts = dtf("en", {
    timeZone: TIME_ZONE,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((asUtc - at.getTime()) / 60000);
}

/** A wall-clock time in Paris ("2027-01-21T18:30", as a datetime-local input gives it) as RFC 3339 UTC. */
export function parisLocalToIso(local: string): string {
  const [date, time = "00:00"] = local.split("T");
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  const naive = Date.UTC(y, m - 1, d, hh, mm);
  // Two passes settle the offset around daylight-saving changes.
  let offset = parisOffsetMinutes(new Date(naive));
  offset = parisOffsetMinutes(new Date(naive - offset * 60000));
  return new Date(naive - offset * 60000).toISOString();
}

/** An instant as the Paris wall-clock value of a datetime-local input ("2027-01-21T18:30"). */
export function isoToParisLocal(iso: string): string {
  const at = new Date(iso);
  const shifted = new Date(at.getTime() + parisOffsetMinutes(at) * 60000);
  return shifted.toISOString().slice(0, 16);
}
