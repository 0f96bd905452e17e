// Create a milestone for a commitment, or edit one. Its status is set at creation; afterwards it
// changes only through the progress log (the milestone's page).
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { Milestone, MilestoneStatus } from "../../api/client";
import { commitmentKeys } from "../commitments/queries";
import { createMilestone, deleteMilestone, getMilestone, milestoneKeys, updateMilestone } from "./queries";
import { isAdmin, useSession } from "../../auth/session";
import { AdminFormLoading, AdminFormShell } from "../../components/AdminFormShell";
import { useFieldState, missingFields } from "../../components/forms";
import { LangSelect, type Removed } from "../../admin/shared";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";

const STATUSES: MilestoneStatus[] = ["not_started", "in_progress", "completed", "delayed", "withdrawn"];

export function MilestoneForm() {
  const { code, id } = useParams();
  const { t } = useI18n();
  const numeric = Number(id);
  const existing = useQuery({
    queryKey: milestoneKeys.one(numeric),
    queryFn: () => getMilestone(numeric),
    enabled: !!id,
  });
  const title = id ? t("admin.editMilestone") : t("admin.newMilestone");
  if (id && (existing.isPending || existing.isError)) {
    return <AdminFormLoading title={title} error={existing.error} />;
  }
  const m = id ? existing.data : undefined;
  return <Body key={id ?? "new"} m={m} commitmentCode={m?.commitment_code ?? code ?? ""} title={title} />;
}

function Body({ m, commitmentCode, title }: { m?: Milestone; commitmentCode: string; title: string }) {
  const { t } = useI18n();
  const fieldState = useFieldState();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [f, setF] = useState({
    code: m?.code ?? "",
    title: m?.title ?? "",
    description: m?.description ?? "",
    due_date: m?.due_date ?? "",
    due_period: m?.due_period ?? "",
    status: m?.status ?? "not_started",
    position: m ? String(m.position) : "",
    lang: m?.lang ?? "fr",
  });
  const { user } = useSession();
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF((prev) => ({ ...prev, [k]: e.target.value }));
  const save = useMutation({
    mutationFn: () => {
      const missing = missingFields({ code: f.code, title: f.title }, t("common.required"), t("common.invalidForm"));
      if (missing) throw missing;
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
    onSuccess: async (saved) => {
      await qc.invalidateQueries({ queryKey: commitmentKeys.all });
      qc.setQueryData(milestoneKeys.one(saved.id), saved);
      void navigate(paths.milestone(saved.id));
    },
  });
  async function remove() {
    const archived = await deleteMilestone(m!.id);
    await qc.invalidateQueries({ queryKey: commitmentKeys.all });
    qc.removeQueries({ queryKey: milestoneKeys.one(m!.id) });
    const removed: Removed = { title: `${m!.code} — ${m!.title}`, archived: !!archived };
    void navigate(paths.admin(), { state: { removed } });
  }
  const err = save.error;
  return (
    <AdminFormShell
      title={`${title} — ${commitmentCode}`}
      crumbs={[{ label: commitmentCode, to: paths.commitment(commitmentCode) }]}
      error={save.isError ? err : null}
      saving={save.isPending}
      onSubmit={() => save.mutate()}
      deletion={
        m && isAdmin(user?.role)
          ? { consequences: t("admin.delete.milestone"), confirmLabel: t("admin.delete.milestoneButton"), run: remove }
          : undefined
      }
    >
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label={t("admin.milestone.code")}
            hintText={t("admin.milestone.codeHint")}
            {...fieldState(err, "code")}
            nativeInputProps={{ name: "code", required: true, value: f.code, onChange: set("code") }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-8">
          <Input
            label={t("admin.milestone.title")}
            {...fieldState(err, "title")}
            nativeInputProps={{ name: "title", required: true, value: f.title, onChange: set("title") }}
          />
        </div>
      </div>
      <Input
        textArea
        label={t("common.optional", { label: t("admin.milestone.description") })}
        hintText={t("admin.forum.descriptionHint")}
        {...fieldState(err, "description")}
        nativeTextAreaProps={{ name: "description", rows: 5, value: f.description, onChange: set("description") }}
      />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label={t("common.optional", { label: t("admin.milestone.dueDate") })}
            {...fieldState(err, "due_date")}
            nativeInputProps={{ type: "date", name: "due_date", value: f.due_date, onChange: set("due_date") }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label={t("common.optional", { label: t("admin.milestone.duePeriod") })}
            hintText={t("admin.milestone.duePeriodHint")}
            {...fieldState(err, "due_period")}
            nativeInputProps={{ name: "due_period", value: f.due_period, onChange: set("due_period") }}
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
            <Select
              label={t("admin.milestone.status")}
              nativeSelectProps={{ name: "status", value: f.status, onChange: set("status") }}
            >
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
            label={t("common.optional", { label: t("admin.milestone.position") })}
            hintText={t("admin.milestone.positionHint")}
            {...fieldState(err, "position")}
            nativeInputProps={{ type: "number", name: "position", value: f.position, onChange: set("position") }}
          />
        </div>
      </div>
      <LangSelect value={f.lang} onChange={(lang) => setF((prev) => ({ ...prev, lang }))} />
    </AdminFormShell>
  );
}
