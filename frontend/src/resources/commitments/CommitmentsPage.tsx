// Commitments of the action plans, filtered (those without news for six months too), with their
// milestone progress.
import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Card } from "@codegouvfr/react-dsfr/Card";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { type CommitmentStatus } from "../../api/client";
import { Crumbs } from "../../components/Crumbs";
import { PageHeading } from "../../components/PageHeading";
import { ProgressBar } from "../progress/ProgressBar";
import { LoadMore, QueryState } from "../../components/QueryState";
import { CommitmentStatusBadge } from "../../components/StatusBadge";
import { useI18n } from "../../i18n";
import { useLangOf } from "../../components/lang";
import { actionPlanKeys, allActionPlans } from "../actionPlans/queries";
import { commitmentKeys, listCommitments } from "./queries";
import { paths } from "../../app/resources";
import { PlanCadence } from "../stakeholderForum/Cadence";
import { StaleBadge, useStaleLabels } from "./Stale";

const STATUSES: CommitmentStatus[] = ["active", "completed", "withdrawn", "unknown"];
const PAGE = 20;

type Filters = {
  action_plan: string;
  policy_area: string;
  status: CommitmentStatus | "";
  starred: boolean;
  stale: boolean;
  q: string;
};

export function useActionPlans() {
  return useQuery({ queryKey: actionPlanKeys.list, queryFn: allActionPlans, staleTime: 5 * 60_000 });
}

export default function CommitmentsPage() {
  const { t } = useI18n();
  const langOf = useLangOf();
  const [params, setParams] = useSearchParams();
  const filters: Filters = {
    action_plan: params.get("action_plan") ?? "",
    policy_area: params.get("policy_area") ?? "",
    status: (STATUSES as string[]).includes(params.get("status") ?? "")
      ? (params.get("status") as CommitmentStatus)
      : "",
    starred: params.get("starred") === "true",
    stale: params.get("stale") === "true",
    q: params.get("q") ?? "",
  };
  const query = useInfiniteQuery({
    queryKey: commitmentKeys.list(filters),
    queryFn: ({ pageParam }) =>
      listCommitments({
        action_plan: filters.action_plan || undefined,
        policy_area: filters.policy_area || undefined,
        status: filters.status || undefined,
        starred: filters.starred ? true : undefined,
        stale: filters.stale ? true : undefined,
        q: filters.q || undefined,
        limit: PAGE,
        cursor: pageParam,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  // The plan chosen, when it is being prepared: its concertation is where to take part.
  const plans = useActionPlans();
  const preparing = plans.data?.find((p) => p.slug === filters.action_plan && p.status === "in_preparation");
  // The plan chosen, when it is being implemented: whether the multi-stakeholder forum meets as OGP asks.
  const implementing = plans.data?.some((p) => p.slug === filters.action_plan && p.status === "in_implementation");

  function apply(f: Filters) {
    const sp = new URLSearchParams();
    if (f.action_plan) sp.set("action_plan", f.action_plan);
    if (f.policy_area) sp.set("policy_area", f.policy_area);
    if (f.status) sp.set("status", f.status);
    if (f.starred) sp.set("starred", "true");
    if (f.stale) sp.set("stale", "true");
    if (f.q) sp.set("q", f.q);
    setParams(sp);
  }

  return (
    <>
      <Crumbs current={t("commitments.title")} />
      <PageHeading title={t("commitments.title")} />
      <p className="fr-text--lead">{t("commitments.intro")}</p>
      <CommitmentFilters key={params.toString()} initial={filters} onApply={apply} />
      {preparing && (
        <p className="fr-callout fr-callout--green-emeraude">
          <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" to={paths.coCreation(preparing.slug)}>
            {t("plan.coCreation")} — <span {...langOf(preparing.lang)}>{preparing.title}</span>
          </Link>
        </p>
      )}
      {implementing && <PlanCadence />}
      <QueryState query={query} isEmpty={() => items.length === 0} empty={t("commitments.empty")}>
        {() => (
          <ul className="fr-grid-row fr-grid-row--gutters od-plain-list">
            {items.map((c) => (
              <li key={c.id} className="fr-col-12 fr-col-md-6">
                <Card
                  title={
                    <>
                      {c.code} — <span {...langOf(c.lang)}>{c.title}</span>
                    </>
                  }
                  titleAs="h2"
                  size="small"
                  linkProps={{ to: paths.commitment(c.code) }}
                  enlargeLink
                  detail={<span {...langOf(c.lang)}>{c.action_plan.title}</span>}
                  start={
                    <ul className="fr-badges-group">
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
                      {c.stale && (
                        <li>
                          <StaleBadge stale />
                        </li>
                      )}
                    </ul>
                  }
                  desc={c.summary ? <span {...langOf(c.lang)}>{c.summary}</span> : undefined}
                  end={
                    <ProgressBar
                      completed={c.milestone_progress.completed}
                      total={c.milestone_progress.total - c.milestone_progress.withdrawn}
                      percent={c.milestone_progress.percent_complete}
                    />
                  }
                />
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      <LoadMore
        hasMore={query.hasNextPage}
        loading={query.isFetchingNextPage}
        onClick={() => void query.fetchNextPage()}
        label={t("commitments.loadMore")}
      />
    </>
  );
}

function CommitmentFilters({ initial, onApply }: { initial: Filters; onApply: (f: Filters) => void }) {
  const { t } = useI18n();
  const stale = useStaleLabels();
  const [f, setF] = useState(initial);
  const plans = useActionPlans();
  const set = (patch: Partial<Filters>) => setF((prev) => ({ ...prev, ...patch }));
  function submit(e: FormEvent) {
    e.preventDefault();
    onApply({ ...f, policy_area: f.policy_area.trim(), q: f.q.trim() });
  }
  return (
    <form onSubmit={submit} className="od-filters fr-mb-4w" aria-labelledby="commitment-filters-title">
      <h2 id="commitment-filters-title" className="fr-h6 fr-mb-2w">
        {t("commitments.filters")}
      </h2>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6 fr-col-lg-3">
          <Select
            label={t("commitments.actionPlan")}
            nativeSelectProps={{
              name: "action_plan",
              value: f.action_plan,
              onChange: (e) => set({ action_plan: e.target.value }),
            }}
          >
            <option value="">{t("common.any")}</option>
            {(plans.data ?? []).map((p) => (
              <option key={p.id} value={p.slug}>
                {p.title}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-6 fr-col-lg-3">
          <Input
            label={t("commitments.policyArea")}
            hintText={t("commitments.policyAreaHint")}
            nativeInputProps={{
              name: "policy_area",
              value: f.policy_area,
              onChange: (e) => set({ policy_area: e.target.value }),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6 fr-col-lg-3">
          <Select
            label={t("commitments.status")}
            nativeSelectProps={{
              name: "status",
              value: f.status,
              onChange: (e) => set({ status: e.target.value as CommitmentStatus | "" }),
            }}
          >
            <option value="">{t("common.any")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.commitment.${s}`)}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-6 fr-col-lg-3">
          <Input
            label={t("commitments.search")}
            nativeInputProps={{ name: "q", type: "search", value: f.q, onChange: (e) => set({ q: e.target.value }) }}
          />
        </div>
      </div>
      <Checkbox
        className="fr-mt-2w"
        options={[
          {
            label: t("commitments.starred"),
            nativeInputProps: {
              name: "starred",
              checked: f.starred,
              onChange: (e) => set({ starred: e.target.checked }),
            },
          },
          {
            label: stale.label,
            hintText: stale.hint,
            nativeInputProps: {
              name: "stale",
              checked: f.stale,
              onChange: (e) => set({ stale: e.target.checked }),
            },
          },
        ]}
      />
      <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left">
        <li>
          <Button type="submit" iconPosition="left" iconId="fr-icon-filter-line">
            {t("commitments.apply")}
          </Button>
        </li>
        <li>
          <Button
            type="button"
            priority="secondary"
            onClick={() =>
              onApply({ action_plan: "", policy_area: "", status: "", starred: false, stale: false, q: "" })
            }
          >
            {t("commitments.reset")}
          </Button>
        </li>
      </ul>
    </form>
  );
}
