// Shown on the page of a forum, commitment or milestone an admin archived: deleting it would
// have destroyed what people wrote, so it stays readable, out of the lists, closed to new
// comments.
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { useI18n } from "../i18n";

export function ArchivedNotice({
  archivedAt,
  kind,
}: {
  archivedAt: string | null | undefined;
  kind: "forum" | "commitment" | "milestone";
}) {
  const { t, date } = useI18n();
  if (!archivedAt) return null;
  return (
    <Alert severity="info" small className="fr-mb-4w" description={t(`archive.${kind}`, { date: date(archivedAt) })} />
  );
}
