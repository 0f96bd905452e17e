// Writing a comment or a reply, with a preview rendered safely on the client.
import { useId, useState, type FormEvent } from "react";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useFieldState } from "../../components/forms";
import { useI18n } from "../../i18n";
import { MarkdownPreview } from "./MarkdownPreview";
import { ProblemAlert } from "../../components/QueryState";
import { useMentions } from "./Mentions";

export function CommentForm(props: {
  label: string;
  submitLabel: string;
  initial?: string;
  focusOnOpen?: boolean;
  onSubmit: (body: string) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const { t } = useI18n();
  const [body, setBody] = useState(props.initial ?? "");
  const [preview, setPreview] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const previewId = useId();
  const mentions = useMentions(body, setBody);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      await props.onSubmit(body);
      setBody("");
      setPreview(false);
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  const bodyError = useFieldState()(error, "body").stateRelatedMessage;
  return (
    <form onSubmit={(e) => void submit(e)} className="od-comment-form" noValidate>
      {error !== null && !bodyError && <ProblemAlert error={error} />}
      <div className="od-mentions">
        <Input
          textArea
          label={props.label}
          hintText={`${t("discussion.markdownHint")} ${t("mention.hint")}`}
          state={bodyError ? "error" : "default"}
          stateRelatedMessage={bodyError}
          nativeTextAreaProps={{
            ...mentions.textareaProps,
            value: body,
            onChange: (e) => {
              setBody(e.target.value);
              mentions.textareaProps.onSelect(e);
            },
            rows: 4,
            required: true,
            maxLength: 20000,
            autoFocus: props.focusOnOpen,
          }}
        />
        {mentions.list}
      </div>
      {preview && (
        <section id={previewId} className="od-preview fr-mb-2w" aria-label={t("discussion.previewTitle")}>
          {body.trim() ? <MarkdownPreview source={body} /> : <p className="fr-mb-0">{t("discussion.previewEmpty")}</p>}
        </section>
      )}
      <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left">
        <li>
          <Button
            type="submit"
            disabled={pending || body.trim() === ""}
            iconPosition="left"
            iconId="fr-icon-send-plane-line"
          >
            {pending ? t("common.saving") : props.submitLabel}
          </Button>
        </li>
        <li>
          <Button
            type="button"
            priority="secondary"
            iconPosition="left"
            iconId="fr-icon-eye-line"
            nativeButtonProps={{ "aria-pressed": preview, "aria-controls": preview ? previewId : undefined }}
            onClick={() => setPreview((p) => !p)}
          >
            {t("discussion.preview")}
          </Button>
        </li>
        {props.onCancel && (
          <li>
            <Button type="button" priority="tertiary" onClick={props.onCancel}>
              {t("common.cancel")}
            </Button>
          </li>
        )}
      </ul>
    </form>
  );
}
