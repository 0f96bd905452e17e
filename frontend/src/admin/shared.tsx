// What the admin forms share: the language of a record's texts, and what a deletion left.
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { Locale } from "../api/client";
import { useI18n } from "../i18n";

/** Which language a record's texts are written in (marked in pages for screen readers). */
export function LangSelect({ value, onChange }: { value: Locale; onChange: (lang: Locale) => void }) {
  const { t } = useI18n();
  return (
    <Select
      label={t("admin.lang")}
      hint={t("admin.langHint")}
      nativeSelectProps={{ name: "lang", value, onChange: (e) => onChange(e.target.value as Locale) }}
    >
      <option value="fr">{t("admin.lang.fr")}</option>
      <option value="en">{t("admin.lang.en")}</option>
    </Select>
  );
}

/** Passed to the admin home after a deletion: what went, and whether it was kept archived. */
export type Removed = { title: string; archived: boolean };

export function RemovedNotice({ removed }: { removed: Removed | undefined }) {
  const { t } = useI18n();
  if (!removed) return null;
  return (
    <Alert
      severity="success"
      small
      className="fr-mb-3w"
      description={t(removed.archived ? "admin.delete.archivedDone" : "admin.delete.deletedDone", {
        title: removed.title,
      })}
    />
  );
}
