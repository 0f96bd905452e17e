// The audit's non-conforming criteria, each with the pages it fails on and why (the grid's NC
// cells). The RGAA's titles and the audit's notes are French: marked so in the English interface.
import { useI18n } from "../../i18n";
import { MARK, useLangOf, within } from "../../components/lang";
import { audit, pageName } from "./audit";

/** The pages that fail for the same reason, together. */
function byNote(cells: { page: string; note: string }[]) {
  const groups = new Map<string, string[]>();
  for (const { page, note } of cells) groups.set(note, [...(groups.get(note) ?? []), page]);
  return [...groups].map(([note, pages]) => ({ note, pages }));
}

export function NonConformities() {
  const { t, locale } = useI18n();
  const langOf = useLangOf();
  if (audit.nonConformities.length === 0) return <p>{t("a11y.nonConformitiesNone")}</p>;
  return (
    <ul data-testid="non-conformities">
      {audit.nonConformities.map((c) => (
        <li key={c.id}>
          <p className="fr-mb-1v">
            <strong>
              {within(
                t("a11y.criterion", { id: c.id, rest: MARK }),
                <span {...langOf("fr")}>
                  {c.title} ({c.theme})
                </span>,
              )}
            </strong>
          </p>
          <ul className="fr-mb-2w">
            {byNote(c.pages).map(({ note, pages }) => (
              <li key={note}>
                {within(
                  t("a11y.onPage", { page: pages.map((p) => pageName(p, locale)).join(", "), note: MARK }),
                  <span {...langOf("fr")}>{note}</span>,
                )}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
