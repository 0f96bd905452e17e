// Document a new format (its version 1), or publish the next version of one, written from its
// current version with a change note. Published versions never change.
import { useState } from "react";
import { useParams } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { Locale } from "../../api/client";
import {
  createFormat,
  formatKeys,
  getFormat,
  publishVersion,
  type Format,
  type FormatContent,
  type NewFormat,
  type NewVersion,
} from "./queries";
import { AdminFormShell, EditRecord } from "../../components/adminForm/AdminFormShell";
import { requiredBy, useAdminForm } from "../../components/adminForm/useAdminForm";
import { useI18n } from "../../i18n";
import { LangSelect } from "../../admin/shared";
import { paths } from "../../app/resources";

type Step = { title: string; minutes: string };
type Question = NonNullable<FormatContent["questionnaire"]>[number];

const NEW_FORMAT = requiredBy<NewFormat>()("name");
const NEW_VERSION = requiredBy<NewVersion>()("change_note");
const CONTENT = requiredBy<FormatContent>()("purpose", "audience").map((k) => `content.${k}` as const);

export function FormatForm() {
  const { slug } = useParams();
  const { t } = useI18n();
  const title = slug ? t("formats.newVersion") : t("formats.new");
  return (
    <EditRecord id={slug} title={title} queryKey={formatKeys.one(slug ?? "")} load={getFormat}>
      {(format) => <FormatFormBody format={format} title={title} />}
    </EditRecord>
  );
}

function FormatFormBody({ format, title }: { format?: Format; title: string }) {
  const { t, number } = useI18n();
  const base = format?.current;
  const [steps, setSteps] = useState<Step[]>(
    base?.agenda.map((s) => ({ title: s.title, minutes: String(s.minutes) })) ?? [{ title: "", minutes: "" }],
  );
  const [questions, setQuestions] = useState<Question[]>(base?.questionnaire ?? []);
  const total = steps.reduce((sum, s) => sum + (Number(s.minutes) || 0), 0);

  const form = useAdminForm({
    initial: {
      name: "",
      slug: "",
      lang: "fr",
      change_note: "",
      "content.purpose": base?.purpose ?? "",
      "content.audience": base?.audience ?? "",
      "content.roles": base?.roles ?? "",
      "content.accessibility": base?.accessibility ?? "",
      "content.materials": base?.materials ?? "",
    },
    // A new version needs its change note, a new format its name; both their content's texts.
    required: [...(format ? NEW_VERSION : NEW_FORMAT), ...CONTENT],
    save: async (f) => {
      const content: FormatContent = {
        purpose: f["content.purpose"],
        audience: f["content.audience"],
        roles: f["content.roles"],
        accessibility: f["content.accessibility"],
        materials: f["content.materials"],
        agenda: steps.map((s) => ({ title: s.title.trim(), minutes: Number(s.minutes) || 0 })),
        questionnaire: questions.map((q) => ({ ...q, key: q.key.trim(), label: q.label.trim() })),
      };
      if (format) {
        await publishVersion(format.slug, {
          based_on: format.latest_version,
          change_note: f.change_note.trim(),
          content,
        });
        return format.slug;
      }
      const created = await createFormat({
        name: f.name.trim(),
        slug: f.slug.trim() || null,
        lang: f.lang as Locale,
        content,
      });
      return created.slug;
    },
    invalidate: [formatKeys.all],
    then: (slug) => paths.format(slug),
  });
  const err = form.error;
  return (
    <AdminFormShell
      title={format ? `${title} — ${format.name}` : title}
      crumbs={[{ label: t("formats.title"), to: paths.formats() }]}
      error={err}
      links={form.links}
      saving={form.saving}
      onSubmit={form.submit}
    >
      <Alert severity="info" small className="fr-mb-3w" description={t("formats.form.publishedNote")} />
      {format ? (
        <Input
          {...form.textArea("change_note", t("formats.form.changeNote"), { rows: 3 })}
          hintText={t("formats.form.changeNoteHint", { version: format.latest_version })}
        />
      ) : (
        <>
          <Input {...form.input("name", t("formats.form.name"))} />
          <Input
            {...form.input("slug", t("common.optional", { label: t("formats.form.slug") }))}
            hintText={t("admin.forum.slugHint")}
          />
          <LangSelect value={form.fields.lang as Locale} onChange={(lang) => form.change({ lang })} />
        </>
      )}
      <Input {...form.textArea("content.purpose", t("formats.form.purpose"), { rows: 3 })} />
      <Input {...form.textArea("content.audience", t("formats.form.audience"), { rows: 2 })} />

      <fieldset className="fr-fieldset fr-mt-3w" aria-describedby="agenda-total">
        <legend className="fr-fieldset__legend">{t("formats.form.agenda")}</legend>
        {form.stateOf("content.agenda").stateRelatedMessage && (
          <p className="fr-error-text fr-mb-2w">{form.stateOf("content.agenda").stateRelatedMessage}</p>
        )}
        {steps.map((s, i) => (
          <div key={i} className="fr-fieldset__element od-repeat">
            <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
              <div className="fr-col-12 fr-col-md-7">
                <Input
                  label={t("formats.form.stepTitle", { n: i + 1 })}
                  {...form.stateOf(`content.agenda[${i}].title`)}
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
                  {...form.stateOf(`content.agenda[${i}].minutes`)}
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
        {...form.textArea("content.roles", t("common.optional", { label: t("formats.form.roles") }), { rows: 5 })}
      />
      <Input
        {...form.textArea("content.accessibility", t("common.optional", { label: t("formats.form.accessibility") }))}
      />
      <Input
        {...form.textArea("content.materials", t("common.optional", { label: t("formats.form.materials") }), {
          rows: 3,
        })}
      />

      <fieldset className="fr-fieldset fr-mt-3w">
        <legend className="fr-fieldset__legend">
          {t("common.optional", { label: t("formats.form.questionnaire") })}
        </legend>
        {form.stateOf("content.questionnaire").stateRelatedMessage && (
          <p className="fr-error-text fr-mb-2w">{form.stateOf("content.questionnaire").stateRelatedMessage}</p>
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
                    {...form.stateOf(`content.questionnaire[${i}].key`)}
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
                    {...form.stateOf(`content.questionnaire[${i}].label`)}
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
