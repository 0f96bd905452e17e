// A plan's concertation (co-creation of the next action plan): where it stands, the timeline of
// its phases, the form to propose while a phase open to proposals runs (members; forum
// organisers enter what their forums collected), the proposals in figures, the drafts the
// coordinating institution publishes together, and every proposal with its response.
import { Link, useLocation, useParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import "./messages";
import { coCreationKeys, getSummary, getTimeline } from "./queries";
import { actionPlanKeys, getActionPlan } from "../actionPlans/queries";
import { TimelineSection } from "./TimelineSection";
import { ForumProposalForm, ProposeForm } from "./ProposalForms";
import { ProposalList } from "./ProposalList";
import { ResponsesBox, SummarySection } from "./SummarySection";
import { canEditContent, isAdmin, useSession } from "../../auth/session";
import type { ActionPlan } from "../../api/client";
import { Crumbs } from "../../components/Crumbs";
import { PageHeading } from "../../components/PageHeading";
import { PlanStatusBadge } from "../../components/StatusBadge";
import { QueryState, useStateTitle } from "../../components/QueryState";
import { MARK, useLangOf, within } from "../../components/lang";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";

export default function CoCreationPage() {
  const { slug = "" } = useParams();
  const { t } = useI18n();
  const plan = useQuery({ queryKey: actionPlanKeys.one(slug), queryFn: () => getActionPlan(slug) });
  const stateTitle = useStateTitle();
  if (plan.isPending || plan.isError) {
    return (
      <>
        <Crumbs current={t("coCreation.crumb")} />
        <PageHeading title={stateTitle(plan.isPending, plan.error)} />
        <QueryState query={plan} />
      </>
    );
  }
  return <Body plan={plan.data} />;
}

function Body({ plan }: { plan: ActionPlan }) {
  const { t } = useI18n();
  const { user } = useSession();
  const langOf = useLangOf();
  const location = useLocation();
  const timeline = useQuery({ queryKey: coCreationKeys.timeline(plan.slug), queryFn: () => getTimeline(plan.slug) });
  const summary = useQuery({ queryKey: coCreationKeys.summary(plan.slug), queryFn: () => getSummary(plan.slug) });
  const open = timeline.data?.open_for_proposals != null;
  const preparing = plan.status === "in_preparation";
  return (
    <>
      <Crumbs
        segments={[{ label: t("nav.commitments"), to: paths.commitments({ action_plan: plan.slug }) }]}
        current={t("coCreation.crumb")}
      />
      <PageHeading title={t("coCreation.title", { plan: plan.title })}>
        {within(t("coCreation.title", { plan: MARK }), <span {...langOf(plan.lang)}>{plan.title}</span>)}
      </PageHeading>
      <p className="fr-text--lead">{t("coCreation.intro")}</p>
      <dl className="od-dl od-dl--grid fr-mb-2w">
        <dt>{t("coCreation.status")}</dt>
        <dd>
          <PlanStatusBadge status={plan.status} />
        </dd>
        <dt>{t("coCreation.period")}</dt>
        <dd>
          {plan.period_start}–{plan.period_end}
        </dd>
        <dt>{t("coCreation.coordinator")}</dt>
        <dd>
          {plan.coordinating_institution ? (
            <Link to={paths.institution(plan.coordinating_institution.slug)}>{plan.coordinating_institution.name}</Link>
          ) : (
            t("coCreation.noCoordinator")
          )}
        </dd>
      </dl>
      <p>
        <Link
          className="fr-link fr-icon-arrow-right-line fr-link--icon-right"
          to={paths.commitments({ action_plan: plan.slug })}
        >
          {t("coCreation.commitments")}
        </Link>
        {isAdmin(user?.role) && (
          <>
            {" "}
            <Link
              className="fr-link fr-icon-settings-5-line fr-link--icon-left fr-ml-3w"
              to={paths.editTimeline(plan.slug)}
            >
              {t("coCreation.manage")}
            </Link>
          </>
        )}
      </p>
      <QueryState query={timeline}>{(data) => <TimelineSection timeline={data} />}</QueryState>
      {preparing && timeline.data && timeline.data.published_at && (
        <section className="fr-mt-4w" aria-labelledby="propose-title">
          <h2 id="propose-title">{t("propose.title")}</h2>
          {!open ? (
            <p>{t("propose.closed")}</p>
          ) : user ? (
            <>
              <p>{t("propose.intro")}</p>
              <ProposeForm plan={plan.slug} labelledBy="propose-title" />
            </>
          ) : (
            <p className="fr-callout fr-callout--brown-caramel od-signin-callout">
              <Link to={paths.signIn()} state={{ from: location.pathname }}>
                {t("propose.signIn")}
              </Link>
            </p>
          )}
          {canEditContent(user?.role) && <ForumProposalForm plan={plan.slug} />}
        </section>
      )}
      {summary.data?.can_respond && <ResponsesBox plan={plan.slug} drafts={summary.data.drafts_waiting ?? 0} />}
      <QueryState query={summary}>{(data) => <SummarySection summary={data} />}</QueryState>
      <ProposalList plan={plan.slug} />
    </>
  );
}
