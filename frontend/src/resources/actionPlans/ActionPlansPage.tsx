// Admins: the national action plans (list, create, edit, delete an empty one).
import { useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import type { ActionPlan } from "../../api/client";
import {
  actionPlanKeys,
  allActionPlans,
  createActionPlan,
  deleteActionPlan,
  getActionPlan,
  updateActionPlan,
} from "./queries";
import { AdminFormLoading, AdminFormShell } from "../../components/AdminFormShell";
import { Crumbs } from "../../components/Crumbs";
import { missingFields, useFieldState } from "../../components/forms";
import { useLangOf } from "../../components/lang";
import { PageHeading } from "../../components/PageHeading";
import { QueryState } from "../../components/QueryState";
import { useI18n } from "../../i18n";
import { LangSelect, RemovedNotice, type Removed } from "../../admin/shared";
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
                })}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </>
  );
}

export function ActionPlanForm() {
  const { slug } = useParams();
  const { t } = useI18n();
  const existing = useQuery({
    queryKey: actionPlanKeys.one(slug ?? ""),
    queryFn: () => getActionPlan(slug!),
    enabled: !!slug,
  });
  const title = slug ? t("admin.plans.edit") : t("admin.plans.new");
  if (slug && (existing.isPending || existing.isError))
    return <AdminFormLoading title={title} error={existing.error} />;
  return <Body key={slug ?? "new"} plan={slug ? existing.data : undefined} title={title} />;
}

function Body({ plan, title }: { plan?: ActionPlan; title: string }) {
  const { t } = useI18n();
  const fieldState = useFieldState();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [f, setF] = useState({
    slug: plan?.slug ?? "",
    country: plan?.country ?? "France",
    title: plan?.title ?? "",
    period_start: plan ? String(plan.period_start) : "",
    period_end: plan ? String(plan.period_end) : "",
    description: plan?.description ?? "",
    lang: plan?.lang ?? "fr",
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF((prev) => ({ ...prev, [k]: e.target.value }));
  const save = useMutation({
    mutationFn: () => {
      const missing = missingFields(
        { slug: f.slug, country: f.country, title: f.title, period_start: f.period_start, period_end: f.period_end },
        t("common.required"),
        t("common.invalidForm"),
      );
      if (missing) throw missing;
      const body = {
        slug: f.slug.trim(),
        country: f.country.trim(),
        title: f.title.trim(),
        period_start: Number(f.period_start),
        period_end: Number(f.period_end),
        description: f.description.trim() || null,
        lang: f.lang,
      };
      return plan ? updateActionPlan(plan.slug, body) : createActionPlan(body);
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: actionPlanKeys.all });
      void navigate(paths.actionPlans());
    },
  });
  async function remove() {
    await deleteActionPlan(plan!.slug);
    await qc.invalidateQueries({ queryKey: actionPlanKeys.all });
    const removed: Removed = { title: plan!.title, archived: false };
    void navigate(paths.actionPlans(), { state: { removed } });
  }
  const err = save.error;
  return (
    <AdminFormShell
      title={title}
      crumbs={[{ label: t("admin.plans"), to: paths.actionPlans() }]}
      error={save.isError ? err : null}
      saving={save.isPending}
      onSubmit={() => save.mutate()}
      deletion={
        plan
          ? { consequences: t("admin.delete.plan"), confirmLabel: t("admin.delete.planButton"), run: remove }
          : undefined
      }
    >
      <Input
        label={t("admin.plans.title")}
        {...fieldState(err, "title")}
        nativeInputProps={{ name: "title", required: true, value: f.title, onChange: set("title") }}
      />
      <Input
        label={t("admin.plans.slug")}
        hintText={t("admin.forum.slugHint")}
        {...fieldState(err, "slug")}
        nativeInputProps={{ name: "slug", required: true, value: f.slug, onChange: set("slug") }}
      />
      <Input
        label={t("admin.plans.country")}
        {...fieldState(err, "country")}
        nativeInputProps={{ name: "country", required: true, value: f.country, onChange: set("country") }}
      />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label={t("admin.plans.start")}
            {...fieldState(err, "period_start")}
            nativeInputProps={{
              type: "number",
              min: 1990,
              max: 2100,
              name: "period_start",
              required: true,
              value: f.period_start,
              onChange: set("period_start"),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label={t("admin.plans.end")}
            {...fieldState(err, "period_end")}
            nativeInputProps={{
              type: "number",
              min: 1990,
              max: 2100,
              name: "period_end",
              required: true,
              value: f.period_end,
              onChange: set("period_end"),
            }}
          />
        </div>
      </div>
      <Input
        textArea
        label={t("common.optional", { label: t("admin.plans.description") })}
        hintText={t("admin.forum.descriptionHint")}
        {...fieldState(err, "description")}
        nativeTextAreaProps={{ name: "description", rows: 4, value: f.description, onChange: set("description") }}
      />
      <LangSelect value={f.lang} onChange={(lang) => setF((prev) => ({ ...prev, lang }))} />
    </AdminFormShell>
  );
}
