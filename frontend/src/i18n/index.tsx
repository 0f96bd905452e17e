// The chosen language: French by default, remembered in localStorage, applied to <html lang>.
// A tiny external store so that non-React code (react-dsfr's useLang) reads the same value.
// The French catalogue is in the main bundle; the English one is its own chunk, fetched when
// someone chooses English (or chose it before): until it arrives the page stays in French,
// with <html lang="fr">, so the language marked is always the language shown.
import { useCallback, useMemo, useSyncExternalStore } from "react";
import { fr, loadEnglish, type MessageKey, type Messages } from "./catalogues";
import {
  formatCalendarDate,
  formatDate,
  formatDateTime,
  formatNumber,
  formatRange,
  formatShortDateTime,
  type Locale,
} from "./format";

export type { Locale, MessageKey };
export const LOCALES: readonly Locale[] = ["fr", "en"];
/** The catalogues loaded so far (French always; its admin-area messages once that chunk loaded). */
export const catalogues: Partial<Record<Locale, Partial<Messages>>> & { fr: Partial<Messages> } = { fr };

/** Adds messages a lazily loaded chunk brings (the admin area's French ones). */
export function addMessages(locale: Locale, messages: Partial<Messages>) {
  catalogues[locale] = { ...catalogues[locale], ...messages };
}
const STORAGE_KEY = "opendetat.lang";

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === "fr" || saved === "en") return saved;
  } catch {
    /* storage unavailable */
  }
  return "fr";
}

let current: Locale = "fr";
const listeners = new Set<() => void>();

/** Fetches a language's catalogue once. */
export async function loadCatalogue(locale: Locale): Promise<void> {
  if (catalogues[locale]) return;
  if (locale === "en") catalogues.en = await loadEnglish();
}

function apply() {
  if (typeof document !== "undefined") document.documentElement.lang = current;
}
apply();

export function getLocale(): Locale {
  return current;
}
export function setLocale(locale: Locale) {
  if (!catalogues[locale]) {
    void loadCatalogue(locale).then(() => setLocale(locale));
    return;
  }
  if (locale === current) return;
  current = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    /* storage unavailable: the choice lasts for this page only */
  }
  apply();
  listeners.forEach((l) => l());
}
if (typeof window !== "undefined" && initialLocale() !== "fr") setLocale(initialLocale());

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}
export function useLocale(): Locale {
  return useSyncExternalStore(subscribe, getLocale, getLocale);
}

export type Vars = Record<string, string | number>;

/** Fills `{name}` placeholders. */
export function interpolate(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  // A key whose chunk has not loaded yet shows as itself rather than breaking the page.
  return interpolate((catalogues[locale] ?? catalogues.fr)[key] ?? catalogues.fr[key] ?? key, vars);
}

export function useI18n() {
  const locale = useLocale();
  const t = useCallback((key: MessageKey, vars?: Vars) => translate(locale, key, vars), [locale]);
  return useMemo(
    () => ({
      locale,
      t,
      setLocale,
      dateTime: (iso: string) => formatDateTime(iso, locale),
      shortDateTime: (iso: string) => formatShortDateTime(iso, locale),
      date: (iso: string) => formatDate(iso, locale),
      calendarDate: (d: string) => formatCalendarDate(d, locale),
      range: (a: string, b: string) => formatRange(a, b, locale),
      number: (n: number) => formatNumber(n, locale),
      percent: (n: number) => translate(locale, "common.percent", { value: formatNumber(n, locale) }),
    }),
    [locale, t],
  );
}
