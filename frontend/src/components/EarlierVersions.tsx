// What a record on the public record said before each change (an institution's answer, a
// forum's minutes), oldest first, behind a disclosure: nothing published is ever erased.
import type { ReactNode } from "react";
import { useI18n } from "../i18n";

type Version = { written_at: string; replaced_at: string };

export function EarlierVersions<V extends Version>({
  versions,
  datesKey,
  children,
}: {
  versions: V[];
  /** How a version's dates read: "écrite le …, remplacée le …" or "publiée le …, corrigée le …". */
  datesKey: "versions.written" | "versions.published";
  children: (version: V) => ReactNode;
}) {
  const { t, dateTime, number } = useI18n();
  if (versions.length === 0) return null;
  return (
    <details className="od-versions">
      <summary>{t("versions.title", { count: number(versions.length) })}</summary>
      <ol className="od-versions__list">
        {versions.map((v, i) => (
          <li key={`${v.written_at}-${i}`}>
            <p className="fr-text--sm fr-mb-1w">
              <strong>{t("versions.number", { n: number(i + 1) })}</strong> —{" "}
              {t(datesKey, { written: dateTime(v.written_at), replaced: dateTime(v.replaced_at) })}
            </p>
            {children(v)}
          </li>
        ))}
      </ol>
    </details>
  );
}
