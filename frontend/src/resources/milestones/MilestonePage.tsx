// One milestone of a commitment: its documents, its progress log, its discussion.
import { Link, useParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { canEditContent, useSession } from "../../auth/session";
import { Crumbs } from "../../components/Crumbs";
import { ArchivedNotice } from "../../components/ArchivedNotice";
import { Discussion } from "../comments/Discussion";
import { RelatedActions } from "../actions/ActionItems";
import { useDueText } from "./MilestoneTimeline";
import { PageHeading } from "../../components/PageHeading";
import { FollowButton } from "../notifications/FollowButton";
import { CompletionBadge, MilestoneProgressLog } from "../progress/Progress";
import { MilestoneQuestions } from "../questions/Questions";
import { QueryState, useStateTitle } from "../../components/QueryState";
import { SanitizedHtml } from "../../components/SanitizedHtml";
import { MilestoneStatusBadge } from "../../components/StatusBadge";
import { useI18n } from "../../i18n";
import { useLangOf } from "../../components/lang";
import { getMilestone, milestoneKeys } from "./queries";
import { paths } from "../../app/resources";
import { FeedLink } from "../../components/FeedLink";
import { DocumentsSection } from "../documents/Documents";

export default function MilestonePage() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const langOf = useLangOf();
  const { user } = useSession();
  const due = useDueText();
  const numeric = Number(id);
  const q = useQuery({
    queryKey: milestoneKeys.one(numeric),
    queryFn: () => getMilestone(numeric),
    enabled: Number.isInteger(numeric) && numeric > 0,
  });
  const crumbs = [{ label: t("commitments.title"), to: paths.commitments() }];

  const stateTitle = useStateTitle();
  if (!Number.isInteger(numeric) || numeric <= 0 || q.isPending || q.isError) {
    const invalid = !Number.isInteger(numeric) || numeric <= 0;
    return (
      <>
        <Crumbs segments={crumbs} current={id} />
        <PageHeading title={stateTitle(!invalid && q.isPending, invalid ? null : q.error)} />
        {invalid ? <p>{t("notFound.text")}</p> : <QueryState query={q} />}
      </>
    );
  }
  const m = q.data;
  const heading = t("milestone.title", { code: m.code });
  return (
    <>
      <Crumbs
        segments={[...crumbs, { label: m.commitment_code, to: paths.commitment(m.commitment_code) }]}
        current={heading}
      />
      <div className="od-title-row">
        <PageHeading title={`${heading} — ${m.title}`}>
          {heading} — <span {...langOf(m.lang)}>{m.title}</span>
        </PageHeading>
        <FollowButton kind="milestone" subjectKey={String(m.id)} />
        {canEditContent(user?.role) && (
          <Button
            priority="secondary"
            iconPosition="left"
            iconId="fr-icon-edit-line"
            linkProps={{ to: paths.editMilestone(m.id) }}
          >
            {t("milestone.edit")}
          </Button>
        )}
      </div>
      <ArchivedNotice archivedAt={m.archived_at} kind="milestone" />
      <dl className="od-dl od-dl--grid fr-mb-4w">
        <dt>{t("milestone.commitment")}</dt>
        <dd>
          <Link to={paths.commitment(m.commitment_code)}>{m.commitment_code}</Link>
        </dd>
        <dt>{t("milestone.status")}</dt>
        <dd>
          <MilestoneStatusBadge status={m.status} />
        </dd>
        <dt>{t("progress.milestones.completion")}</dt>
        <dd>
          <CompletionBadge level={m.completion} />
        </dd>
        <dt>{t("milestone.due")}</dt>
        <dd>{due(m) ?? t("milestone.noDue")}</dd>
      </dl>
      <h2>{t("milestone.description")}</h2>
      {m.description_html ? (
        <div {...langOf(m.lang)}>
          <SanitizedHtml html={m.description_html} />
        </div>
      ) : (
        <p>{t("milestone.noDescription")}</p>
      )}
      <DocumentsSection parent={{ kind: "milestone", key: String(m.id) }} closed={!!m.archived_at} />
      <MilestoneProgressLog milestoneId={m.id} commitmentCode={m.commitment_code} closed={!!m.archived_at} />
      <MilestoneQuestions
        milestoneId={m.id}
        commitmentCode={m.commitment_code}
        closed={!!m.archived_at || m.status === "withdrawn"}
      />
      <RelatedActions filters={{ milestone: m.id }} />
      <FeedLink path={`/milestones/${encodeURIComponent(String(m.id))}/comments.atom`} kind="comments" />
      <Discussion target={{ kind: "milestone", id: String(m.id) }} closed={!!m.archived_at} />
    </>
  );
}
