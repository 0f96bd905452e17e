// Admins create, edit or delete (when empty) a national action plan: its status (in preparation:
// its co-creation is open) and the institution that coordinates it and answers its proposals.
import { Link, useNavigate, useParams } from "react-router";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { ActionPlan, Schemas } from "../../api/client";
import {
  actionPlanKeys,
  createActionPlan,
  deleteActionPlan,
  getActionPlan,
  updateActionPlan,
  type NewActionPlan,
} from "./queries";
import { commitmentKeys } from "../commitments/queries";
import { allInstitutions, institutionKeys } from "../institutions/queries";
import { ProblemAlert } from "../../components/QueryState";
import { AdminFormShell, EditRecord } from "../../components/adminForm/AdminFormShell";
import { requiredBy, useAdminForm } from "../../components/adminForm/useAdminForm";
import { useI18n } from "../../i18n";
import { LangSelect, type Removed } from "../../admin/shared";
import { paths } from "../../app/resources";
import { coCreationKeys } from "../coCreation/queries";

const REQUIRED = requiredBy<NewActionPlan>()("slug", "country", "title", "period_start", "period_end");
const STATUSES: Schemas["PlanStatus"][] = ["in_preparation", "in_implementation", "completed"];

export function ActionPlanForm() {
  const { slug } = useParams();
  const { t } = useI18n();
  const title = slug ? t("admin.plans.edit") : t("admin.plans.new");
  return (
    <EditRecord id={slug} title={title} queryKey={actionPlanKeys.one(slug ?? "")} load={getActionPlan}>
      {(plan) => <Body plan={plan} title={title} />}
    </EditRecord>
  );
}

function Body({ plan, title }: { plan?: ActionPlan; title: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const institutions = useQuery({ queryKey: institutionKeys.options, queryFn: allInstitutions });
  const form = useAdminForm({
    initial: {
      slug: plan?.slug ?? "",
      country: plan?.country ?? "France",
      title: plan?.title ?? "",
      period_start: plan ? String(plan.period_start) : "",
      period_end: plan ? String(plan.period_end) : "",
      description: plan?.description ?? "",
      lang: plan?.lang ?? "fr",
      status: plan?.status ?? "in_implementation",
      coordinating_institution_id: plan?.coordinating_institution ? String(plan.coordinating_institution.id) : "",
    },
    required: REQUIRED,
    save: (f) => {
      const body = {
        slug: f.slug.trim(),
        country: f.country.trim(),
        title: f.title.trim(),
        period_start: Number(f.period_start),
        period_end: Number(f.period_end),
        description: f.description.trim() || null,
        lang: f.lang,
        status: f.status,
        // `null` clears it (on a change) or leaves none (a new plan).
        coordinating_institution_id: f.coordinating_institution_id ? Number(f.coordinating_institution_id) : null,
      };
      return plan ? updateActionPlan(plan.slug, body) : createActionPlan(body);
    },
    // Commitment pages and filters name their plan.
    invalidate: [actionPlanKeys.all, commitmentKeys.all, coCreationKeys.all],
    then: () => paths.actionPlans(),
  });
  async function remove() {
    await deleteActionPlan(plan!.slug);
    await qc.invalidateQueries({ queryKey: actionPlanKeys.all });
    const removed: Removed = { title: plan!.title, archived: false };
    void navigate(paths.actionPlans(), { state: { removed } });
  }
  const year = { type: "number", min: 1990, max: 2100 };
  return (
    <AdminFormShell
      title={title}
      crumbs={[{ label: t("admin.plans"), to: paths.actionPlans() }]}
      error={form.error}
      links={form.links}
      saving={form.saving}
      onSubmit={form.submit}
      deletion={
        plan
          ? { consequences: t("admin.delete.plan"), confirmLabel: t("admin.delete.planButton"), run: remove }
          : undefined
      }
    >
      <Input {...form.input("title", t("admin.plans.title"))} />
      <Input {...form.input("slug", t("admin.plans.slug"))} hintText={t("admin.forum.slugHint")} />
      <Input {...form.input("country", t("admin.plans.country"))} />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input {...form.input("period_start", t("admin.plans.start"), year)} />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input {...form.input("period_end", t("admin.plans.end"), year)} />
        </div>
      </div>
      <Input
        {...form.textArea("description", t("common.optional", { label: t("admin.plans.description") }))}
        hintText={t("admin.forum.descriptionHint")}
      />
      <LangSelect value={form.fields.lang} onChange={(lang) => form.change({ lang })} />
      <Select {...form.select("status", t("admin.plans.status"))} hint={t("admin.plans.statusHint")}>
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`status.plan.${s}`)}
          </option>
        ))}
      </Select>
      {institutions.isError ? (
        <ProblemAlert error={institutions.error} onRetry={() => void institutions.refetch()} />
      ) : (
        <Select
          {...form.select(
            "coordinating_institution_id",
            t("common.optional", { label: t("admin.plans.coordinator") }),
            { disabled: institutions.isPending },
          )}
          hint={t("admin.plans.coordinatorHint")}
        >
          <option value="">{t("institutions.none")}</option>
          {(institutions.data ?? []).map((i) => (
            <option key={i.id} value={String(i.id)}>
              {i.name}
            </option>
          ))}
        </Select>
      )}
      {plan && (
        <p>
          <Link className="fr-link fr-icon-calendar-line fr-link--icon-left" to={paths.editTimeline(plan.slug)}>
            {t("admin.plans.timeline")}
          </Link>
        </p>
      )}
    </AdminFormShell>
  );
}
