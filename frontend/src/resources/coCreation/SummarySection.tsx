// The proposals in figures: how many by published response and by origin, each as a bar chart
// with the table of the same figures next to it; and, for those who answer for the coordinating
// institution, the drafts waiting and the button that publishes them together.
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import "./messages";
import { coCreationKeys, PROPOSAL_ORIGINS, PROPOSAL_STATES, publishResponses, type ProposalSummary } from "./queries";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { DataTable } from "../../components/DataTable";
import { ProblemAlert } from "../../components/QueryState";
import { useAction } from "../../components/actions";
import { useI18n } from "../../i18n";

type Row = { label: string; count: number };

/** One horizontal bar per row, its label above it and its count after it (the table beside
 *  holds the same figures, for those who do not see the chart). */
function Bars({ rows, label }: { rows: Row[]; label: string }) {
  const { number } = useI18n();
  const max = Math.max(1, ...rows.map((r) => r.count));
  const rowH = 11;
  const height = rows.length * rowH;
  const description = rows.map((r) => `${r.label} : ${number(r.count)}`).join(", ");
  return (
    <svg
      viewBox={`0 0 100 ${height}`}
      width="100%"
      height={height * 4}
      preserveAspectRatio="xMinYMin meet"
      role="img"
      aria-label={`${label} — ${description}`}
      className="od-bars"
    >
      {rows.map((r, i) => {
        const y = i * rowH;
        const w = (r.count / max) * 80;
        return (
          <g key={r.label}>
            <text x={0} y={y + 3.5} className="od-line-chart__label">
              {r.label}
            </text>
            <rect x={0} y={y + 4.5} width={Math.max(w, 0.5)} height={4.5} className="od-bars__bar" />
            <text x={w + 1.5} y={y + 8.2} className="od-line-chart__label">
              {number(r.count)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function Figures({ id, title, head, rows }: { id: string; title: string; head: string; rows: Row[] }) {
  const { t, number } = useI18n();
  return (
    <div className="fr-mb-3w">
      <h3 id={id} className="fr-h6">
        {title}
      </h3>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Bars rows={rows} label={title} />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <DataTable caption={title} hideCaption>
            <thead>
              <tr>
                <th scope="col">{head}</th>
                <th scope="col">{t("summary.count")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.label}>
                  <th scope="row">{r.label}</th>
                  <td>{number(r.count)}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </div>
      </div>
    </div>
  );
}

export function SummarySection({ summary }: { summary: ProposalSummary }) {
  const { t, number } = useI18n();
  const c = summary.counts;
  const byState = PROPOSAL_STATES.map((s) => ({ label: t(`proposal.state.${s}`), count: c[s] }));
  const byOrigin = PROPOSAL_ORIGINS.map((o) => ({ label: t(`proposal.origin.${o}`), count: c[o] }));
  return (
    <section className="fr-mt-4w" aria-labelledby="summary-title">
      <h2 id="summary-title">{t("summary.title")}</h2>
      <p>{t("summary.total", { count: number(c.total) })}</p>
      {c.total > 0 && (
        <>
          <Figures id="summary-state" title={t("summary.byState")} head={t("summary.state")} rows={byState} />
          <Figures id="summary-origin" title={t("summary.byOrigin")} head={t("summary.origin")} rows={byOrigin} />
        </>
      )}
    </section>
  );
}

/** Those who answer for the coordinating institution: the drafts waiting, published together
 *  after a confirmation. */
export function ResponsesBox({ plan, drafts }: { plan: string; drafts: number }) {
  const { t, number } = useI18n();
  const qc = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const publish = useAction({
    mutationFn: () => publishResponses(plan),
    onSuccess: () => qc.invalidateQueries({ queryKey: coCreationKeys.all }),
    done: (p) => ({ key: "responses.published", vars: { count: number(p.published) } }),
    // The button goes (no draft left): the keyboard lands on the box's heading.
    focus: "responses-title",
  });
  return (
    <section className="od-box fr-mt-4w" aria-labelledby="responses-title">
      <h2 id="responses-title" className="fr-h5" tabIndex={-1}>
        {t("responses.title")}
      </h2>
      <p className="fr-text--sm">{t("responses.intro")}</p>
      {publish.isError && <ProblemAlert error={publish.error} focus />}
      <p className="fr-text--bold" data-testid="drafts-waiting">
        {t("responses.drafts", { count: number(drafts) })}
      </p>
      {drafts > 0 && (
        <Button iconPosition="left" iconId="fr-icon-send-plane-line" onClick={() => setConfirming(true)}>
          {t("responses.publish")}
        </Button>
      )}
      <ConfirmDialog
        open={confirming}
        title={t("responses.confirmTitle")}
        confirmLabel={t("responses.publish")}
        busy={publish.isPending}
        onConfirm={() => {
          setConfirming(false);
          publish.mutate();
        }}
        onClose={() => setConfirming(false)}
      >
        <p>{t("responses.confirmBody", { count: number(drafts) })}</p>
      </ConfirmDialog>
    </section>
  );
}
