// Admins: a plan's co-creation timeline — its phases (added, changed, deleted) and its
// publication, at least 14 days before the first phase opens or with the public reason why not
// (the API's 422 `notice_too_short` lands on that field).
import { useState } from "react";
import { Link, useParams } from "react-router";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import "./messages";
import { coCreationKeys, deletePhase, getTimeline, publishTimeline, type Phase, type Timeline } from "./queries";
import { actionPlanKeys, getActionPlan } from "../actionPlans/queries";
import { PhaseForm } from "./PhaseForm";
import { usePhaseDates } from "./parts";
import type { ActionPlan } from "../../api/client";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { Crumbs } from "../../components/Crumbs";
import { PageHeading } from "../../components/PageHeading";
import { ProblemAlert, QueryState, useStateTitle } from "../../components/QueryState";
import { useAction } from "../../components/actions";
import { useFieldErrors } from "../../components/forms";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";

export function TimelineAdminPage() {
  const { slug = "" } = useParams();
  const { t } = useI18n();
  const plan = useQuery({ queryKey: actionPlanKeys.one(slug), queryFn: () => getActionPlan(slug) });
  const timeline = useQuery({ queryKey: coCreationKeys.timeline(slug), queryFn: () => getTimeline(slug) });
  const stateTitle = useStateTitle();
  const crumbs = [
    { label: t("admin.title"), to: paths.admin() },
    { label: t("admin.plans"), to: paths.actionPlans() },
  ];
  if (plan.isPending || plan.isError) {
    return (
      <>
        <Crumbs segments={crumbs} current={t("timeline.title")} />
        <PageHeading title={stateTitle(plan.isPending, plan.error)} />
        <QueryState query={plan} />
      </>
    );
  }
  const p = plan.data;
  return (
    <>
      <Crumbs
        segments={[...crumbs, { label: p.title, to: paths.editActionPlan(p.slug) }]}
        current={t("timeline.title")}
      />
      <PageHeading title={`${t("timeline.title")} — ${p.title}`} />
      <p className="fr-text--lead">{t("timelineAdmin.intro")}</p>
      <p>
        <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" to={paths.coCreation(p.slug)}>
          {t("timelineAdmin.public")}
        </Link>
      </p>
      <QueryState query={timeline}>{(data) => <Body plan={p} timeline={data} />}</QueryState>
    </>
  );
}

function Body({ plan, timeline }: { plan: ActionPlan; timeline: Timeline }) {
  const { t, date } = useI18n();
  const published = timeline.published_at != null;
  return (
    <>
      {published && (
        <Alert
          severity="success"
          small
          className="fr-mb-3w"
          description={
            timeline.late_reason
              ? `${t("timeline.publishedOn", { date: date(timeline.published_at!) })} ${t("timeline.late", { reason: timeline.late_reason })}`
              : t("timeline.publishedOn", { date: date(timeline.published_at!) })
          }
        />
      )}
      <section aria-labelledby="phases-title">
        <h2 id="phases-title">{t("timelineAdmin.phases")}</h2>
        {timeline.phases.length === 0 ? (
          <p>{t("timelineAdmin.none")}</p>
        ) : (
          <ol className="od-plain-list od-phases">
            {timeline.phases.map((phase) => (
              <PhaseItem key={phase.id} plan={plan.slug} phase={phase} />
            ))}
          </ol>
        )}
        <PhaseForm plan={plan.slug} />
      </section>
      {!published && <Publish plan={plan} />}
    </>
  );
}

function PhaseItem({ plan, phase }: { plan: string; phase: Phase }) {
  const { t } = useI18n();
  const dates = usePhaseDates();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const remove = useAction({
    mutationFn: () => deletePhase(phase.id),
    onSuccess: () => qc.invalidateQueries({ queryKey: coCreationKeys.all }),
    done: "phase.deleted",
    focus: "phases-title",
  });
  return (
    <li className="od-box fr-mb-2w">
      <h3 id={`phase-${phase.id}`} className="fr-h6 fr-mb-1v" tabIndex={-1}>
        {phase.title}
      </h3>
      <p className="fr-text--sm fr-mb-1w">
        {t(`phase.kind.${phase.kind}`)} · {dates(phase)}
        {phase.accepts_proposals && <> · {t("timeline.acceptsProposals")}</>}
      </p>
      {remove.isError && <ProblemAlert error={remove.error} focus />}
      {editing ? (
        <PhaseForm plan={plan} phase={phase} onDone={() => setEditing(false)} />
      ) : (
        <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left">
          <li>
            <Button
              size="small"
              priority="secondary"
              nativeButtonProps={{
                id: `phase-${phase.id}-edit`,
                "aria-label": t("timelineAdmin.editNamed", { title: phase.title }),
              }}
              onClick={() => setEditing(true)}
            >
              {t("timelineAdmin.edit")}
            </Button>
          </li>
          <li>
            <Button
              size="small"
              priority="tertiary"
              iconPosition="left"
              iconId="fr-icon-delete-line"
              disabled={remove.isPending}
              nativeButtonProps={{ "aria-label": t("timelineAdmin.deleteNamed", { title: phase.title }) }}
              onClick={() => setConfirming(true)}
            >
              {t("timelineAdmin.delete")}
            </Button>
          </li>
        </ul>
      )}
      <ConfirmDialog
        open={confirming}
        title={t("timelineAdmin.deleteTitle")}
        confirmLabel={t("timelineAdmin.delete")}
        busy={remove.isPending}
        onConfirm={() => {
          setConfirming(false);
          remove.mutate();
        }}
        onClose={() => setConfirming(false)}
      >
        <p>{t("timelineAdmin.deleteBody", { title: phase.title })}</p>
      </ConfirmDialog>
    </li>
  );
}

/** Publishing, once: a late one says why (the field the API's `notice_too_short` names). */
function Publish({ plan }: { plan: ActionPlan }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [reason, setReason] = useState("");
  const publish = useAction({
    mutationFn: () => publishTimeline(plan.slug, reason),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: coCreationKeys.all });
      await qc.invalidateQueries({ queryKey: actionPlanKeys.all });
    },
    done: "publish.done",
    focus: "phases-title",
  });
  const err = publish.isError ? publish.error : null;
  const fields = useFieldErrors(err, "publish-");
  return (
    <section className="fr-mt-4w" aria-labelledby="publish-title">
      <h2 id="publish-title">{t("publish.title")}</h2>
      <p>{t("publish.intro")}</p>
      {plan.status !== "in_preparation" && (
        <Alert severity="warning" small className="fr-mb-2w" description={t("publish.notInPreparation")} />
      )}
      <form
        noValidate
        aria-labelledby="publish-title"
        onSubmit={(e) => {
          e.preventDefault();
          publish.mutate();
        }}
      >
        {err !== null && <ProblemAlert error={err} fieldLinks={fields.links} focus />}
        <Input
          textArea
          label={t("common.optional", { label: t("publish.lateReason") })}
          hintText={t("publish.lateReasonHint")}
          {...fields.state("late_reason", t("publish.lateReason"))}
          nativeTextAreaProps={{
            ...fields.native("late_reason"),
            name: "late_reason",
            rows: 3,
            maxLength: 2000,
            value: reason,
            onChange: (e) => setReason(e.target.value),
          }}
        />
        <Button type="submit" iconPosition="left" iconId="fr-icon-send-plane-line" disabled={publish.isPending}>
          {publish.isPending ? t("common.saving") : t("publish.submit")}
        </Button>
      </form>
    </section>
  );
}
