// The proposals in figures: how many by published response and by origin, each as a bar chart
// with the table of the same figures next to it (../../components/BarFigures.tsx); and, for those
// who answer for the coordinating institution, the drafts waiting and the button that publishes
// them together.
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import "./messages";
import { coCreationKeys, PROPOSAL_ORIGINS, PROPOSAL_STATES, publishResponses, type ProposalSummary } from "./queries";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { BarFigures } from "../../components/BarFigures";
import { ProblemAlert } from "../../components/QueryState";
import { useAction } from "../../components/actions";
import { useI18n } from "../../i18n";

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
          <BarFigures
            id="summary-state"
            title={t("summary.byState")}
            head={t("summary.state")}
            countHead={t("summary.count")}
            rows={byState}
          />
          <BarFigures
            id="summary-origin"
            title={t("summary.byOrigin")}
            head={t("summary.origin")}
            countHead={t("summary.count")}
            rows={byOrigin}
          />
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
