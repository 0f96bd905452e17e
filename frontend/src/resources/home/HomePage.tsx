// Home: the next forums, the latest discussions, and the action plans' progress at a glance (a
// plan in preparation leads to its concertation).
import { Link } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { Card } from "@codegouvfr/react-dsfr/Card";
import { ForumCard } from "../forums/ForumCard";
import { PageHeading } from "../../components/PageHeading";
import { ProgressBar } from "../progress/ProgressBar";
import { QueryState } from "../../components/QueryState";
import { PlanStatusBadge } from "../../components/StatusBadge";
import { DISCUSSION_ANCHOR, plainExcerpt, targetPath } from "../comments/targets";
import { useI18n } from "../../i18n";
import { useLangOf } from "../../components/lang";
import { MARK, within } from "../../components/lang";
import { actionPlanKeys, allActionPlans } from "../actionPlans/queries";
import { commentKeys, recentComments } from "../comments/queries";
import { forumKeys, listForums } from "../forums/queries";
import { paths } from "../../app/resources";

const LATEST = 3;

export function HomePage() {
  const { t } = useI18n();
  return (
    <>
      <div className="fr-mt-6w fr-mb-4w">
        <PageHeading title={t("home.title")}>{t("home.heading")}</PageHeading>
        <p className="fr-text--lead">{t("home.intro")}</p>
      </div>
      <NextForums />
      <LatestDiscussions />
      <PlansProgress />
    </>
  );
}

function NextForums() {
  const { t } = useI18n();
  const q = useQuery({
    queryKey: forumKeys.list({ when: "upcoming", limit: 3 }),
    queryFn: () => listForums({ when: "upcoming", limit: 3 }),
  });
  return (
    <section className="fr-mb-6w" aria-labelledby="home-next-forums">
      <h2 id="home-next-forums">{t("home.nextForums")}</h2>
      <QueryState query={q} isEmpty={(data) => data.items.length === 0} empty={t("home.noNextForums")}>
        {(data) => (
          <ul className="fr-grid-row fr-grid-row--gutters od-plain-list">
            {data.items.map((f) => (
              <li key={f.id} className="fr-col-12 fr-col-md-4">
                <ForumCard forum={f} />
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      <p className="fr-mt-2w">
        <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" to={paths.forums()}>
          {t("home.allForums")}
        </Link>
      </p>
    </section>
  );
}

/** The latest public comments across the site (the API's activity feed), newest first. */
function LatestDiscussions() {
  const { t, shortDateTime } = useI18n();
  const langOf = useLangOf();
  const q = useQuery({
    queryKey: commentKeys.recent(LATEST),
    queryFn: () => recentComments(LATEST),
  });
  return (
    <section className="fr-mb-6w" aria-labelledby="home-latest">
      <h2 id="home-latest">{t("home.latestDiscussions")}</h2>
      <QueryState query={q} isEmpty={(data) => data.items.length === 0} empty={t("home.noDiscussions")}>
        {(data) => (
          <ul className="fr-grid-row fr-grid-row--gutters od-plain-list">
            {data.items.map(({ comment, target_title, target_key, subject }) => (
              <li key={comment.id} className="fr-col-12 fr-col-md-4">
                <Card
                  title={within(
                    t("home.discussionOn", { title: MARK }),
                    <span {...langOf(subject.lang)}>{target_title}</span>,
                  )}
                  titleAs="h3"
                  size="small"
                  linkProps={{
                    to: { pathname: targetPath(comment.target.type, target_key), hash: `#${DISCUSSION_ANCHOR}` },
                  }}
                  enlargeLink
                  start={
                    <ul className="fr-tags-group">
                      <li>
                        <p className="fr-tag fr-tag--sm">{t(`target.${comment.target.type}`)}</p>
                      </li>
                    </ul>
                  }
                  desc={plainExcerpt(comment.body ?? "")}
                  detail={
                    <>
                      {`${comment.author?.display_name ?? t("discussion.anonymous")}\u00a0·\u00a0`}
                      <time dateTime={comment.created_at}>{shortDateTime(comment.created_at)}</time>
                    </>
                  }
                />
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}

function PlansProgress() {
  const { t, number } = useI18n();
  const langOf = useLangOf();
  const plans = useQuery({
    queryKey: actionPlanKeys.list,
    queryFn: allActionPlans,
  });
  const items = [...(plans.data ?? [])].sort((a, b) => b.period_start - a.period_start);

  return (
    <section className="fr-mb-6w" aria-labelledby="home-plans">
      <h2 id="home-plans">{t("home.plansProgress")}</h2>
      <QueryState query={plans} isEmpty={() => items.length === 0} empty={t("home.noPlans")}>
        {() => (
          <ul className="fr-grid-row fr-grid-row--gutters od-plain-list">
            {items.map((plan) => {
              const p = plan.milestone_progress;
              // A plan in preparation is made with the public: its card leads to its concertation.
              const preparing = plan.status === "in_preparation";
              return (
                <li key={plan.id} className="fr-col-12 fr-col-md-6">
                  <div className="fr-card fr-card--no-arrow fr-enlarge-link od-plan">
                    <div className="fr-card__body">
                      <div className="fr-card__content">
                        <h3 className="fr-card__title">
                          <Link
                            to={preparing ? paths.coCreation(plan.slug) : paths.commitments({ action_plan: plan.slug })}
                            {...langOf(plan.lang)}
                          >
                            {plan.title}
                          </Link>
                        </h3>
                        <div className="fr-card__desc">
                          <p className="fr-mb-1w">
                            <PlanStatusBadge status={plan.status} />
                          </p>
                          {preparing && <p className="fr-mb-1w fr-text--bold">{t("plan.coCreation")}</p>}
                          <p className="fr-mb-2w">
                            {t("home.planSummary", { commitments: number(plan.commitment_count) })}
                          </p>
                          <ProgressBar
                            completed={p.completed}
                            total={p.total - p.withdrawn}
                            percent={p.percent_complete}
                            label={plan.title}
                          />
                        </div>
                      </div>
                    </div>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </QueryState>
      <p className="fr-mt-2w">
        <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" to={paths.commitments()}>
          {t("home.allCommitments")}
        </Link>
      </p>
    </section>
  );
}
