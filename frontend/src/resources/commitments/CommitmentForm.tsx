// Create or edit a commitment.
import { useState } from "react";
import { useNavigate, useParams } from "react-router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import type { Commitment, CommitmentStatus } from "../../api/client";
import { actionPlanKeys, allActionPlans } from "../actionPlans/queries";
import { commitmentKeys, createCommitment, deleteCommitment, getCommitment, updateCommitment } from "./queries";
import { isAdmin, useSession } from "../../auth/session";
import { AdminFormLoading, AdminFormShell } from "../../components/AdminFormShell";
import { ProblemAlert } from "../../components/QueryState";
import { useFieldState, lines, missingFields } from "../../components/forms";
import { irmChanges, irmForm, type IrmForm } from "./irm";
import { LangSelect, type Removed } from "../../admin/shared";
import { useI18n } from "../../i18n";
import { allInstitutions, institutionKeys } from "../institutions/queries";
import { paths } from "../../app/resources";

const STATUSES: CommitmentStatus[] = ["active", "completed", "withdrawn", "unknown"];

export function CommitmentForm() {
  const { code } = useParams();
  const { t } = useI18n();
  const existing = useQuery({
    queryKey: commitmentKeys.one(code ?? ""),
    queryFn: () => getCommitment(code!),
    enabled: !!code,
  });
  const title = code ? t("admin.editCommitment") : t("admin.newCommitment");
  if (code && (existing.isPending || existing.isError)) {
    return <AdminFormLoading title={title} error={existing.error} />;
  }
  return <Body key={code ?? "new"} c={code ? existing.data : undefined} title={title} />;
}

function Body({ c, title }: { c?: Commitment; title: string }) {
  const { t } = useI18n();
  const fieldState = useFieldState();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { user } = useSession();
  const plans = useQuery({ queryKey: actionPlanKeys.list, queryFn: allActionPlans });
  const [f, setF] = useState({
    action_plan: c?.action_plan.slug ?? "",
    code: c?.code ?? "",
    number: c ? String(c.number) : "",
    title: c?.title ?? "",
    summary: c?.summary ?? "",
    description: c?.description ?? "",
    lead_institution_id: c?.institutions?.lead ? String(c.institutions.lead.id) : "",
    policy_areas: (c?.policy_areas ?? []).join("\n"),
    ogp_principles: (c?.ogp_principles ?? []).join("\n"),
    ambitions: (c?.ambitions ?? []).join("\n"),
    status: c?.status ?? "active",
    start_year: c?.start_year != null ? String(c.start_year) : "",
    end_year: c?.end_year != null ? String(c.end_year) : "",
    lang: c?.lang ?? "fr",
  });
  const [supports, setSupports] = useState<number[]>(c?.institutions?.support.map((i) => i.id) ?? []);
  const institutions = useQuery({ queryKey: institutionKeys.options, queryFn: allInstitutions });
  const [starred, setStarred] = useState(c?.starred ?? false);
  const [irm, setIrm] = useState(() => irmForm(c?.irm));
  const setIrmField = (k: keyof IrmForm) => (e: { target: { value: string } }) =>
    setIrm((prev) => ({ ...prev, [k]: e.target.value }));
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF((prev) => ({ ...prev, [k]: e.target.value }));
  const year = (s: string) => (s.trim() ? Number(s) : null);

  const save = useMutation({
    mutationFn: () => {
      const missing = missingFields(
        { action_plan: f.action_plan, code: f.code, number: f.number, title: f.title },
        t("common.required"),
        t("common.invalidForm"),
      );
      if (missing) throw missing;
      const body = {
        action_plan: f.action_plan,
        code: f.code.trim(),
        number: Number(f.number),
        title: f.title.trim(),
        summary: f.summary.trim() || null,
        description: f.description.trim() || null,
        lead_institution_id: f.lead_institution_id ? Number(f.lead_institution_id) : null,
        support_institution_ids: supports,
        policy_areas: lines(f.policy_areas),
        ogp_principles: lines(f.ogp_principles),
        ambitions: lines(f.ambitions),
        status: f.status,
        starred,
        start_year: year(f.start_year),
        end_year: year(f.end_year),
        irm: irmChanges(irm, c?.irm),
        lang: f.lang,
      };
      return c ? updateCommitment(c.code, body) : createCommitment(body);
    },
    onSuccess: async (saved) => {
      await qc.invalidateQueries({ queryKey: commitmentKeys.all });
      void navigate(paths.commitment(saved.code));
    },
  });
  async function remove() {
    const archived = await deleteCommitment(c!.code);
    await qc.invalidateQueries({ queryKey: commitmentKeys.all });
    qc.removeQueries({ queryKey: commitmentKeys.one(c!.code) });
    const removed: Removed = { title: `${c!.code} — ${c!.title}`, archived: !!archived };
    void navigate(paths.admin(), { state: { removed } });
  }
  const err = save.error;
  const list = (k: "policy_areas" | "ogp_principles" | "ambitions", key: Parameters<typeof t>[0]) => (
    <Input
      textArea
      label={t("common.optional", { label: t(key) })}
      hintText={t("admin.commitment.listHint")}
      {...fieldState(err, k)}
      nativeTextAreaProps={{ name: k, rows: 3, value: f[k], onChange: set(k) }}
    />
  );
  return (
    <AdminFormShell
      title={title}
      error={save.isError ? err : null}
      saving={save.isPending}
      onSubmit={() => save.mutate()}
      deletion={
        c && isAdmin(user?.role)
          ? {
              consequences: t("admin.delete.commitment"),
              confirmLabel: t("admin.delete.commitmentButton"),
              run: remove,
            }
          : undefined
      }
    >
      <Select
        label={t("admin.commitment.actionPlan")}
        {...fieldState(err, "action_plan")}
        nativeSelectProps={{ name: "action_plan", required: true, value: f.action_plan, onChange: set("action_plan") }}
      >
        <option value="" disabled>
          —
        </option>
        {(plans.data ?? []).map((p) => (
          <option key={p.id} value={p.slug}>
            {p.title}
          </option>
        ))}
      </Select>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label={t("admin.commitment.code")}
            hintText={t("admin.commitment.codeHint")}
            {...fieldState(err, "code")}
            nativeInputProps={{ name: "code", required: true, value: f.code, onChange: set("code") }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label={t("admin.commitment.number")}
            {...fieldState(err, "number")}
            nativeInputProps={{
              type: "number",
              min: 1,
              name: "number",
              required: true,
              value: f.number,
              onChange: set("number"),
            }}
          />
        </div>
      </div>
      <Input
        label={t("admin.commitment.title")}
        {...fieldState(err, "title")}
        nativeInputProps={{ name: "title", required: true, value: f.title, onChange: set("title") }}
      />
      <Input
        textArea
        label={t("common.optional", { label: t("admin.commitment.summary") })}
        {...fieldState(err, "summary")}
        nativeTextAreaProps={{ name: "summary", rows: 2, value: f.summary, onChange: set("summary") }}
      />
      <Input
        textArea
        label={t("common.optional", { label: t("admin.commitment.description") })}
        hintText={t("admin.forum.descriptionHint")}
        {...fieldState(err, "description")}
        nativeTextAreaProps={{ name: "description", rows: 6, value: f.description, onChange: set("description") }}
      />
      {institutions.isError ? (
        <ProblemAlert error={institutions.error} onRetry={() => void institutions.refetch()} />
      ) : (
        <>
          <Select
            label={t("common.optional", { label: t("admin.commitment.lead") })}
            hint={t("admin.commitment.leadHint")}
            {...fieldState(err, "lead_institution_id")}
            nativeSelectProps={{
              name: "lead_institution_id",
              value: f.lead_institution_id,
              onChange: set("lead_institution_id"),
              disabled: institutions.isPending,
            }}
          >
            <option value="">{t("institutions.none")}</option>
            {(institutions.data ?? []).map((i) => (
              <option key={i.id} value={String(i.id)}>
                {i.name}
              </option>
            ))}
          </Select>
          <fieldset className="fr-fieldset" aria-labelledby="supports-legend">
            <legend className="fr-fieldset__legend fr-text--regular" id="supports-legend">
              {t("common.optional", { label: t("admin.commitment.support") })}
            </legend>
            {(institutions.data ?? [])
              .filter((i) => String(i.id) !== f.lead_institution_id)
              .map((i) => (
                <div className="fr-fieldset__element" key={i.id}>
                  <div className="fr-checkbox-group fr-checkbox-group--sm">
                    <input
                      type="checkbox"
                      id={`support-${i.id}`}
                      name="support_institution_ids"
                      checked={supports.includes(i.id)}
                      onChange={(e) =>
                        setSupports((prev) => (e.target.checked ? [...prev, i.id] : prev.filter((x) => x !== i.id)))
                      }
                    />
                    <label className="fr-label" htmlFor={`support-${i.id}`}>
                      {i.name}
                    </label>
                  </div>
                </div>
              ))}
          </fieldset>
        </>
      )}
      {list("policy_areas", "admin.commitment.policyAreas")}
      {list("ogp_principles", "admin.commitment.principles")}
      {list("ambitions", "admin.commitment.ambitions")}
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <Select
            label={t("admin.commitment.status")}
            nativeSelectProps={{ name: "status", value: f.status, onChange: set("status") }}
          >
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.commitment.${s}`)}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label={t("common.optional", { label: t("admin.commitment.startYear") })}
            {...fieldState(err, "start_year")}
            nativeInputProps={{ type: "number", name: "start_year", value: f.start_year, onChange: set("start_year") }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label={t("common.optional", { label: t("admin.commitment.endYear") })}
            {...fieldState(err, "end_year")}
            nativeInputProps={{ type: "number", name: "end_year", value: f.end_year, onChange: set("end_year") }}
          />
        </div>
      </div>
      <fieldset className="fr-fieldset od-fieldset" aria-describedby="irm-hint">
        <legend className="fr-fieldset__legend fr-h5">{t("admin.irm.legend")}</legend>
        <p id="irm-hint" className="fr-fieldset__element fr-hint-text">
          {t("admin.irm.hint")}
        </p>
        <div className="fr-fieldset__element">
          <Checkbox
            options={[
              {
                label: t("admin.commitment.starred"),
                nativeInputProps: { name: "starred", checked: starred, onChange: (e) => setStarred(e.target.checked) },
              },
            ]}
          />
        </div>
        <div className="fr-fieldset__element">
          <Input
            label={t("common.optional", { label: t("admin.irm.report") })}
            hintText={t("admin.irm.reportHint")}
            {...fieldState(err, "irm.report")}
            nativeInputProps={{ name: "irm.report", value: irm.report, onChange: setIrmField("report") }}
          />
        </div>
        <div className="fr-fieldset__element">
          <Input
            label={t("common.optional", { label: t("admin.irm.starred") })}
            hintText={t("admin.irm.starredHint")}
            {...fieldState(err, "irm.starred")}
            nativeInputProps={{ name: "irm.starred", value: irm.starred, onChange: setIrmField("starred") }}
          />
        </div>
        <div className="fr-fieldset__element">
          <Select
            label={t("common.optional", { label: t("admin.irm.verifiable") })}
            {...fieldState(err, "irm.verifiable")}
            nativeSelectProps={{ name: "irm.verifiable", value: irm.verifiable, onChange: setIrmField("verifiable") }}
          >
            <option value="">{t("common.notPublished")}</option>
            <option value="true">{t("common.yes")}</option>
            <option value="false">{t("common.no")}</option>
          </Select>
        </div>
        <div className="fr-fieldset__element">
          <Input
            textArea
            label={t("common.optional", { label: t("admin.irm.relevance") })}
            hintText={t("admin.irm.relevanceHint")}
            {...fieldState(err, "irm.relevance")}
            nativeTextAreaProps={{
              name: "irm.relevance",
              rows: 3,
              value: irm.relevance,
              onChange: setIrmField("relevance"),
            }}
          />
        </div>
        <div className="fr-fieldset__element">
          <Input
            label={t("common.optional", { label: t("admin.irm.potentialImpact") })}
            hintText={t("admin.irm.potentialImpactHint")}
            {...fieldState(err, "irm.potential_impact")}
            nativeInputProps={{
              name: "irm.potential_impact",
              value: irm.potential_impact,
              onChange: setIrmField("potential_impact"),
            }}
          />
        </div>
        <div className="fr-fieldset__element">
          <Input
            label={t("common.optional", { label: t("admin.irm.completion") })}
            {...fieldState(err, "irm.completion")}
            nativeInputProps={{ name: "irm.completion", value: irm.completion, onChange: setIrmField("completion") }}
          />
        </div>
        <div className="fr-fieldset__element">
          <Input
            label={t("common.optional", { label: t("admin.irm.earlyResults") })}
            {...fieldState(err, "irm.early_results")}
            nativeInputProps={{
              name: "irm.early_results",
              value: irm.early_results,
              onChange: setIrmField("early_results"),
            }}
          />
        </div>
        <div className="fr-fieldset__element">
          <Input
            textArea
            label={t("common.optional", { label: t("admin.irm.analysis") })}
            hintText={t("admin.forum.descriptionHint")}
            {...fieldState(err, "irm.analysis")}
            nativeTextAreaProps={{
              name: "irm.analysis",
              rows: 10,
              value: irm.analysis,
              onChange: setIrmField("analysis"),
            }}
          />
        </div>
      </fieldset>
      <LangSelect value={f.lang} onChange={(lang) => setF((prev) => ({ ...prev, lang }))} />
    </AdminFormShell>
  );
}
