// What co-creation's pages share: a proposal's state badge, a phase's dates, and the phases of a
// timeline as a vertical list.
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import "./messages";
import type { Phase, ProposalState } from "./queries";
import { SanitizedHtml } from "../../components/SanitizedHtml";
import { useI18n } from "../../i18n";

type Severity = "success" | "info" | "warning" | "error" | "new" | undefined;

const stateSeverity: Record<ProposalState, Severity> = {
  received: undefined,
  under_review: "info",
  retained: "success",
  partly_retained: "new",
  not_retained: "warning",
  merged: undefined,
};

export function ProposalStateBadge({ state }: { state: ProposalState }) {
  const { t } = useI18n();
  return (
    <Badge small severity={stateSeverity[state]} noIcon={stateSeverity[state] === undefined} as="span">
      {t(`proposal.state.${state}`)}
    </Badge>
  );
}

/** "Du 3 mars 2027 au 28 mars 2027", or "Le 3 mars 2027" for a one-day phase (Paris days). */
export function usePhaseDates() {
  const { t, calendarDate } = useI18n();
  return (p: Pick<Phase, "opens_on" | "closes_on">) =>
    p.opens_on === p.closes_on
      ? t("timeline.oneDay", { date: calendarDate(p.opens_on) })
      : t("timeline.dates", { from: calendarDate(p.opens_on), to: calendarDate(p.closes_on) });
}

/** Today in Paris, as "2027-03-03" (phases open and close on Paris days). */
export function parisToday(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(now);
}

/** The phases in the order they open: kind, dates, whether open now and open to proposals. */
export function PhaseList({ phases, headingLevel = 3 }: { phases: Phase[]; headingLevel?: 3 | 4 }) {
  const { t } = useI18n();
  const dates = usePhaseDates();
  const today = parisToday();
  const Heading = `h${headingLevel}` as const;
  return (
    <ol className="od-timeline">
      {phases.map((p) => {
        const past = !p.open && p.closes_on < today;
        const modifier = p.open ? "in_progress" : past ? "completed" : "not_started";
        return (
          <li key={p.id} className={`od-timeline__item od-timeline__item--${modifier}`} data-phase-id={p.id}>
            <Heading className="fr-h6 fr-mb-1v">{p.title}</Heading>
            <p className="fr-mb-1v od-timeline__meta">
              <span className="fr-text--sm fr-mb-0 fr-mr-1w">{dates(p)}</span>
              <Badge small noIcon as="span">
                {t(`phase.kind.${p.kind}`)}
              </Badge>
              {p.open && (
                <Badge small severity="success" as="span">
                  {t("timeline.open")}
                </Badge>
              )}
              {past && (
                <Badge small noIcon as="span">
                  {t("timeline.past")}
                </Badge>
              )}
              {p.accepts_proposals && (
                <Badge small severity="info" noIcon as="span">
                  {t("timeline.acceptsProposals")}
                </Badge>
              )}
            </p>
            {p.description_html && <SanitizedHtml html={p.description_html} />}
          </li>
        );
      })}
    </ol>
  );
}
