// One commitment: what it promised (flagged when it had no news for six months), the co-creation
// proposals it came from, who carries it, the IRM's review, its milestones as a timeline, its
// documents, the forums that worked on it, and its discussion.
import { Link, useParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Tag } from "@codegouvfr/react-dsfr/Tag";
import { type Commitment } from "../../api/client";
import { canEditContent, useSession } from "../../auth/session";
import { Crumbs } from "../../components/Crumbs";
import { ArchivedNotice } from "../../components/ArchivedNotice";
import { Discussion } from "../comments/Discussion";
import { RelatedActions } from "../actions/ActionItems";
import { MilestoneTimeline } from "../milestones/MilestoneTimeline";
import { PageHeading } from "../../components/PageHeading";
import { FollowButton } from "../notifications/FollowButton";
import { ProgressBar } from "../progress/ProgressBar";
import { CommitmentProgressSection } from "../progress/Progress";
import { FromProposals } from "../coCreation/FromProposals";
import { QuestionsSection } from "../questions/Questions";
import { Empty, QueryState, useStateTitle } from "../../components/QueryState";
import { SanitizedHtml } from "../../components/SanitizedHtml";
import { useCanonicalPath } from "../../components/useCanonicalPath";
import { CommitmentStatusBadge } from "../../components/StatusBadge";
import { useI18n } from "../../i18n";
import { useLangOf } from "../../components/lang";
import { commitmentKeys, getCommitment } from "./queries";
import { forumKeys, listForums } from "../forums/queries";
import { wholeList } from "../../api/lists";
import { paths } from "../../app/resources";
import { FeedLink } from "../../components/FeedLink";
import { StaleNotice } from "./Stale";
import { DocumentsSection } from "../documents/Documents";

export default function CommitmentPage() {
  const { code = "" } = useParams();
  const { t } = useI18n();
  const langOf = useLangOf();
  const { user } = useSession();
  const q = useQuery({
    queryKey: commitmentKeys.one(code),
    queryFn: () => getCommitment(code),
  });
  useCanonicalPath(
    code,
    q.data && {
      key: q.data.code,
      path: paths.commitment(q.data.code),
      queryKey: commitmentKeys.one(q.data.code),
      data: q.data,
    },
  );
  const crumbs = [{ label: t("commitments.title"), to: paths.commitments() }];

  const stateTitle = useStateTitle();
  if (q.isPending || q.isError) {
    return (
      <>
        <Crumbs segments={crumbs} current={code} />
        <PageHeading title={stateTitle(q.isPending, q.error)} />
        <QueryState query={q} />
      </>
    );
  }
  const c = q.data;
  const p = c.milestone_progress;
  return (
    <>
      <Crumbs segments={crumbs} current={c.code} />
      <div className="od-title-row">
        <PageHeading title={`${c.code} — ${c.title}`}>
          {c.code} — <span {...langOf(c.lang)}>{c.title}</span>
        </PageHeading>
        <FollowButton kind="commitment" subjectKey={c.code} />
        {canEditContent(user?.role) && (
          <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left">
            <li>
              <Button
                priority="secondary"
                iconPosition="left"
                iconId="fr-icon-edit-line"
                linkProps={{ to: paths.editCommitment(c.code) }}
              >
                {t("commitment.edit")}
              </Button>
            </li>
            <li>
              <Button
                priority="secondary"
                iconPosition="left"
                iconId="fr-icon-add-line"
                linkProps={{ to: paths.newMilestone(c.code) }}
              >
                {t("commitment.addMilestone")}
              </Button>
            </li>
          </ul>
        )}
      </div>
      <ArchivedNotice archivedAt={c.archived_at} kind="commitment" />
      <ul className="fr-badges-group fr-mb-2w">
        <li>
          <CommitmentStatusBadge status={c.status} />
        </li>
        {c.starred && (
          <li>
            <Badge small severity="new" as="span">
              {t("commitments.starredBadge")}
            </Badge>
          </li>
        )}
      </ul>
      <StaleNotice stale={c.stale} lastUpdateAt={c.last_update_at} />
      {c.summary && (
        <p className="fr-text--lead" {...langOf(c.lang)}>
          {c.summary}
        </p>
      )}
      <ProgressBar completed={p.completed} total={p.total - p.withdrawn} percent={p.percent_complete} />

      <div className="fr-grid-row fr-grid-row--gutters fr-mt-2w">
        <div className="fr-col-12 fr-col-md-8">
          <h2>{t("commitment.description")}</h2>
          {c.description_html ? (
            <div {...langOf(c.lang)}>
              <SanitizedHtml html={c.description_html} />
            </div>
          ) : (
            <p>{t("commitment.noDescription")}</p>
          )}
          {c.ambitions.length > 0 && (
            <>
              <h2>{t("commitment.ambitions")}</h2>
              <ul>
                {c.ambitions.map((a) => (
                  <li key={a}>{a}</li>
                ))}
              </ul>
            </>
          )}
          <FromProposals proposals={c.from_proposals} />
          <section aria-labelledby="milestones-title">
            <h2 id="milestones-title">{t("commitment.milestones")}</h2>
            {c.milestones && c.milestones.length > 0 ? (
              <MilestoneTimeline milestones={c.milestones} />
            ) : (
              <Empty>{t("commitment.noMilestones")}</Empty>
            )}
          </section>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Facts c={c} />
        </div>
      </div>
      <CommitmentProgressSection code={c.code} />
      <FeedLink path={`/commitments/${encodeURIComponent(c.code)}/progress.atom`} kind="progress" />
      <DocumentsSection parent={{ kind: "commitment", key: c.code }} closed={!!c.archived_at} />
      <QuestionsSection
        about={{ kind: "commitment", key: c.code }}
        query={{ commitment: c.code, limit: 50 }}
        institution={c.institutions?.lead ?? null}
        closed={!!c.archived_at || c.status === "withdrawn"}
      />
      <Irm c={c} />
      <RelatedForums code={c.code} />
      <RelatedActions filters={{ commitment: c.code }} />
      <FeedLink path={`/commitments/${encodeURIComponent(c.code)}/comments.atom`} kind="comments" />
      <Discussion target={{ kind: "commitment", id: c.code }} closed={!!c.archived_at} />
    </>
  );
}

function Facts({ c }: { c: Commitment }) {
  const { t } = useI18n();
  const langOf = useLangOf();
  const period = [c.start_year, c.end_year].filter((y) => y != null).join("–");
  return (
    <section className="od-box" aria-labelledby="facts-title">
      <h2 id="facts-title" className="fr-h5">
        {t("commitment.institutions")}
      </h2>
      <dl className="od-dl">
        <dt>{t("commitment.actionPlan")}</dt>
        <dd {...langOf(c.lang)}>{c.action_plan.title}</dd>
        {period && (
          <>
            <dt>{t("commitment.period")}</dt>
            <dd>{period}</dd>
          </>
        )}
        {c.institutions?.lead && (
          <>
            <dt>{t("commitment.lead")}</dt>
            <dd>
              <Link to={paths.institution(c.institutions.lead.slug)} {...langOf(c.lang)}>
                {c.institutions.lead.name}
              </Link>
            </dd>
          </>
        )}
        {c.institutions && c.institutions.support.length > 0 && (
          <>
            <dt>{t("commitment.support")}</dt>
            <dd>
              <ul className="od-compact-list">
                {c.institutions.support.map((s) => (
                  <li key={s.id}>
                    {/* Named in the commitment's text, in its language (the OGP's: English). */}
                    <Link to={paths.institution(s.slug)} {...langOf(c.lang)}>
                      {s.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {c.policy_areas.length > 0 && (
          <>
            <dt>{t("commitment.policyAreas")}</dt>
            <dd>
              <ul className="fr-tags-group">
                {c.policy_areas.map((a) => (
                  <li key={a}>
                    <Tag small linkProps={{ to: paths.commitments({ policy_area: a }), ...langOf(c.lang) }}>
                      {a}
                    </Tag>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {c.ogp_principles.length > 0 && (
          <>
            <dt>{t("commitment.principles")}</dt>
            <dd {...langOf(c.lang)}>{c.ogp_principles.join(", ")}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

function Irm({ c }: { c: Commitment }) {
  const { t } = useI18n();
  const irm = c.irm;
  const langOf = useLangOf();
  // The IRM's words are the OGP's, in the commitment's language; "not published" is ours.
  const value = (v: string | null | undefined) =>
    v ? <dd {...langOf(c.lang)}>{v}</dd> : <dd>{t("common.notPublished")}</dd>;
  return (
    <section className="fr-mt-4w" aria-labelledby="irm-title">
      <h2 id="irm-title">{t("commitment.irm")}</h2>
      <dl className="od-dl od-dl--grid">
        <dt>{t("commitment.irm.report")}</dt>
        {value(irm.report)}
        <dt>{t("commitment.irm.starred")}</dt>
        {value(irm.starred)}
        <dt>{t("commitment.irm.verifiable")}</dt>
        <dd>{irm.verifiable == null ? t("common.notPublished") : t(irm.verifiable ? "common.yes" : "common.no")}</dd>
        <dt>{t("commitment.irm.relevance")}</dt>
        {value(irm.relevance?.join(", "))}
        <dt>{t("commitment.irm.potential_impact")}</dt>
        {value(irm.potential_impact)}
        <dt>{t("commitment.irm.completion")}</dt>
        {value(irm.completion)}
        <dt>{t("commitment.irm.early_results")}</dt>
        {value(irm.early_results)}
      </dl>
      {irm.analysis_html && (
        <>
          <h3>{t("commitment.irm.analysis")}</h3>
          <div {...langOf(c.lang)}>
            <SanitizedHtml html={irm.analysis_html} />
          </div>
        </>
      )}
    </section>
  );
}

function RelatedForums({ code }: { code: string }) {
  const { t, date } = useI18n();
  const langOf = useLangOf();
  const q = useQuery({
    queryKey: forumKeys.list({ commitment: code, all: true }),
    queryFn: () => wholeList((cursor) => listForums({ commitment: code, limit: 100, cursor })),
  });
  return (
    <section className="fr-mt-4w" aria-labelledby="related-forums">
      <h2 id="related-forums">{t("commitment.forums")}</h2>
      <QueryState query={q} isEmpty={(data) => data.items.length === 0} empty={<p>{t("commitment.noForums")}</p>}>
        {(data) => (
          <ul>
            {data.items.map((f) => (
              <li key={f.id}>
                <Link to={paths.forum(f.slug)} {...langOf(f.lang)}>
                  {f.title}
                </Link>{" "}
                — <time dateTime={f.starts_at}>{date(f.starts_at)}</time>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
