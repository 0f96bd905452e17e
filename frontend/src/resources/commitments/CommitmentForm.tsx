// Create or edit a commitment.
import { useState } from "react";
import { useNavigate, useParams } from "react-router";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import type { Commitment, CommitmentStatus } from "../../api/client";
import { actionPlanKeys, allActionPlans } from "../actionPlans/queries";
import {
  commitmentKeys,
  createCommitment,
  deleteCommitment,
  getCommitment,
  updateCommitment,
  type NewCommitment,
} from "./queries";
import { isAdmin, useSession } from "../../auth/session";
import { AdminFormShell, EditRecord } from "../../components/adminForm/AdminFormShell";
import { requiredBy, useAdminForm } from "../../components/adminForm/useAdminForm";
import { ProblemAlert } from "../../components/QueryState";
import { lines } from "../../components/forms";
import { irmChanges, irmForm, type IrmForm } from "./irm";
import { LangSelect, type Removed } from "../../admin/shared";
import { useI18n } from "../../i18n";
import { allInstitutions, institutionKeys } from "../institutions/queries";
import { paths } from "../../app/resources";

const STATUSES: CommitmentStatus[] = ["active", "completed", "withdrawn", "unknown"];

const REQUIRED = requiredBy<NewCommitment>()("action_plan", "code", "number", "title");

export function CommitmentForm() {
  const { code } = useParams();
  const { t } = useI18n();
  const title = code ? t("admin.editCommitment") : t("admin.newCommitment");
  return (
    <EditRecord id={code} title={title} queryKey={commitmentKeys.one(code ?? "")} load={getCommitment}>
      {(c) => <Body c={c} title={title} />}
    </EditRecord>
  );
}

function Body({ c, title }: { c?: Commitment; title: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { user } = useSession();
  const plans = useQuery({ queryKey: actionPlanKeys.list, queryFn: allActionPlans });
  const [supports, setSupports] = useState<number[]>(c?.institutions?.support.map((i) => i.id) ?? []);
  const institutions = useQuery({ queryKey: institutionKeys.options, queryFn: allInstitutions });
  const [starred, setStarred] = useState(c?.starred ?? false);
  const [irm, setIrm] = useState(() => irmForm(c?.irm));
  const setIrmField = (k: keyof IrmForm) => (e: { target: { value: string } }) =>
    setIrm((prev) => ({ ...prev, [k]: e.target.value }));
  const year = (s: string) => (s.trim() ? Number(s) : null);
  const form = useAdminForm({
    initial: {
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
    },
    required: REQUIRED,
    save: (f) => {
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
    // Institution and plan pages list their commitments.
    invalidate: [commitmentKeys.all, institutionKeys.all, actionPlanKeys.all],
    then: (saved) => paths.commitment(saved.code),
  });
  const f = form.fields;
  async function remove() {
    const archived = await deleteCommitment(c!.code);
    await qc.invalidateQueries({ queryKey: commitmentKeys.all });
    qc.removeQueries({ queryKey: commitmentKeys.one(c!.code) });
    const removed: Removed = { title: `${c!.code} — ${c!.title}`, archived: !!archived };
    void navigate(paths.admin(), { state: { removed } });
  }
  const err = form.error;
  const list = (k: "policy_areas" | "ogp_principles" | "ambitions", key: Parameters<typeof t>[0]) => (
    <Input
      {...form.textArea(k, t("common.optional", { label: t(key) }), { rows: 3 })}
      hintText={t("admin.commitment.listHint")}
    />
  );
  return (
    <AdminFormShell
      title={title}
      error={err}
      links={form.links}
      saving={form.saving}
      onSubmit={form.submit}
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
      <Select {...form.select("action_plan", t("admin.commitment.actionPlan"))}>
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
          <Input {...form.input("code", t("admin.commitment.code"))} hintText={t("admin.commitment.codeHint")} />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input {...form.input("number", t("admin.commitment.number"), { type: "number", min: 1 })} />
        </div>
      </div>
      <Input {...form.input("title", t("admin.commitment.title"))} />
      <Input
        {...form.textArea("summary", t("common.optional", { label: t("admin.commitment.summary") }), { rows: 2 })}
      />
      <Input
        {...form.textArea("description", t("common.optional", { label: t("admin.commitment.description") }), {
          rows: 6,
        })}
        hintText={t("admin.forum.descriptionHint")}
      />
      {institutions.isError ? (
        <ProblemAlert error={institutions.error} onRetry={() => void institutions.refetch()} />
      ) : (
        <>
          <Select
            {...form.select("lead_institution_id", t("common.optional", { label: t("admin.commitment.lead") }), {
              disabled: institutions.isPending,
            })}
            hint={t("admin.commitment.leadHint")}
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
          <Select {...form.select("status", t("admin.commitment.status"))}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.commitment.${s}`)}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Input
            {...form.input("start_year", t("common.optional", { label: t("admin.commitment.startYear") }), {
              type: "number",
            })}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Input
            {...form.input("end_year", t("common.optional", { label: t("admin.commitment.endYear") }), {
              type: "number",
            })}
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
            {...form.stateOf("irm.report")}
            nativeInputProps={{ name: "irm.report", value: irm.report, onChange: setIrmField("report") }}
          />
        </div>
        <div className="fr-fieldset__element">
          <Input
            label={t("common.optional", { label: t("admin.irm.starred") })}
            hintText={t("admin.irm.starredHint")}
            {...form.stateOf("irm.starred")}
            nativeInputProps={{ name: "irm.starred", value: irm.starred, onChange: setIrmField("starred") }}
          />
        </div>
        <div className="fr-fieldset__element">
          <Select
            label={t("common.optional", { label: t("admin.irm.verifiable") })}
            {...form.stateOf("irm.verifiable")}
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
            {...form.stateOf("irm.relevance")}
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
            {...form.stateOf("irm.potential_impact")}
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
            {...form.stateOf("irm.completion")}
            nativeInputProps={{ name: "irm.completion", value: irm.completion, onChange: setIrmField("completion") }}
          />
        </div>
        <div className="fr-fieldset__element">
          <Input
            label={t("common.optional", { label: t("admin.irm.earlyResults") })}
            {...form.stateOf("irm.early_results")}
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
            {...form.stateOf("irm.analysis")}
            nativeTextAreaProps={{
              name: "irm.analysis",
              rows: 10,
              value: irm.analysis,
              onChange: setIrmField("analysis"),
            }}
          />
        </div>
      </fieldset>
      <LangSelect value={f.lang} onChange={(lang) => form.change({ lang })} />
    </AdminFormShell>
  );
}
