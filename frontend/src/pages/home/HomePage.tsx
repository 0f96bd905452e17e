// Home: the next forums, the latest discussions, and the action plans' progress at a glance.
import { Link } from "react-router";
import { useQueries, useQuery } from "@tanstack/react-query";
import { Card } from "@codegouvfr/react-dsfr/Card";
import { api, unwrap, type Comment, type Forum } from "../../api/client";
import { ForumCard } from "../../components/ForumCard";
import { PageHeading } from "../../components/PageHeading";
import { ProgressBar } from "../../components/ProgressBar";
import { Empty, Loading, ProblemAlert } from "../../components/QueryState";
import { useI18n } from "../../i18n";

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
    queryKey: ["forums", "list", { when: "upcoming", limit: 3 }],
    queryFn: () => unwrap(api.GET("/api/v1/forums", { params: { query: { when: "upcoming", limit: 3 } } })),
  });
  return (
    <section className="fr-mb-6w" aria-labelledby="home-next-forums">
      <h2 id="home-next-forums">{t("home.nextForums")}</h2>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ProblemAlert error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <Empty>{t("home.noNextForums")}</Empty>
      ) : (
        <ul className="fr-grid-row fr-grid-row--gutters od-plain-list">
          {q.data.items.map((f) => (
            <li key={f.id} className="fr-col-12 fr-col-md-4">
              <ForumCard forum={f} />
            </li>
          ))}
        </ul>
      )}
      <p className="fr-mt-2w">
        <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" to="/forums">
          {t("home.allForums")}
        </Link>
      </p>
    </section>
  );
}

/** Plain text of a comment for an excerpt (markdown markers dropped, never HTML). */
function excerpt(body: string, max = 180): string {
  const text = body.replace(/[*_`>#]/g, "").replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/\s+/g, " ").trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

// The API has no "latest comments across the site" list: the latest thread of each forum shown
// on the home page (the next ones and the latest past ones) stands in for it.
function LatestDiscussions() {
  const { t, shortDateTime } = useI18n();
  const forums = useQueries({
    queries: (["upcoming", "past"] as const).map((when) => ({
      queryKey: ["forums", "list", { when, limit: 3 }],
      queryFn: () => unwrap(api.GET("/api/v1/forums", { params: { query: { when, limit: 3 } } })),
    })),
  });
  const list: Forum[] = forums.flatMap((q) => q.data?.items ?? []);
  const comments = useQueries({
    queries: list.map((f) => ({
      queryKey: ["comments", "forum", f.slug, "latest"],
      queryFn: () =>
        unwrap(api.GET("/api/v1/forums/{id}/comments", { params: { path: { id: f.slug }, query: { limit: 1, replies: 0 } } })),
    })),
  });
  const pending = forums.some((q) => q.isPending) || comments.some((q) => q.isPending);
  const error = [...forums, ...comments].find((q) => q.isError)?.error;
  const latest: { forum: Forum; comment: Comment }[] = comments
    .flatMap((q, i) => (q.data?.items ?? []).map((comment) => ({ forum: list[i], comment })))
    .filter((x) => x.comment.state === "visible" && x.comment.body)
    .sort((a, b) => b.comment.created_at.localeCompare(a.comment.created_at))
    .slice(0, 3);

  return (
    <section className="fr-mb-6w" aria-labelledby="home-latest">
      <h2 id="home-latest">{t("home.latestDiscussions")}</h2>
      {pending ? (
        <Loading />
      ) : error ? (
        <ProblemAlert error={error} />
      ) : latest.length === 0 ? (
        <Empty>{t("home.noDiscussions")}</Empty>
      ) : (
        <ul className="fr-grid-row fr-grid-row--gutters od-plain-list">
          {latest.map(({ forum, comment }) => (
            <li key={comment.id} className="fr-col-12 fr-col-md-4">
              <Card
                title={t("home.discussionOn", { title: forum.title })}
                titleAs="h3"
                size="small"
                linkProps={{ to: { pathname: `/forums/${forum.slug}`, hash: "#discussion" } }}
                enlargeLink
                desc={excerpt(comment.body ?? "")}
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
    </section>
  );
}

function PlansProgress() {
  const { t, number } = useI18n();
  const plans = useQuery({
    queryKey: ["action-plans", "list"],
    queryFn: () => unwrap(api.GET("/api/v1/action-plans", { params: { query: { limit: 20 } } })),
  });
  const commitments = useQueries({
    queries: (plans.data?.items ?? []).map((p) => ({
      queryKey: ["commitments", "list", { action_plan: p.slug, limit: 100 }],
      queryFn: () => unwrap(api.GET("/api/v1/commitments", { params: { query: { action_plan: p.slug, limit: 100 } } })),
    })),
  });
  const pending = plans.isPending || commitments.some((q) => q.isPending);
  const error = plans.error ?? commitments.find((q) => q.isError)?.error;
  const items = [...(plans.data?.items ?? [])].sort((a, b) => b.period_start - a.period_start);

  return (
    <section className="fr-mb-6w" aria-labelledby="home-plans">
      <h2 id="home-plans">{t("home.plansProgress")}</h2>
      {pending ? (
        <Loading />
      ) : error ? (
        <ProblemAlert error={error} />
      ) : items.length === 0 ? (
        <Empty>{t("home.noPlans")}</Empty>
      ) : (
        <ul className="fr-grid-row fr-grid-row--gutters od-plain-list">
          {items.map((plan) => {
            const idx = plans.data!.items.indexOf(plan);
            const list = commitments[idx]?.data?.items ?? [];
            const sum = (k: "completed" | "total" | "withdrawn") => list.reduce((n, c) => n + c.milestone_progress[k], 0);
            const completed = sum("completed");
            const counted = sum("total") - sum("withdrawn");
            const percent = counted > 0 ? Math.round((completed * 100) / counted) : 0;
            return (
              <li key={plan.id} className="fr-col-12 fr-col-md-6">
                <div className="fr-card fr-card--no-arrow fr-enlarge-link od-plan">
                  <div className="fr-card__body">
                    <div className="fr-card__content">
                      <h3 className="fr-card__title">
                        <Link to={`/engagements?action_plan=${encodeURIComponent(plan.slug)}`}>{plan.title}</Link>
                      </h3>
                      <div className="fr-card__desc">
                        <p className="fr-mb-2w">
                          {t("home.planSummary", { commitments: number(list.length) })}
                        </p>
                        <ProgressBar completed={completed} total={counted} percent={percent} label={plan.title} />
                      </div>
                    </div>
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <p className="fr-mt-2w">
        <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" to="/engagements">
          {t("home.allCommitments")}
        </Link>
      </p>
    </section>
  );
}
