// What those who answer for the coordinating institution do on a proposal's page: draft its
// response (a state and, past review, the reason), discard the draft, or merge a duplicate into
// another proposal of the plan. Drafts are published together from the concertation page.
import { useState } from "react";
import { Link } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import "./messages";
import {
  coCreationKeys,
  discardDraft,
  draftResponse,
  DRAFT_STATES,
  mergeProposal,
  NEEDS_REASON,
  type Proposal,
  type ProposalState,
} from "./queries";
import { ApiError } from "../../api/errors";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { ProblemAlert } from "../../components/QueryState";
import { useAction } from "../../components/actions";
import { missingFields, useFieldErrors } from "../../components/forms";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";

/** After a write: the proposal as the API answered it, and the counts and lists refreshed. */
export function useSaved() {
  const qc = useQueryClient();
  return async (p: Proposal) => {
    qc.setQueryData(coCreationKeys.proposal(p.id), p);
    await qc.invalidateQueries({ queryKey: coCreationKeys.all, predicate: (q) => q.queryKey[1] !== "proposal" });
  };
}

function required(message: string, detail: string): ApiError {
  return new ApiError({
    status: 422,
    code: "validation_failed",
    detail,
    errors: [{ field: "reason", code: "required", message }],
  });
}

export function DraftResponseForm({ proposal: p }: { proposal: Proposal }) {
  const { t, dateTime } = useI18n();
  const saved = useSaved();
  const draft = p.draft_response;
  const published = p.response.state !== "received" && p.response.state !== "merged" ? p.response : null;
  const [state, setState] = useState<ProposalState>(draft?.state ?? published?.state ?? "under_review");
  const [reason, setReason] = useState(draft?.reason ?? published?.reason ?? "");
  const save = useAction({
    mutationFn: () => {
      if (NEEDS_REASON.includes(state) && reason.trim() === "")
        return Promise.reject(required(t("common.required"), t("common.invalidForm")));
      return draftResponse(p.id, { state, reason: reason.trim() || null });
    },
    onSuccess: saved,
    done: "draft.saved",
    // The button is off while saving: the keyboard lands on the sentence that says what is saved.
    focus: "draft-current",
  });
  const discard = useAction({
    mutationFn: () => discardDraft(p.id),
    onSuccess: async (updated) => {
      await saved(updated);
      const next =
        updated.response.state !== "received" && updated.response.state !== "merged" ? updated.response : null;
      setState(next?.state ?? "under_review");
      setReason(next?.reason ?? "");
    },
    done: "draft.discarded",
    focus: "draft-title",
  });
  const failed = save.isError ? save.error : discard.isError ? discard.error : null;
  const fields = useFieldErrors(save.isError ? save.error : null, "draft-");
  return (
    <form
      className="od-box fr-mt-3w"
      aria-labelledby="draft-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h3 id="draft-title" className="fr-h5" tabIndex={-1}>
        {t("draft.title")}
      </h3>
      <p className="fr-text--sm">
        {t("draft.intro")} <Link to={paths.coCreation(p.action_plan_slug)}>{t("draft.publishLink")}</Link>
      </p>
      {failed !== null && <ProblemAlert error={failed} fieldLinks={fields.links} focus />}
      {draft && (
        <p id="draft-current" className="fr-text--bold" tabIndex={-1}>
          {t("draft.current", { date: dateTime(draft.at ?? p.updated_at), state: t(`proposal.state.${draft.state}`) })}
        </p>
      )}
      <Select
        label={t("draft.state")}
        {...fields.state("state", t("draft.state"))}
        nativeSelectProps={{
          ...fields.native("state"),
          name: "state",
          value: state,
          onChange: (e) => setState(e.target.value as ProposalState),
        }}
      >
        {DRAFT_STATES.map((s) => (
          <option key={s} value={s}>
            {t(`proposal.state.${s}`)}
          </option>
        ))}
      </Select>
      <Input
        textArea
        label={NEEDS_REASON.includes(state) ? t("draft.reason") : t("common.optional", { label: t("draft.reason") })}
        hintText={t("draft.reasonHint")}
        {...fields.state("reason", t("draft.reason"))}
        nativeTextAreaProps={{
          ...fields.native("reason"),
          name: "reason",
          rows: 5,
          maxLength: 10000,
          required: NEEDS_REASON.includes(state),
          value: reason,
          onChange: (e) => setReason(e.target.value),
        }}
      />
      <ul className="fr-btns-group fr-btns-group--inline-sm">
        <li>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? t("common.saving") : t("draft.save")}
          </Button>
        </li>
        {draft && (
          <li>
            <Button type="button" priority="secondary" disabled={discard.isPending} onClick={() => discard.mutate()}>
              {t("draft.discard")}
            </Button>
          </li>
        )}
      </ul>
    </form>
  );
}

export function MergeForm({ proposal: p }: { proposal: Proposal }) {
  const { t } = useI18n();
  const saved = useSaved();
  const [into, setInto] = useState("");
  const [reason, setReason] = useState("");
  const [confirming, setConfirming] = useState(false);
  const merge = useAction({
    mutationFn: () => mergeProposal(p.id, Number(into), reason.trim()),
    onSuccess: saved,
    done: "merge.done",
    focus: "merged-into",
  });
  const [checked, setChecked] = useState<ApiError | null>(null);
  const err = checked ?? (merge.isError ? merge.error : null);
  const fields = useFieldErrors(err, "merge-");
  return (
    <form
      className="od-box fr-mt-3w"
      aria-labelledby="merge-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const missing = missingFields({ into, reason }, t("common.required"), t("common.invalidForm"));
        setChecked(missing);
        if (!missing) setConfirming(true);
      }}
    >
      <h3 id="merge-title" className="fr-h5">
        {t("merge.title")}
      </h3>
      <p className="fr-text--sm">{t("merge.intro")}</p>
      {err !== null && <ProblemAlert error={err} fieldLinks={fields.links} focus />}
      <Input
        label={t("merge.into")}
        hintText={t("merge.intoHint")}
        {...fields.state("into", t("merge.into"))}
        nativeInputProps={{
          ...fields.native("into"),
          name: "into",
          type: "number",
          min: 1,
          inputMode: "numeric",
          required: true,
          value: into,
          onChange: (e) => setInto(e.target.value),
        }}
      />
      <Input
        textArea
        label={t("merge.reason")}
        {...fields.state("reason", t("merge.reason"))}
        nativeTextAreaProps={{
          ...fields.native("reason"),
          name: "reason",
          rows: 3,
          maxLength: 10000,
          required: true,
          value: reason,
          onChange: (e) => setReason(e.target.value),
        }}
      />
      <Button
        type="submit"
        priority="secondary"
        iconPosition="left"
        iconId="fr-icon-git-merge-line"
        disabled={merge.isPending}
      >
        {t("merge.submit")}
      </Button>
      <ConfirmDialog
        open={confirming}
        title={t("merge.confirmTitle")}
        confirmLabel={t("merge.submit")}
        busy={merge.isPending}
        onConfirm={() => {
          setConfirming(false);
          merge.mutate();
        }}
        onClose={() => setConfirming(false)}
      >
        <p>{t("merge.confirmBody", { into })}</p>
      </ConfirmDialog>
    </form>
  );
}
