// Officials and admins add a document to a record (a link, or a file sent with its progress shown)
// and change one (title, description, level, language, stage on a forum, a link's address). A
// file the API refuses (its type, its size) is said on the file field; the document is then kept
// without its file, and submitting again sends another file to it rather than adding a second one.
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/Select";
import "./messages";
import {
  createDocument,
  documentKeys,
  updateDocument,
  type Document,
  type DocumentLevel,
  type DocumentStage,
  type Parent,
} from "./queries";
import { LEVELS } from "./files";
import { FileField, tooLarge, UploadProgress, useUpload, wordDocumentError } from "./Upload";
import { InlineForm } from "./InlineForm";
import type { Locale } from "../../api/client";
import { ApiError } from "../../api/errors";
import { missingFields, useFieldErrors } from "../../components/forms";
import { ProblemAlert } from "../../components/QueryState";
import { useAction } from "../../components/actions";
import { useI18n } from "../../i18n";

type Fields = {
  title: string;
  description: string;
  level: DocumentLevel;
  lang: Locale;
  stage: DocumentStage | "";
  link: string;
};
type Kind = "link" | "file";

/** The fields both forms share: title, description, level, language, stage (a forum's), link. */
function DocumentFields({
  f,
  set,
  fields,
  forum,
  link,
  noStage,
}: {
  f: Fields;
  set: (patch: Partial<Fields>) => void;
  fields: ReturnType<typeof useFieldErrors>;
  forum: boolean;
  /** The link's field is shown (a link document). */
  link: boolean;
  /** "No stage said" is offered (a document that has none). */
  noStage?: boolean;
}) {
  const { t } = useI18n();
  const optional = (key: "documents.form.description") => t("common.optional", { label: t(key) });
  return (
    <>
      <Input
        label={t("documents.form.title")}
        {...fields.state("title", t("documents.form.title"))}
        nativeInputProps={{
          ...fields.native("title"),
          name: "title",
          required: true,
          maxLength: 200,
          value: f.title,
          onChange: (e) => set({ title: e.target.value }),
        }}
      />
      <Input
        textArea
        label={optional("documents.form.description")}
        {...fields.state("description", t("documents.form.description"))}
        nativeTextAreaProps={{
          ...fields.native("description"),
          name: "description",
          rows: 3,
          maxLength: 2000,
          value: f.description,
          onChange: (e) => set({ description: e.target.value }),
        }}
      />
      <RadioButtons
        id={fields.native("level").id}
        legend={t("documents.form.level")}
        hintText={t("documents.form.levelHint")}
        orientation="horizontal"
        {...fields.state("level", t("documents.form.level"))}
        options={LEVELS.map((level) => ({
          label: t(`documents.level.${level}`),
          nativeInputProps: {
            name: `level-${fields.native("level").id}`,
            value: level,
            checked: f.level === level,
            onChange: () => set({ level }),
          },
        }))}
      />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className={forum ? "fr-col-12 fr-col-md-6" : "fr-col-12"}>
          <Select
            label={t("documents.form.lang")}
            {...fields.state("lang", t("documents.form.lang"))}
            nativeSelectProps={{
              ...fields.native("lang"),
              name: "lang",
              value: f.lang,
              onChange: (e) => set({ lang: e.target.value as Locale }),
            }}
          >
            <option value="fr">{t("documents.lang.fr")}</option>
            <option value="en">{t("documents.lang.en")}</option>
          </Select>
        </div>
        {forum && (
          <div className="fr-col-12 fr-col-md-6">
            <Select
              label={t("documents.form.stage")}
              {...fields.state("stage", t("documents.form.stage"))}
              nativeSelectProps={{
                ...fields.native("stage"),
                name: "stage",
                value: f.stage,
                onChange: (e) => set({ stage: e.target.value as DocumentStage | "" }),
              }}
            >
              {noStage && <option value="">{t("documents.stage.none")}</option>}
              <option value="before">{t("documents.stage.before")}</option>
              <option value="after">{t("documents.stage.after")}</option>
            </Select>
          </div>
        )}
      </div>
      {link && <LinkField f={f} set={set} fields={fields} />}
    </>
  );
}

function LinkField({
  f,
  set,
  fields,
}: {
  f: Fields;
  set: (patch: Partial<Fields>) => void;
  fields: ReturnType<typeof useFieldErrors>;
}) {
  const { t } = useI18n();
  return (
    <Input
      label={t("documents.form.link")}
      hintText={t("documents.form.linkHint")}
      {...fields.state("link", t("documents.form.link"))}
      nativeInputProps={{
        ...fields.native("link"),
        name: "link",
        type: "url",
        required: true,
        maxLength: 500,
        value: f.link,
        onChange: (e) => set({ link: e.target.value }),
      }}
    />
  );
}

/** The fields as the API takes them (`stage` for a forum's documents only). */
const body = (f: Fields, forum: boolean) => ({
  title: f.title.trim(),
  description: f.description.trim() || null,
  level: f.level,
  lang: f.lang,
  ...(forum ? { stage: f.stage || null } : {}),
});

export function AddDocumentForm({
  parent,
  titleId,
  onAdded,
}: {
  parent: Parent;
  titleId: string;
  onAdded: (document: Document, message: string) => void;
}) {
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const forum = parent.kind === "forum";
  const empty: Fields = { title: "", description: "", level: "discovery", lang: locale, stage: "before", link: "" };
  const [f, setF] = useState(empty);
  const [kind, setKind] = useState<Kind>("link");
  const [file, setFile] = useState<File | null>(null);
  // Created, but its file was refused: the next submit sends a file to it (and its fields).
  const [created, setCreated] = useState<Document | null>(null);
  const upload = useUpload();
  const set = (patch: Partial<Fields>) => setF((prev) => ({ ...prev, ...patch }));
  /** Adds the document; a file one is created (or, refused before, changed) then its file sent. */
  async function add(): Promise<Document> {
    const required = { title: f.title, ...(kind === "link" ? { link: f.link } : {}) };
    const missing = missingFields(required, t("common.required"), t("common.invalidForm"));
    const errors = [...(missing?.fieldErrors ?? [])];
    if (kind === "file" && !file) errors.push({ field: "file", code: "required", message: t("common.required") });
    if (errors.length)
      throw new ApiError({ status: 422, code: "validation_failed", detail: t("common.invalidForm"), errors });
    if (kind === "link") return createDocument(parent, { ...body(f, forum), link: f.link.trim() });
    const refused = tooLarge(file!, t);
    if (refused) throw refused;
    const doc = created
      ? await updateDocument(created.id, body(f, forum))
      : await createDocument(parent, body(f, forum));
    setCreated(doc);
    try {
      return await upload.send(doc.id, file!);
    } catch (e) {
      // It shows in the list meanwhile (for those who write documents), without its file.
      await qc.invalidateQueries({ queryKey: documentKeys.all });
      throw e;
    }
  }
  const save = useAction({
    mutationFn: async () => {
      try {
        return await add();
      } catch (e) {
        throw wordDocumentError(e, t);
      }
    },
    onSuccess: async (doc) => {
      await qc.invalidateQueries({ queryKey: documentKeys.all });
      onAdded(doc, t(doc.file ? "documents.addedWithFile" : "documents.added", { title: doc.title }));
    },
    done: (doc) => ({ key: doc.file ? "documents.addedWithFile" : "documents.added", vars: { title: doc.title } }),
    focus: (doc) => `document-${doc.id}`,
  });
  const error = save.isError ? save.error : null;
  const fields = useFieldErrors(error, "doc-new-");
  return (
    <form
      className="od-box fr-mt-2w fr-mb-4w"
      aria-labelledby={titleId}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h3 id={titleId} className="fr-h5" tabIndex={-1}>
        {t("documents.add")}
      </h3>
      <p className="fr-text--sm">{t("common.requiredHint")}</p>
      {error != null && <ProblemAlert error={error} fieldLinks={fields.links} focus />}
      {created && !created.file && (
        <p className="fr-message fr-message--info fr-mb-2w">
          {t("documents.form.fileMissing", { title: created.title })}
        </p>
      )}
      <DocumentFields f={f} set={set} fields={fields} forum={forum} link={false} />
      {!created && (
        <RadioButtons
          legend={t("documents.form.kind")}
          orientation="horizontal"
          options={(["link", "file"] as const).map((k) => ({
            label: t(`documents.kind.${k}`),
            nativeInputProps: { name: "kind", value: k, checked: kind === k, onChange: () => setKind(k) },
          }))}
        />
      )}
      {kind === "link" ? (
        <LinkField f={f} set={set} fields={fields} />
      ) : (
        <>
          <FileField
            native={fields.native("file")}
            state={fields.state("file", t("documents.form.file"))}
            disabled={save.isPending}
            onChange={setFile}
          />
          <UploadProgress sent={upload.sent} filename={file?.name ?? ""} />
        </>
      )}
      <Button type="submit" disabled={save.isPending} iconId="fr-icon-add-line" iconPosition="left">
        {save.isPending ? t("common.saving") : t("documents.form.submit")}
      </Button>
    </form>
  );
}

/** Changes a document: its fields, and a link's address (a file changes by a new version). */
export function EditDocumentForm({ document: d, onDone }: { document: Document; onDone: (saved: boolean) => void }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const forum = d.attached_to.type === "forum";
  const [f, setF] = useState<Fields>({
    title: d.title,
    description: d.description,
    level: d.level,
    lang: d.lang,
    stage: d.stage ?? "",
    link: d.link ?? "",
  });
  const set = (patch: Partial<Fields>) => setF((prev) => ({ ...prev, ...patch }));
  const save = useAction({
    mutationFn: async () => {
      const required = { title: f.title, ...(d.link ? { link: f.link } : {}) };
      const missing = missingFields(required, t("common.required"), t("common.invalidForm"));
      if (missing) throw missing;
      try {
        return await updateDocument(d.id, { ...body(f, forum), ...(d.link ? { link: f.link.trim() } : {}) });
      } catch (e) {
        throw wordDocumentError(e, t);
      }
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: documentKeys.all });
      onDone(true);
    },
    done: (saved) => ({ key: "documents.edited", vars: { title: saved.title } }),
    focus: (saved) => `document-${saved.id}`,
  });
  const error = save.isError ? save.error : null;
  const fields = useFieldErrors(error, `doc-${d.id}-`);
  return (
    <InlineForm
      titleId={`doc-${d.id}-edit-title`}
      title={t("documents.editTitle", { title: d.title })}
      error={error}
      fieldLinks={fields.links}
      pending={save.isPending}
      onSubmit={() => save.mutate()}
      onCancel={() => onDone(false)}
      submit={
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? t("common.saving") : t("common.save")}
        </Button>
      }
    >
      <DocumentFields f={f} set={set} fields={fields} forum={forum} link={!!d.link} noStage={d.stage == null} />
    </InlineForm>
  );
}
