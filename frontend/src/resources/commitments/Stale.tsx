// « Pas de mise à jour depuis 6 mois »: an active commitment with no progress update and no
// document for six months, as the API flags it (`stale`). A warning badge in its list, on its page
// (with the day of its last news) and in its institution's record.
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { addMessages, useI18n } from "../../i18n";
import { fr } from "./i18n/stale.fr";

// Its French text comes with the pages that show it, not with the home page.
addMessages("fr", fr);

/** The badge (nothing when the commitment is not flagged). */
export function StaleBadge({ stale }: { stale: boolean }) {
  const { t } = useI18n();
  if (!stale) return null;
  return (
    <Badge small severity="warning" as="span">
      {t("stale.badge")}
    </Badge>
  );
}

/** On a commitment's page: the badge and when it last had news (or that it never had any). */
export function StaleNotice({ stale, lastUpdateAt }: { stale: boolean; lastUpdateAt?: string | null }) {
  const { t, date } = useI18n();
  if (!stale) return null;
  return (
    <p className="fr-mb-2w" data-testid="stale">
      <StaleBadge stale />{" "}
      <span className="fr-text--sm">
        {lastUpdateAt ? t("stale.lastUpdate", { date: date(lastUpdateAt) }) : t("stale.never")}
      </span>
    </p>
  );
}

/** The label of the commitments' filter. */
export function useStaleLabels() {
  const { t } = useI18n();
  return { label: t("stale.filter"), hint: t("stale.filterHint") };
}
