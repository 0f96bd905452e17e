// Reporting a comment to the moderators.
import { useEffect, useId, useRef, useState } from "react";
import { useAction } from "../../components/actions";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { REPORT_REASONS, reportComment, type ReportReason } from "../moderation/queries";
import { useI18n } from "../../i18n";
import { ProblemAlert } from "../../components/QueryState";

/** Reporting a comment to the moderators: a reason, and details (required for "other"). */
export function ReportForm({
  commentId,
  onDone,
  onCancel,
}: {
  commentId: number;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState<ReportReason>("spam");
  const [details, setDetails] = useState("");
  const groupId = useId();
  // "Signaler" opens the form with the focus in it, on the chosen reason.
  const fieldset = useRef<HTMLFieldSetElement>(null);
  useEffect(() => fieldset.current?.querySelector<HTMLInputElement>("input:checked")?.focus(), []);
  const send = useAction({
    mutationFn: () => reportComment(commentId, reason, details),
    onSuccess: onDone,
    done: "report.done",
  });
  return (
    <form
      className="od-confirm"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        send.mutate();
      }}
    >
      {send.isError && <ProblemAlert error={send.error} />}
      <fieldset ref={fieldset} className="fr-fieldset" aria-labelledby={`${groupId}-legend`}>
        <legend className="fr-fieldset__legend fr-text--regular" id={`${groupId}-legend`}>
          {t("report.legend")}
        </legend>
        {REPORT_REASONS.map((r) => (
          <div className="fr-fieldset__element" key={r}>
            <div className="fr-radio-group fr-radio-group--sm">
              <input
                type="radio"
                id={`${groupId}-${r}`}
                name={`${groupId}-reason`}
                value={r}
                checked={reason === r}
                onChange={() => setReason(r)}
              />
              <label className="fr-label" htmlFor={`${groupId}-${r}`}>
                {t(`report.reason.${r}`)}
              </label>
            </div>
          </div>
        ))}
      </fieldset>
      <Input
        label={reason === "other" ? t("report.details") : t("common.optional", { label: t("report.details") })}
        nativeInputProps={{
          value: details,
          onChange: (e) => setDetails(e.target.value),
          maxLength: 1000,
          required: reason === "other",
        }}
      />
      <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left">
        <li>
          <Button type="submit" iconPosition="left" iconId="fr-icon-flag-line" disabled={send.isPending}>
            {t("report.submit")}
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
        </li>
      </ul>
    </form>
  );
}
