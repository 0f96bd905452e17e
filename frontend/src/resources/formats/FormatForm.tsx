// Document a new format (its version 1), or publish the next version of one, written from its
// current version with a change note. Published versions never change.
import { useState } from "react";
import { useNavigate, useParams } from "react-router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { Locale } from "../../api/client";
import { createFormat, formatKeys, getFormat, publishVersion, type Format, type FormatContent } from "./queries";
import { AdminFormLoading, AdminFormShell } from "../../components/AdminFormShell";
import { missingFields, useFieldState } from "../../components/forms";
import { useI18n } from "../../i18n";
import { LangSelect } from "../../admin/shared";
import { paths } from "../../app/resources";

type Step = { title: string; minutes: string };
type Question = NonNullable<FormatContent["questionnaire"]>[number];

export function FormatForm() {
  const { slug } = useParams();
  const { t } = useI18n();
  const existing = useQuery({ queryKey: formatKeys.one(slug ?? ""), queryFn: () => getFormat(slug!), enabled: !!slug });
  const title = slug ? t("formats.newVersion") : t("formats.new");
  if (slug && (existing.isPending || existing.isError))
    return <AdminFormLoading title={title} error={existing.error} />;
  return <FormatFormBody key={slug ?? "new"} format={slug ? existing.data : undefined} title={title} />;
}

function FormatFormBody({ format, title }: { format?: Format; title: string }) {
  const { t, number } = useI18n();
  const fieldState = useFieldState();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const base = format?.current;
  const [meta, setMeta] = useState({ name: "", slug: "", lang: "fr" as Locale, change_note: "" });
  const [text, setText] = useState({
    purpose: base?.purpose ?? "",
    audience: base?.audience ?? "",
    roles: base?.roles ?? "",
    accessibility: base?.accessibility ?? "",
    materials: base?.materials ?? "",
  });
  const [steps, setSteps] = useState<Step[]>(
    base?.agenda.map((s) => ({ title: s.title, minutes: String(s.minutes) })) ?? [{ title: "", minutes: "" }],
  );
  const [questions, setQuestions] = useState<Question[]>(base?.questionnaire ?? []);
  const setM = (k: keyof typeof meta) => (e: { target: { value: string } }) =>
    setMeta((p) => ({ ...p, [k]: e.target.value }));
  const setT = (k: keyof typeof text) => (e: { target: { value: string } }) =>
    setText((p) => ({ ...p, [k]: e.target.value }));
  const total = steps.reduce((sum, s) => sum + (Number(s.minutes) || 0), 0);

  const save = useMutation({
    mutationFn: async () => {
      const required: Record<string, string> = { "content.purpose": text.purpose, "content.audience": text.audience };
      if (format) required.change_note = meta.change_note;
      else required.name = meta.name;
      const missing = missingFields(required, t("common.required"), t("common.invalidForm"));
      if (missing) throw missing;
      const content: FormatContent = {
        ...text,
        agenda: steps.map((s) => ({ title: s.title.trim(), minutes: Number(s.minutes) || 0 })),
        questionnaire: questions.map((q) => ({ ...q, key: q.key.trim(), label: q.label.trim() })),
      };
      if (format) {
        await publishVersion(format.slug, {
          based_on: format.latest_version,
          change_note: meta.change_note.trim(),
          content,
        });
        return format.slug;
      }
      const created = await createFormat({
        name: meta.name.trim(),
        slug: meta.slug.trim() || null,
        lang: meta.lang,
        content,
      });
      return created.slug;
    },
    onSuccess: async (slug) => {
      await qc.invalidateQueries({ queryKey: formatKeys.all });
      void navigate(paths.format(slug));
    },
  });
  const err = save.isError ? save.error : null;
  return (
    <AdminFormShell
      title={format ? `${title} — ${format.name}` : title}
      crumbs={[{ label: t("formats.title"), to: paths.formats() }]}
      error={err}
      saving={save.isPending}
      onSubmit={() => save.mutate()}
    >
      <Alert severity="info" small className="fr-mb-3w" description={t("formats.form.publishedNote")} />
      {format ? (
        <Input
          textArea
          label={t("formats.form.changeNote")}
          hintText={t("formats.form.changeNoteHint", { version: format.latest_version })}
          {...fieldState(err, "change_note")}
          nativeTextAreaProps={{
            name: "change_note",
            required: true,
            rows: 3,
            value: meta.change_note,
            onChange: setM("change_note"),
          }}
        />
      ) : (
        <>
          <Input
            label={t("formats.form.name")}
            {...fieldState(err, "name")}
            nativeInputProps={{ name: "name", required: true, value: meta.name, onChange: setM("name") }}
          />
          <Input
            label={t("common.optional", { label: t("formats.form.slug") })}
            hintText={t("admin.forum.slugHint")}
            {...fieldState(err, "slug")}
            nativeInputProps={{ name: "slug", value: meta.slug, onChange: setM("slug") }}
          />
          <LangSelect value={meta.lang} onChange={(lang) => setMeta((p) => ({ ...p, lang }))} />
        </>
      )}
      <Input
        textArea
        label={t("formats.form.purpose")}
        {...fieldState(err, "content.purpose")}
        nativeTextAreaProps={{
          name: "purpose",
          required: true,
          rows: 3,
          value: text.purpose,
          onChange: setT("purpose"),
        }}
      />
      <Input
        textArea
        label={t("formats.form.audience")}
        {...fieldState(err, "content.audience")}
        nativeTextAreaProps={{
          name: "audience",
          required: true,
          rows: 2,
          value: text.audience,
          onChange: setT("audience"),
        }}
      />

      <fieldset className="fr-fieldset fr-mt-3w" aria-describedby="agenda-total">
        <legend className="fr-fieldset__legend">{t("formats.form.agenda")}</legend>
        {fieldState(err, "content.agenda").stateRelatedMessage && (
          <p className="fr-error-text fr-mb-2w">{fieldState(err, "content.agenda").stateRelatedMessage}</p>
        )}
        {steps.map((s, i) => (
          <div key={i} className="fr-fieldset__element od-repeat">
            <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
              <div className="fr-col-12 fr-col-md-7">
                <Input
                  label={t("formats.form.stepTitle", { n: i + 1 })}
                  {...fieldState(err, `content.agenda[${i}].title`)}
                  nativeInputProps={{
                    name: `agenda-${i}-title`,
                    value: s.title,
                    onChange: (e) =>
                      setSteps((all) => all.map((x, j) => (j === i ? { ...x, title: e.target.value } : x))),
                  }}
                />
              </div>
              <div className="fr-col-6 fr-col-md-3">
                <Input
                  label={t("formats.form.stepMinutes", { n: i + 1 })}
                  {...fieldState(err, `content.agenda[${i}].minutes`)}
                  nativeInputProps={{
                    type: "number",
                    min: 1,
                    max: 600,
                    name: `agenda-${i}-minutes`,
                    value: s.minutes,
                    onChange: (e) =>
                      setSteps((all) => all.map((x, j) => (j === i ? { ...x, minutes: e.target.value } : x))),
                  }}
                />
              </div>
              <div className="fr-col-6 fr-col-md-2">
                <Button
                  type="button"
                  priority="tertiary"
                  size="small"
                  iconId="fr-icon-delete-line"
                  title={t("formats.form.removeStep", { n: i + 1 })}
                  onClick={() => setSteps((all) => all.filter((_, j) => j !== i))}
                  disabled={steps.length === 1}
                >
                  {t("formats.form.removeStep", { n: i + 1 })}
                </Button>
              </div>
            </div>
          </div>
        ))}
        <p id="agenda-total" className="fr-fieldset__element fr-text--sm" aria-live="polite">
          {t("formats.form.total", { minutes: number(total) })}
        </p>
        <div className="fr-fieldset__element">
          <Button
            type="button"
            priority="secondary"
            size="small"
            iconPosition="left"
            iconId="fr-icon-add-line"
            onClick={() => setSteps((all) => [...all, { title: "", minutes: "" }])}
          >
            {t("formats.form.addStep")}
          </Button>
        </div>
      </fieldset>

      <Input
        textArea
        label={t("common.optional", { label: t("formats.form.roles") })}
        {...fieldState(err, "content.roles")}
        nativeTextAreaProps={{ name: "roles", rows: 5, value: text.roles, onChange: setT("roles") }}
      />
      <Input
        textArea
        label={t("common.optional", { label: t("formats.form.accessibility") })}
        {...fieldState(err, "content.accessibility")}
        nativeTextAreaProps={{
          name: "accessibility",
          rows: 4,
          value: text.accessibility,
          onChange: setT("accessibility"),
        }}
      />
      <Input
        textArea
        label={t("common.optional", { label: t("formats.form.materials") })}
        {...fieldState(err, "content.materials")}
        nativeTextAreaProps={{ name: "materials", rows: 3, value: text.materials, onChange: setT("materials") }}
      />

      <fieldset className="fr-fieldset fr-mt-3w">
        <legend className="fr-fieldset__legend">
          {t("common.optional", { label: t("formats.form.questionnaire") })}
        </legend>
        {fieldState(err, "content.questionnaire").stateRelatedMessage && (
          <p className="fr-error-text fr-mb-2w">{fieldState(err, "content.questionnaire").stateRelatedMessage}</p>
        )}
        {questions.map((q, i) => {
          const update = (patch: Partial<Question>) =>
            setQuestions((all) => all.map((x, j) => (j === i ? { ...x, ...patch } : x)));
          return (
            <div key={i} className="fr-fieldset__element od-repeat">
              <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
                <div className="fr-col-12 fr-col-md-3">
                  <Input
                    label={t("formats.form.questionKey", { n: i + 1 })}
                    hintText={t("formats.form.questionKeyHint")}
                    {...fieldState(err, `content.questionnaire[${i}].key`)}
                    nativeInputProps={{
                      name: `question-${i}-key`,
                      value: q.key,
                      onChange: (e) => update({ key: e.target.value }),
                    }}
                  />
                </div>
                <div className="fr-col-12 fr-col-md-3">
                  <Select
                    label={t("formats.form.questionKind", { n: i + 1 })}
                    nativeSelectProps={{
                      name: `question-${i}-kind`,
                      value: q.kind,
                      onChange: (e) => update({ kind: e.target.value as Question["kind"] }),
                    }}
                  >
                    <option value="rating">{t("formats.question.rating")}</option>
                    <option value="text">{t("formats.question.text")}</option>
                  </Select>
                </div>
                <div className="fr-col-12 fr-col-md-6">
                  <Input
                    label={t("formats.form.questionLabel", { n: i + 1 })}
                    {...fieldState(err, `content.questionnaire[${i}].label`)}
                    nativeInputProps={{
                      name: `question-${i}-label`,
                      value: q.label,
                      onChange: (e) => update({ label: e.target.value }),
                    }}
                  />
                </div>
              </div>
              <Button
                type="button"
                priority="tertiary"
                size="small"
                iconId="fr-icon-delete-line"
                iconPosition="left"
                onClick={() => setQuestions((all) => all.filter((_, j) => j !== i))}
              >
                {t("formats.form.removeQuestion", { n: i + 1 })}
              </Button>
            </div>
          );
        })}
        <div className="fr-fieldset__element">
          <Button
            type="button"
            priority="secondary"
            size="small"
            iconPosition="left"
            iconId="fr-icon-add-line"
            onClick={() => setQuestions((all) => [...all, { key: "", kind: "rating", label: "" }])}
          >
            {t("formats.form.addQuestion")}
          </Button>
        </div>
      </fieldset>
    </AdminFormShell>
  );
}
