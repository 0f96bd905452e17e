// The form an official of the lead institution fills to report a milestone's progress (or to
// correct an earlier report).
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { MilestoneStatus } from "../../api/client";
import { milestoneKeys } from "../milestones/queries";
import { commitmentKeys } from "../commitments/queries";
import { COMPLETIONS, progressKeys, reportProgress, type Completion, type ProgressUpdate } from "./queries";
import { useI18n } from "../../i18n";
import { missingFields, useFieldErrors } from "../../components/forms";
import { ProblemAlert } from "../../components/QueryState";
import { useAction } from "../../components/actions";
import { EvidencePicker } from "../documents/Evidence";

/** Today in Paris, as an input's date value. */
function parisToday(): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Paris",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date());
}

const STATUSES: MilestoneStatus[] = ["not_started", "in_progress", "completed", "delayed", "withdrawn"];

export function ReportForm({
  milestoneId,
  commitmentCode,
  updates,
}: {
  milestoneId: number;
  commitmentCode: string;
  updates: ProgressUpdate[];
}) {
  const { t, calendarDate } = useI18n();
  const qc = useQueryClient();
  const empty = {
    as_of: parisToday(),
    status: "in_progress",
    completion: "limited",
    note: "",
    evidenceTitle: "",
    evidenceUrl: "",
    corrects: "",
  };
  const [f, setF] = useState(empty);
  const [evidenceDocuments, setEvidenceDocuments] = useState<number[]>([]);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((p) => ({ ...p, [k]: e.target.value }));
  const save = useAction({
    mutationFn: async () => {
      const missing = missingFields({ as_of: f.as_of, note: f.note }, t("common.required"), t("common.invalidForm"));
      if (missing) throw missing;
      const evidence = f.evidenceUrl.trim()
        ? [{ title: f.evidenceTitle.trim() || f.evidenceUrl.trim(), url: f.evidenceUrl.trim() }]
        : [];
      return reportProgress(milestoneId, {
        as_of: f.as_of,
        status: f.status as MilestoneStatus,
        completion: f.completion as Completion,
        note: f.note,
        evidence,
        evidence_documents: evidenceDocuments,
        corrects: f.corrects ? Number(f.corrects) : null,
      });
    },
    onSuccess: async () => {
      setF(empty);
      setEvidenceDocuments([]);
      await Promise.all([
        qc.invalidateQueries({ queryKey: progressKeys.all }),
        qc.invalidateQueries({ queryKey: milestoneKeys.one(milestoneId) }),
        qc.invalidateQueries({ queryKey: commitmentKeys.one(commitmentCode) }),
      ]);
    },
    // The form is emptied: focus goes to the sentence that says the update is out.
    done: "progress.form.done",
    focus: "progress-saved",
  });
  const err = save.isError ? save.error : null;
  const fields = useFieldErrors(err);
  return (
    <form
      className="od-box fr-mt-3w"
      aria-labelledby="report-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h3 id="report-title">{t("progress.form.title")}</h3>
      <p className="fr-text--sm">{t("progress.form.intro")}</p>
      {err != null && <ProblemAlert error={err} fieldLinks={fields.links} focus />}
      {save.isSuccess && (
        <p id="progress-saved" className="fr-message fr-message--valid">
          {t("progress.form.saved")}
        </p>
      )}
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label={t("progress.form.asOf")}
            hintText={t("progress.form.asOfHint")}
            {...fields.state("as_of", t("progress.form.asOf"))}
            nativeInputProps={{
              ...fields.native("as_of"),
              type: "date",
              name: "as_of",
              required: true,
              max: parisToday(),
              value: f.as_of,
              onChange: set("as_of"),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Select
            label={t("progress.form.status")}
            {...fields.state("status", t("progress.form.status"))}
            nativeSelectProps={{ ...fields.native("status"), name: "status", value: f.status, onChange: set("status") }}
          >
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.milestone.${s}`)}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Select
            label={t("progress.form.completion")}
            {...fields.state("completion", t("progress.form.completion"))}
            nativeSelectProps={{
              ...fields.native("completion"),
              name: "completion",
              value: f.completion,
              onChange: set("completion"),
            }}
          >
            {COMPLETIONS.map((c) => (
              <option key={c} value={c}>
                {t(`completion.${c}`)}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <Input
        textArea
        label={t("progress.form.note")}
        {...fields.state("note", t("progress.form.note"))}
        nativeTextAreaProps={{
          ...fields.native("note"),
          name: "note",
          rows: 4,
          required: true,
          value: f.note,
          onChange: set("note"),
        }}
      />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label={t("common.optional", { label: t("progress.form.evidenceTitle") })}
            nativeInputProps={{ name: "evidence_title", value: f.evidenceTitle, onChange: set("evidenceTitle") }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label={t("common.optional", { label: t("progress.form.evidenceUrl") })}
            hintText="https://…"
            {...fields.state("evidence", t("progress.form.evidenceUrl"))}
            nativeInputProps={{
              ...fields.native("evidence"),
              type: "url",
              name: "evidence_url",
              value: f.evidenceUrl,
              onChange: set("evidenceUrl"),
            }}
          />
        </div>
      </div>
      <EvidencePicker
        milestoneId={milestoneId}
        commitmentCode={commitmentCode}
        value={evidenceDocuments}
        onChange={setEvidenceDocuments}
        id={fields.native("evidence_documents").id}
        state={fields.state("evidence_documents", t("evidence.legend"))}
      />
      {updates.length > 0 && (
        <Select
          label={t("common.optional", { label: t("progress.form.corrects") })}
          {...fields.state("corrects", t("progress.form.corrects"))}
          nativeSelectProps={{
            ...fields.native("corrects"),
            name: "corrects",
            value: f.corrects,
            onChange: set("corrects"),
          }}
        >
          <option value="">{t("progress.form.correctsNone")}</option>
          {updates.map((u) => (
            <option key={u.id} value={String(u.id)}>
              {t("progress.form.correctsOption", {
                date: calendarDate(u.as_of),
                level: t(`completion.${u.completion}`),
              })}
            </option>
          ))}
        </Select>
      )}
      <Button type="submit" disabled={save.isPending}>
        {save.isPending ? t("common.saving") : t("progress.form.submit")}
      </Button>
    </form>
  );
}
