// Records carry the language their texts are written in (the OGP's texts are in English): the
// `lang` attribute to set on an element that shows a record's text, so that screen readers
// switch voice inside the French interface (RGAA 8.7). Nothing when it is the page's language.
import type { Locale } from "../api/client";
import { useLocale } from "../i18n";

export function useLangOf() {
  const ui = useLocale();
  return (lang: Locale | null | undefined): { lang?: Locale } => (lang && lang !== ui ? { lang } : {});
}

/** A translated message with a record's text inside it, the record's text marked with its own
 *  language: `within(t("home.discussionOn", { title: MARK }), <span lang="en">…</span>)`. */
export const MARK = "\u0000";
export function within(message: string, node: React.ReactNode): React.ReactNode {
  const [before, after = ""] = message.split(MARK);
  return (
    <>
      {before}
      {node}
      {after}
    </>
  );
}
