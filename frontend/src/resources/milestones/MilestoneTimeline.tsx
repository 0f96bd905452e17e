// A commitment's milestones in order, as a vertical timeline with status badges.
import { Link } from "react-router";
import type { Milestone } from "../../api/client";
import { useI18n } from "../../i18n";
import { MilestoneStatusBadge } from "../../components/StatusBadge";
import { useLangOf } from "../../components/lang";
import { paths } from "../../app/resources";

export function useDueText() {
  const { calendarDate } = useI18n();
  return (m: Pick<Milestone, "due_period" | "due_date">) =>
    m.due_period ?? (m.due_date ? calendarDate(m.due_date) : null);
}

export function MilestoneTimeline({ milestones }: { milestones: Milestone[] }) {
  const { t } = useI18n();
  const due = useDueText();
  const langOf = useLangOf();
  return (
    <ul className="od-timeline">
      {milestones.map((m) => (
        <li key={m.id} className={`od-timeline__item od-timeline__item--${m.status}`}>
          <h3 className="fr-h6 fr-mb-1v">
            <Link to={paths.milestone(m.id)}>
              {m.code} — <span {...langOf(m.lang)}>{m.title}</span>
            </Link>
          </h3>
          <p className="fr-mb-0 od-timeline__meta">
            <MilestoneStatusBadge status={m.status} />
            {due(m) && <span className="fr-text--sm fr-ml-1w">{t("commitment.due", { due: due(m)! })}</span>}
          </p>
        </li>
      ))}
    </ul>
  );
}
