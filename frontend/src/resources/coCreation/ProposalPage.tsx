// One proposal for the next action plan: what it says, where it came from (online, or collected
// at a forum), its supporters, the coordinating institution's published response, what it was
// merged into or what was merged into it, the commitments it became and where they stand; for
// those who answer, the draft of its response, the merge and the links to commitments; then its
// discussion.
import { Link, useParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import "./messages";
import { coCreationKeys, getProposal, getSummary, type Proposal } from "./queries";
import { actionPlanKeys, getActionPlan } from "../actionPlans/queries";
import { ProposalStateBadge } from "./parts";
import { SupportButton } from "./SupportButton";
import { DraftResponseForm, MergeForm } from "./ResponseForms";
import { BecameSection } from "./Became";
import { DocumentsSection } from "../documents/Documents";
import { Discussion } from "../comments/Discussion";
import { FollowButton } from "../notifications/FollowButton";
import { Crumbs } from "../../components/Crumbs";
import { FeedLink } from "../../components/FeedLink";
import { PageHeading } from "../../components/PageHeading";
import { QueryState, useStateTitle } from "../../components/QueryState";
import { SanitizedHtml } from "../../components/SanitizedHtml";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";

export default function ProposalPage() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const numeric = Number(id);
  const valid = Number.isInteger(numeric) && numeric > 0;
  const q = useQuery({
    queryKey: coCreationKeys.proposal(numeric),
    queryFn: () => getProposal(numeric),
    enabled: valid,
  });
  const stateTitle = useStateTitle();
  if (!valid || q.isPending || q.isError) {
    return (
      <>
        <Crumbs current={id} />
        <PageHeading title={stateTitle(valid && q.isPending, valid ? q.error : null)} />
        {!valid ? <p>{t("notFound.text")}</p> : <QueryState query={q} />}
      </>
    );
  }
  return <Body p={q.data} />;
}

function Body({ p }: { p: Proposal }) {
  const { t, dateTime } = useI18n();
  const plan = useQuery({
    queryKey: actionPlanKeys.one(p.action_plan_slug),
    queryFn: () => getActionPlan(p.action_plan_slug),
  });
  const summary = useQuery({
    queryKey: coCreationKeys.summary(p.action_plan_slug),
    queryFn: () => getSummary(p.action_plan_slug),
  });
  const merged = p.merged_into != null;
  const responder = p.draft_response != null || summary.data?.can_respond === true;
  const preparing = plan.data?.status === "in_preparation";
  const crumb = plan.data ? t("coCreation.title", { plan: plan.data.title }) : t("coCreation.crumb");
  return (
    <>
      <Crumbs segments={[{ label: crumb, to: paths.coCreation(p.action_plan_slug) }]} current={p.title} />
      <div className="od-title-row">
        <PageHeading title={p.title}>
          <span lang={p.lang}>{p.title}</span>
        </PageHeading>
        <FollowButton kind="proposal" subjectKey={String(p.id)} />
      </div>
      <p className="od-timeline__meta">
        <ProposalStateBadge state={p.response.state} />
        <span className="fr-ml-1w">{t(`proposal.origin.${p.origin}`)}</span>
      </p>
      {p.merged_into && (
        <p id="merged-into" className="fr-callout fr-text--md" tabIndex={-1}>
          {t("merged.into")} <Link to={paths.proposal(p.merged_into.id)}>{p.merged_into.title}</Link>
        </p>
      )}
      {p.forum && (
        <p>
          {t("proposal.collectedAt")} <Link to={paths.forum(p.forum.slug)}>{p.forum.title}</Link>
        </p>
      )}
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-8">
          <h2 className="fr-h4">{t("proposal.problem")}</h2>
          <div lang={p.lang}>
            <SanitizedHtml html={p.problem_html} />
          </div>
          <h2 className="fr-h4">{t("proposal.solution")}</h2>
          <div lang={p.lang}>
            <SanitizedHtml html={p.solution_html} />
          </div>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <SupportButton proposal={p} open={preparing && !merged} />
          <h2 className="fr-h6">{t("proposal.details")}</h2>
          <dl className="od-dl">
            {p.origin === "online" ? (
              <>
                <dt>{t("proposal.author")}</dt>
                <dd>{p.author?.display_name ?? t("proposal.erased")}</dd>
              </>
            ) : (
              p.spoken_by && (
                <>
                  <dt>{t("proposal.spokenBy")}</dt>
                  <dd>{p.spoken_by}</dd>
                </>
              )
            )}
            <dt>{t("proposal.submittedOn")}</dt>
            <dd>
              <time dateTime={p.created_at}>{dateTime(p.created_at)}</time>
            </dd>
            {p.theme && (
              <>
                <dt>{t("proposal.theme")}</dt>
                <dd>{p.theme}</dd>
              </>
            )}
            {p.commitment && (
              <>
                <dt>{t("proposal.commitment")}</dt>
                <dd>
                  <Link to={paths.commitment(p.commitment.code)}>
                    {p.commitment.code} — {p.commitment.title}
                  </Link>
                </dd>
              </>
            )}
            {p.possible_lead && (
              <>
                <dt>{t("proposal.possibleLead")}</dt>
                <dd>{p.possible_lead}</dd>
              </>
            )}
          </dl>
        </div>
      </div>
      <Response p={p} />
      <DocumentsSection parent={{ kind: "proposal", key: String(p.id) }} />
      <BecameSection proposal={p} responder={responder && !merged} />
      {responder && !merged && (
        <div className="fr-mb-4w">
          <DraftResponseForm proposal={p} />
          <MergeForm proposal={p} />
        </div>
      )}
      <FeedLink path={`/proposals/${encodeURIComponent(String(p.id))}/comments.atom`} kind="comments" />
      <Discussion target={{ kind: "proposal", id: String(p.id) }} closed={merged} />
    </>
  );
}

/** The published response: its state, its reason and when; and the proposals merged into it. */
function Response({ p }: { p: Proposal }) {
  const { t, dateTime } = useI18n();
  const r = p.response;
  return (
    <section className="fr-mt-4w" aria-labelledby="response-title">
      <h2 id="response-title">{t("response.title")}</h2>
      {r.at == null ? (
        <p>{t("response.none")}</p>
      ) : (
        <div className="od-box" data-testid="response">
          <p className="fr-mb-1w">
            <ProposalStateBadge state={r.state} />
          </p>
          {r.reason_html && <SanitizedHtml html={r.reason_html} />}
          <p className="fr-text--xs fr-mb-0">
            <time dateTime={r.at}>{t("response.at", { date: dateTime(r.at) })}</time>
          </p>
        </div>
      )}
      {p.merged_from.length > 0 && (
        <>
          <p className="fr-mt-2w fr-mb-1w">{t("merged.from")}</p>
          <ul>
            {p.merged_from.map((m) => (
              <li key={m.id}>
                <Link to={paths.proposal(m.id)}>{m.title}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
