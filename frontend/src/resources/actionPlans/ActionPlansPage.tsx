// Admins: the national action plans, listed (their form is ./ActionPlanForm.tsx).
import { Link, useLocation } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { actionPlanKeys, allActionPlans } from "./queries";
import { Crumbs } from "../../components/Crumbs";
import { useLangOf } from "../../components/lang";
import { PageHeading } from "../../components/PageHeading";
import { QueryState } from "../../components/QueryState";
import { PlanStatusBadge } from "../../components/StatusBadge";
import { useI18n } from "../../i18n";
import { RemovedNotice, type Removed } from "../../admin/shared";
import { paths } from "../../app/resources";

export function ActionPlansPage() {
  const { t, number } = useI18n();
  const langOf = useLangOf();
  const location = useLocation();
  const plans = useQuery({ queryKey: actionPlanKeys.list, queryFn: allActionPlans });
  return (
    <>
      <Crumbs segments={[{ label: t("admin.title"), to: paths.admin() }]} current={t("admin.plans")} />
      <PageHeading title={t("admin.plans")} />
      <RemovedNotice removed={(location.state as { removed?: Removed } | null)?.removed} />
      <Button iconPosition="left" iconId="fr-icon-add-line" linkProps={{ to: paths.newActionPlan() }}>
        {t("admin.plans.new")}
      </Button>
      <QueryState query={plans} isEmpty={(data) => data.length === 0} empty={t("admin.plans.empty")}>
        {(data) => (
          <ul className="fr-mt-3w">
            {data.map((p) => (
              <li key={p.id}>
                <Link to={paths.editActionPlan(p.slug)}>
                  <span {...langOf(p.lang)}>{p.title}</span>
                </Link>{" "}
                —{" "}
                {t("admin.plans.summary", {
                  start: p.period_start,
                  end: p.period_end,
                  count: number(p.commitment_count),
                })}{" "}
                <PlanStatusBadge status={p.status} />
                {p.status === "in_preparation" && (
                  <>
                    {" "}
                    —{" "}
                    <Link to={paths.editTimeline(p.slug)}>
                      {t("admin.plans.timeline")} <span className="fr-sr-only">— {p.title}</span>
                    </Link>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </>
  );
}
