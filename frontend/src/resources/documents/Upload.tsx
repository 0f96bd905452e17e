// Sending a document's file: the file field (DSFR's upload group, its error next to it), the
// progress bar while it goes (a labelled <progress>, its share in text beside it; the end is said
// in the status region by the action that sent it), the wording of the API's refusals in the
// reader's language, and the form that uploads a new version of a file document.
import { useId, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import "./messages";
import { InlineForm } from "./InlineForm";
import { documentKeys, MAX_BYTES, uploadFile, type Document } from "./queries";
import { ApiError } from "../../api/errors";
import { useFieldErrors, type FieldStateProps } from "../../components/forms";
import { useAction } from "../../components/actions";
import { useI18n, type MessageKey, type Vars } from "../../i18n";

type T = (key: MessageKey, vars?: Vars) => string;

/** The API's refusals of a document's fields, worded: its field messages are English sentences
 *  with a code (a file of a type not taken, a link to a private address, a body too large). */
export function wordDocumentError(error: unknown, t: T): unknown {
  if (!(error instanceof ApiError)) return error;
  const word = (code: string, message: string) =>
    code === "file_type_not_allowed"
      ? t("error.file_type_not_allowed")
      : code === "private_address"
        ? t("error.link_refused")
        : code === "invalid_url"
          ? t("field.url")
          : message;
  let errors = error.fieldErrors.map((e) => ({ ...e, message: word(e.code, e.message) }));
  if (error.code === "payload_too_large" && errors.length === 0)
    errors = [{ field: "file", code: "too_large", message: t("documents.form.tooLarge") }];
  return new ApiError({ status: error.status, code: error.code, detail: error.detail, title: error.title, errors });
}

/** Refuses a file past the limit before sending any of it (as the API would, 413). */
export function tooLarge(file: File, t: T): ApiError | null {
  if (file.size <= MAX_BYTES) return null;
  return new ApiError({
    status: 413,
    code: "payload_too_large",
    errors: [{ field: "file", code: "too_large", message: t("documents.form.tooLarge") }],
  });
}

/** An upload's progress (`null` when none is going), and the call that sends a file. */
export function useUpload() {
  const [sent, setSent] = useState<number | null>(null);
  return {
    sent,
    reset: () => setSent(null),
    /** Sends the file; refused, the bar goes (what was sent is not kept). */
    send: async (id: number, file: File) => {
      setSent(0);
      try {
        return await uploadFile(id, file, setSent);
      } catch (e) {
        setSent(null);
        throw e;
      }
    },
  };
}

/** The progress bar of an upload, labelled by what is sent, with its share in text. */
export function UploadProgress({ sent, filename }: { sent: number | null; filename: string }) {
  const { t, percent } = useI18n();
  const id = useId();
  if (sent === null) return null;
  const value = Math.round(sent * 100);
  return (
    <div className="od-upload-progress fr-mb-2w">
      <label className="fr-label" htmlFor={id}>
        {t("documents.upload.label", { filename })}
      </label>
      <progress id={id} max={100} value={value} />
      <span className="fr-text--sm">{t("documents.upload.percent", { percent: percent(value) })}</span>
    </div>
  );
}

/** DSFR's file field, drawn here: its hint and its error tied to the input. */
export function FileField({
  native,
  state,
  disabled,
  onChange,
}: {
  /** Its id (the error summary links to it) and `aria-invalid` (`useFieldErrors().native`). */
  native: { id: string; "aria-invalid"?: boolean };
  state: FieldStateProps;
  disabled?: boolean;
  onChange: (file: File | null) => void;
}) {
  const { t } = useI18n();
  const id = native.id;
  const hint = `${id}-hint`;
  const message = `${id}-message`;
  return (
    <div className={`fr-upload-group fr-mt-2w fr-mb-3w${state.state === "error" ? " fr-input-group--error" : ""}`}>
      <label className="fr-label" htmlFor={id}>
        {t("documents.form.file")}
        <span className="fr-hint-text" id={hint}>
          {t("documents.form.fileHint")}
        </span>
      </label>
      <input
        className="fr-upload"
        type="file"
        id={id}
        name="file"
        required
        disabled={disabled}
        aria-invalid={native["aria-invalid"]}
        aria-describedby={state.state === "error" ? message : undefined}
        accept=".pdf,.odt,.ods,.odp,.docx,.xlsx,.pptx,.png,.jpg,.jpeg,.csv,.txt"
        onChange={(e) => onChange(e.target.files?.[0] ?? null)}
      />
      {state.state === "error" && (
        <p className="fr-error-text" id={message}>
          {state.stateRelatedMessage}
        </p>
      )}
    </div>
  );
}

/** A file document's next version (or its first file, when none was accepted yet). */
export function NewVersionForm({ document: d, onDone }: { document: Document; onDone: (saved: boolean) => void }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const upload = useUpload();
  const [file, setFile] = useState<File | null>(null);
  const save = useAction({
    mutationFn: async (): Promise<Document> => {
      if (!file)
        throw new ApiError({
          status: 422,
          code: "validation_failed",
          detail: t("common.invalidForm"),
          errors: [{ field: "file", code: "required", message: t("common.required") }],
        });
      const refused = tooLarge(file, t);
      if (refused) throw refused;
      try {
        return await upload.send(d.id, file);
      } catch (e) {
        throw wordDocumentError(e, t);
      }
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: documentKeys.all });
      onDone(true);
    },
    done: (saved) => ({
      key: "documents.newVersion.done",
      vars: { version: saved.file?.version ?? 1, title: saved.title },
    }),
    focus: (saved) => `document-${saved.id}`,
  });
  const error = save.isError ? save.error : null;
  const fields = useFieldErrors(error, `doc-${d.id}-version-`);
  return (
    <InlineForm
      titleId={`doc-${d.id}-version-title`}
      title={t("documents.newVersionOf", { title: d.title })}
      error={error}
      fieldLinks={fields.links}
      pending={save.isPending}
      onSubmit={() => save.mutate()}
      onCancel={() => onDone(false)}
      submit={
        <Button type="submit" disabled={save.isPending} iconId="fr-icon-upload-line" iconPosition="left">
          {save.isPending ? t("common.saving") : t("documents.newVersion.submit")}
        </Button>
      }
    >
      <FileField
        native={fields.native("file")}
        state={fields.state("file", t("documents.form.file"))}
        disabled={save.isPending}
        onChange={setFile}
      />
      <UploadProgress sent={upload.sent} filename={file?.name ?? ""} />
    </InlineForm>
  );
}
