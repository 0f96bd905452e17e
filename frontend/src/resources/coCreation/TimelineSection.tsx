// The concertation page's timeline: the phases once published (admins see them before, marked as
// a preview), the public reason of a late publication, and the calendar to subscribe to.
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { Timeline } from "./queries";
import { timelineCalendarUrl } from "./queries";
import { PhaseList } from "./parts";
import { Empty } from "../../components/QueryState";
import { useI18n } from "../../i18n";

export function TimelineSection({ timeline }: { timeline: Timeline }) {
  const { t, date } = useI18n();
  const published = timeline.published_at != null;
  return (
    <section className="fr-mt-4w" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t("timeline.title")}</h2>
      {!published && timeline.phases.length === 0 && <Empty>{t("timeline.unpublished")}</Empty>}
      {!published && timeline.phases.length > 0 && (
        <Alert severity="warning" small className="fr-mb-2w" description={t("timeline.preview")} />
      )}
      {published && (
        <p className="fr-text--sm fr-mb-1w">{t("timeline.publishedOn", { date: date(timeline.published_at!) })}</p>
      )}
      {published && timeline.late_reason && (
        <div className="fr-callout fr-callout--yellow-tournesol fr-mb-2w">
          <p className="fr-callout__text fr-text--md" data-testid="late-reason">
            {t("timeline.late", { reason: timeline.late_reason })}
          </p>
        </div>
      )}
      {timeline.phases.length > 0 && <PhaseList phases={timeline.phases} />}
      {published && timeline.phases.length === 0 && <p>{t("timeline.empty")}</p>}
      {published && (
        <p>
          <a
            className="fr-link fr-icon-calendar-line fr-link--icon-left"
            href={timelineCalendarUrl(timeline.action_plan_slug)}
            aria-describedby="timeline-ics-hint"
          >
            {t("timeline.ics")}
          </a>
          <span id="timeline-ics-hint" className="fr-hint-text">
            {t("timeline.icsHint")}
          </span>
        </p>
      )}
    </section>
  );
}
