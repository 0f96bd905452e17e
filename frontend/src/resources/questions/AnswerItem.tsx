// One answer to a question, as the public record keeps it: whether it stands, hidden by the
// moderators (reason, no text), set aside by a later answer, edited (with each earlier text),
// said by the asker not to answer; and the asker's button to say so.
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import type { Schemas } from "../../api/client";
import { rejectAnswer } from "./queries";
import { EarlierVersions } from "../../components/EarlierVersions";
import { ProblemAlert } from "../../components/QueryState";
import { SanitizedHtml } from "../../components/SanitizedHtml";
import { useI18n } from "../../i18n";

type Answer = Schemas["QuestionAnswer"];

function AnswerBadge({ a }: { a: Answer }) {
  const { t } = useI18n();
  if (a.hidden_at)
    return (
      <Badge small severity="warning" as="span">
        {t("question.answer.hiddenBadge")}
      </Badge>
    );
  if (a.rejected_at)
    return (
      <Badge small severity="warning" as="span">
        {t("question.notAnAnswer")}
      </Badge>
    );
  if (a.superseded_at)
    return (
      <Badge small noIcon as="span">
        {t("question.answer.supersededBadge")}
      </Badge>
    );
  if (a.stands)
    return (
      <Badge small severity="success" as="span">
        {t("question.theAnswer")}
      </Badge>
    );
  return (
    <Badge small noIcon as="span">
      {t("question.answer.notStanding")}
    </Badge>
  );
}

export function AnswerItem({
  answer: a,
  questionId,
  asker,
  onChanged,
}: {
  answer: Answer;
  questionId: number;
  asker: boolean;
  onChanged: () => Promise<unknown>;
}) {
  const { t, dateTime } = useI18n();
  return (
    <li className={`od-box fr-mb-2w${a.stands ? "" : " od-answer--rejected"}`} data-answer-id={a.id}>
      <p className="fr-mb-1v">
        <AnswerBadge a={a} /> {/* A hidden answer does not count: how long it took says nothing while it is hidden. */}
        {!a.hidden_at &&
          (a.on_time ? t("question.onTime", { days: a.working_days }) : t("question.late", { days: a.working_days }))}
      </p>
      {a.hidden_at ? (
        <div className="od-tombstone">
          <p className="fr-mb-1v">{t("question.answer.hidden", { date: dateTime(a.hidden_at) })}</p>
          {a.hidden_reason && <p className="fr-mb-1v">{t("discussion.hiddenReason", { reason: a.hidden_reason })}</p>}
        </div>
      ) : (
        a.body_html && <SanitizedHtml html={a.body_html} />
      )}
      {a.superseded_at && !a.hidden_at && (
        <p className="fr-text--sm fr-mb-1v">{t("question.answer.superseded", { date: dateTime(a.superseded_at) })}</p>
      )}
      <p className="fr-text--xs fr-mb-0">
        {a.answered_by ?? t("question.erased")} · <time dateTime={a.answered_at}>{dateTime(a.answered_at)}</time>
        {a.edited_at && (
          <>
            {" "}
            · <time dateTime={a.edited_at}>{t("question.answer.edited", { date: dateTime(a.edited_at) })}</time>
          </>
        )}
        {a.rejection_note && <> · {t("question.rejectionNote", { note: a.rejection_note })}</>}
      </p>
      <EarlierVersions versions={a.earlier_versions} datesKey="versions.written">
        {(v) => <SanitizedHtml html={v.body_html} />}
      </EarlierVersions>
      {asker && a.stands && <Reject questionId={questionId} answerId={a.id} onDone={onChanged} />}
    </li>
  );
}

function Reject({
  questionId,
  answerId,
  onDone,
}: {
  questionId: number;
  answerId: number;
  onDone: () => Promise<unknown>;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const reject = useMutation({ mutationFn: () => rejectAnswer(questionId, answerId, note), onSuccess: onDone });
  if (!open) {
    return (
      <Button size="small" priority="secondary" className="fr-mt-1w" onClick={() => setOpen(true)}>
        {t("question.reject")}
      </Button>
    );
  }
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        reject.mutate();
      }}
    >
      {reject.isError && <ProblemAlert error={reject.error} />}
      <Input
        label={t("common.optional", { label: t("question.rejectNote") })}
        nativeInputProps={{ value: note, maxLength: 1000, onChange: (e) => setNote(e.target.value) }}
      />
      <ul className="fr-btns-group fr-btns-group--inline-sm">
        <li>
          <Button type="submit" size="small" disabled={reject.isPending}>
            {t("question.rejectConfirm")}
          </Button>
        </li>
        <li>
          <Button type="button" size="small" priority="tertiary" onClick={() => setOpen(false)}>
            {t("common.cancel")}
          </Button>
        </li>
      </ul>
    </form>
  );
}
