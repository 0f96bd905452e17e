// Milestone progress of a commitment. DSFR has no progress component: a native <progress> with
// its label, plus the figures in text (the bar is never the only carrier of the information).
import { useId } from "react";
import { useI18n } from "../../i18n";

export function ProgressBar({
  completed,
  total,
  percent,
  label,
}: {
  completed: number;
  total: number;
  percent: number;
  label?: string;
}) {
  const { t, number, percent: pct } = useI18n();
  const id = useId();
  if (total === 0) return <p className="fr-text--sm fr-mb-0">{t("commitments.noMilestones")}</p>;
  return (
    <div className="od-progress">
      <p className="fr-text--sm fr-mb-1v" id={id}>
        <span className="fr-sr-only">{label ?? t("commitments.progress")} — </span>
        {t("commitments.progressValue", { completed: number(completed), total: number(total), percent: pct(percent) })}
      </p>
      <progress max={100} value={percent} aria-labelledby={id} />
    </div>
  );
}
