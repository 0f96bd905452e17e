// Create a milestone for a commitment, or edit one. Its status is set at creation; afterwards it
// changes only through the progress log (the milestone's page).
import { Link, useNavigate, useParams } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { Milestone, MilestoneStatus } from "../../api/client";
import { commitmentKeys } from "../commitments/queries";
import {
  createMilestone,
  deleteMilestone,
  getMilestone,
  milestoneKeys,
  updateMilestone,
  type NewMilestone,
} from "./queries";
import { isAdmin, useSession } from "../../auth/session";
import { AdminFormShell, EditRecord } from "../../components/adminForm/AdminFormShell";
import { requiredBy, useAdminForm } from "../../components/adminForm/useAdminForm";
import { LangSelect, type Removed } from "../../admin/shared";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";

const STATUSES: MilestoneStatus[] = ["not_started", "in_progress", "completed", "delayed", "withdrawn"];

const REQUIRED = requiredBy<NewMilestone>()("code", "title");

export function MilestoneForm() {
  const { code, id } = useParams();
  const { t } = useI18n();
  const title = id ? t("admin.editMilestone") : t("admin.newMilestone");
  return (
    <EditRecord
      id={id}
      title={title}
      queryKey={milestoneKeys.one(Number(id))}
      load={(key) => getMilestone(Number(key))}
    >
      {(m) => <Body m={m} commitmentCode={m?.commitment_code ?? code ?? ""} title={title} />}
    </EditRecord>
  );
}

function Body({ m, commitmentCode, title }: { m?: Milestone; commitmentCode: string; title: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { user } = useSession();
  const form = useAdminForm({
    initial: {
      code: m?.code ?? "",
      title: m?.title ?? "",
      description: m?.description ?? "",
      due_date: m?.due_date ?? "",
      due_period: m?.due_period ?? "",
      status: m?.status ?? "not_started",
      position: m ? String(m.position) : "",
      lang: m?.lang ?? "fr",
    },
    required: REQUIRED,
    save: (f) => {
      const body = {
        code: f.code.trim(),
        title: f.title.trim(),
        description: f.description.trim() || null,
        due_date: f.due_date || null,
        due_period: f.due_period.trim() || null,
        position: f.position.trim() ? Number(f.position) : null,
        lang: f.lang,
      };
      return m ? updateMilestone(m.id, body) : createMilestone(commitmentCode, { ...body, status: f.status });
    },
    invalidate: [commitmentKeys.all, milestoneKeys.all],
    onSaved: (saved, client) => client.setQueryData(milestoneKeys.one(saved.id), saved),
    then: (saved) => paths.milestone(saved.id),
  });
  async function remove() {
    const archived = await deleteMilestone(m!.id);
    await qc.invalidateQueries({ queryKey: commitmentKeys.all });
    qc.removeQueries({ queryKey: milestoneKeys.one(m!.id) });
    const removed: Removed = { title: `${m!.code} — ${m!.title}`, archived: !!archived };
    void navigate(paths.admin(), { state: { removed } });
  }
  const optional = (key: Parameters<typeof t>[0]) => t("common.optional", { label: t(key) });
  return (
    <AdminFormShell
      title={`${title} — ${commitmentCode}`}
      crumbs={[{ label: commitmentCode, to: paths.commitment(commitmentCode) }]}
      error={form.error}
      links={form.links}
      saving={form.saving}
      onSubmit={form.submit}
      deletion={
        m && isAdmin(user?.role)
          ? { consequences: t("admin.delete.milestone"), confirmLabel: t("admin.delete.milestoneButton"), run: remove }
          : undefined
      }
    >
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <Input {...form.input("code", t("admin.milestone.code"))} hintText={t("admin.milestone.codeHint")} />
        </div>
        <div className="fr-col-12 fr-col-md-8">
          <Input {...form.input("title", t("admin.milestone.title"))} />
        </div>
      </div>
      <Input
        {...form.textArea("description", optional("admin.milestone.description"), { rows: 5 })}
        hintText={t("admin.forum.descriptionHint")}
      />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input {...form.input("due_date", optional("admin.milestone.dueDate"), { type: "date" })} />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            {...form.input("due_period", optional("admin.milestone.duePeriod"))}
            hintText={t("admin.milestone.duePeriodHint")}
          />
        </div>
      </div>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          {m ? (
            <p className="fr-text--sm">
              {t("admin.milestone.statusByLog")}{" "}
              <Link to={paths.milestone(m.id, "log-title")}>{t("progress.log")}</Link>
            </p>
          ) : (
            <Select {...form.select("status", t("admin.milestone.status"))}>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`status.milestone.${s}`)}
                </option>
              ))}
            </Select>
          )}
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            {...form.input("position", optional("admin.milestone.position"), { type: "number" })}
            hintText={t("admin.milestone.positionHint")}
          />
        </div>
      </div>
      <LangSelect value={form.fields.lang} onChange={(lang) => form.change({ lang })} />
    </AdminFormShell>
  );
}
