// Whether the multi-stakeholder forum meets civil society as OGP asks during a plan's
// implementation (at least twice in 12 months, never six months apart), said once and shown in
// three places: the forum's page (whole), a plan's commitments (compact, with a link to the forum)
// and the admin home (an alert, only when a meeting is due).
import { Link } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import "./messages";
import { getStakeholderForum, stakeholderForumKeys, type Cadence } from "./queries";
import { QueryState } from "../../components/QueryState";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";

/** Today in Paris, as "2027-03-03" (the gap opens on a Paris day). */
const parisToday = (now = new Date()) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(now);

/** The forum, as the pages that show its cadence ask for it (one query, shared). */
export function useStakeholderForum(enabled = true) {
  return useQuery({ queryKey: stakeholderForumKeys.forum, queryFn: getStakeholderForum, enabled });
}

/** What the gap says when a meeting is due: six months without one soon, already, or never met. */
function useGapSentence() {
  const { t, calendarDate } = useI18n();
  return (cadence: Cadence, now = new Date()): string | null => {
    if (!cadence.warning) return null;
    const gap = cadence.gap_opens_on;
    if (!gap) return t("cadence.never");
    return t(gap <= parisToday(now) ? "cadence.gapPassed" : "cadence.gapSoon", { date: calendarDate(gap) });
  };
}

function MetBadge({ cadence }: { cadence: Cadence }) {
  const { t } = useI18n();
  return cadence.met_twice_in_12_months ? (
    <Badge small severity="success" as="span">
      {t("cadence.twice")}
    </Badge>
  ) : (
    <Badge small severity="warning" as="span">
      {t("cadence.lessThanTwice")}
    </Badge>
  );
}

/** The cadence: meetings in the last 12 months with their badge, the last and next meetings and,
 *  when one is due, what the gap says. `compact`: the sentence, the badge, the next meeting and a
 *  link to the forum's page (a plan's commitments). */
export function CadenceIndicator({ cadence, compact = false }: { cadence: Cadence; compact?: boolean }) {
  const { t, date, number } = useI18n();
  const gap = useGapSentence()(cadence);
  const met = t("cadence.met", { count: number(cadence.met_last_12_months) });
  if (compact) {
    return (
      <div className="fr-callout fr-mb-4w" data-testid="cadence">
        <p className="fr-callout__title fr-h6">{t("stakeholder.title")}</p>
        <p className="fr-callout__text fr-text--md fr-mb-1w">{met}</p>
        <p className="fr-mb-1w">
          <MetBadge cadence={cadence} />
        </p>
        <p className="fr-text--sm fr-mb-1w">
          {cadence.next_meeting_at ? t("cadence.nextOn", { date: date(cadence.next_meeting_at) }) : t("cadence.noNext")}
        </p>
        <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" to={paths.stakeholderForum()}>
          {t("cadence.more")}
        </Link>
      </div>
    );
  }
  return (
    <div data-testid="cadence">
      <p className="fr-text--lg fr-mb-1w">{met}</p>
      <p>
        <MetBadge cadence={cadence} />
      </p>
      <dl className="od-dl od-dl--grid fr-mb-2w">
        <dt>{t("cadence.last")}</dt>
        <dd>{cadence.last_met_at ? date(cadence.last_met_at) : t("cadence.noLast")}</dd>
        <dt>{t("cadence.next")}</dt>
        <dd>{cadence.next_meeting_at ? date(cadence.next_meeting_at) : t("cadence.noNext")}</dd>
      </dl>
      {gap && <p>{gap}</p>}
    </div>
  );
}

/** On a plan in implementation: the compact cadence, from the forum's own query. */
export function PlanCadence() {
  const forum = useStakeholderForum();
  return <QueryState query={forum}>{(data) => <CadenceIndicator cadence={data.cadence} compact />}</QueryState>;
}

/** The admin home: an alert while a meeting is due (nothing otherwise), leading to the forum's
 *  admin page (`link`: not on that page itself). */
export function CadenceWarning({ link = true }: { link?: boolean }) {
  const { t } = useI18n();
  const gapSentence = useGapSentence();
  const forum = useStakeholderForum();
  return (
    <QueryState query={forum} isEmpty={(data) => !data.cadence.warning} retry={false}>
      {({ cadence }) => (
        <Alert
          severity="warning"
          className="fr-mb-4w"
          title={t(cadence.gap_opens_on ? "cadence.alert.title" : "cadence.alert.titleNever")}
          description={
            <>
              {cadence.gap_opens_on ? gapSentence(cadence) : t("cadence.alert.never")}
              {link && (
                <>
                  {" "}
                  <Link className="fr-link" to={paths.stakeholderForumAdmin()}>
                    {t("cadence.alert.link")}
                  </Link>
                </>
              )}
            </>
          }
        />
      )}
    </QueryState>
  );
}
