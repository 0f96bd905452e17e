// Making a proposal: the form of signed-in members while a phase open to proposals runs, and the
// form forum organisers (officials, admins) enter what a forum collected with. Both lead to the
// new proposal's page once it is saved.
import { useState } from "react";
import { useNavigate } from "react-router";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import "./messages";
import { coCreationKeys, createForumProposal, createProposal, type NewProposal, type Proposal } from "./queries";
import { forumKeys, listForums } from "../forums/queries";
import { wholeList } from "../../api/lists";
import { useAction } from "../../components/actions";
import { missingFields, useFieldErrors } from "../../components/forms";
import { ProblemAlert } from "../../components/QueryState";
import { useI18n, type MessageKey } from "../../i18n";
import { paths } from "../../app/resources";

type Fields = { title: string; problem: string; solution: string; theme: string; commitment: string; lead: string };
const EMPTY: Fields = { title: "", problem: "", solution: "", theme: "", commitment: "", lead: "" };

const optional = (s: string) => s.trim() || null;
function body(f: Fields): NewProposal {
  return {
    title: f.title.trim(),
    problem: f.problem,
    solution: f.solution,
    theme: optional(f.theme),
    commitment: optional(f.commitment),
    possible_lead: optional(f.lead),
  };
}

/** Saves, then opens the proposal's page (its heading takes the focus there). */
function useSubmit(send: () => Promise<Proposal>, done: MessageKey) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  return useAction({
    mutationFn: send,
    onSuccess: async (p) => {
      await qc.invalidateQueries({ queryKey: coCreationKeys.all });
      void navigate(paths.proposal(p.id));
    },
    done,
  });
}

/** The fields both forms share, named as the API names them (its field errors land on them). */
function ProposalFields({
  f,
  set,
  fields,
}: {
  f: Fields;
  set: (patch: Partial<Fields>) => void;
  fields: ReturnType<typeof useFieldErrors>;
}) {
  const { t } = useI18n();
  const { native, state } = fields;
  const opt = (key: MessageKey) => t("common.optional", { label: t(key) });
  return (
    <>
      <Input
        label={t("proposal.field.title")}
        {...state("title", t("proposal.field.title"))}
        nativeInputProps={{
          ...native("title"),
          required: true,
          maxLength: 200,
          value: f.title,
          onChange: (e) => set({ title: e.target.value }),
        }}
      />
      <Input
        textArea
        label={t("proposal.field.problem")}
        hintText={t("proposal.field.problemHint")}
        {...state("problem", t("proposal.field.problem"))}
        nativeTextAreaProps={{
          ...native("problem"),
          required: true,
          rows: 4,
          maxLength: 10000,
          value: f.problem,
          onChange: (e) => set({ problem: e.target.value }),
        }}
      />
      <Input
        textArea
        label={t("proposal.field.solution")}
        hintText={t("proposal.field.solutionHint")}
        {...state("solution", t("proposal.field.solution"))}
        nativeTextAreaProps={{
          ...native("solution"),
          required: true,
          rows: 4,
          maxLength: 10000,
          value: f.solution,
          onChange: (e) => set({ solution: e.target.value }),
        }}
      />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label={opt("proposal.field.theme")}
            {...state("theme", t("proposal.field.theme"))}
            nativeInputProps={{
              ...native("theme"),
              maxLength: 100,
              value: f.theme,
              onChange: (e) => set({ theme: e.target.value }),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label={opt("proposal.field.commitment")}
            hintText={t("proposal.field.commitmentHint")}
            {...state("commitment", t("proposal.field.commitment"))}
            nativeInputProps={{
              ...native("commitment"),
              maxLength: 40,
              value: f.commitment,
              onChange: (e) => set({ commitment: e.target.value }),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label={opt("proposal.field.possibleLead")}
            {...state("possible_lead", t("proposal.field.possibleLead"))}
            nativeInputProps={{
              ...native("possible_lead"),
              maxLength: 200,
              value: f.lead,
              onChange: (e) => set({ lead: e.target.value }),
            }}
          />
        </div>
      </div>
    </>
  );
}

const required = (f: Fields) => ({ title: f.title, problem: f.problem, solution: f.solution });

/** A member's proposal, while a phase open to proposals runs; named by its section's heading. */
export function ProposeForm({ plan, labelledBy }: { plan: string; labelledBy: string }) {
  const { t } = useI18n();
  const [f, setF] = useState(EMPTY);
  const submit = useSubmit(() => {
    const missing = missingFields(required(f), t("common.required"), t("common.invalidForm"));
    return missing ? Promise.reject(missing) : createProposal(plan, body(f));
  }, "propose.done");
  const err = submit.isError ? submit.error : null;
  const fields = useFieldErrors(err, "propose-");
  return (
    <form
      className="od-box"
      aria-labelledby={labelledBy}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit.mutate();
      }}
    >
      <p className="fr-text--sm">{t("common.requiredHint")}</p>
      {err !== null && <ProblemAlert error={err} fieldLinks={fields.links} focus />}
      <ProposalFields f={f} set={(patch) => setF((prev) => ({ ...prev, ...patch }))} fields={fields} />
      <Button type="submit" disabled={submit.isPending}>
        {submit.isPending ? t("common.saving") : t("propose.submit")}
      </Button>
    </form>
  );
}

/** Forum organisers: a proposal collected at one of their forums, behind a disclosure. */
export function ForumProposalForm({ plan }: { plan: string }) {
  const { t, date } = useI18n();
  const [f, setF] = useState(EMPTY);
  const [forum, setForum] = useState("");
  const [spokenBy, setSpokenBy] = useState("");
  const forums = useQuery({
    queryKey: forumKeys.list({ all: true, limit: 100 }),
    queryFn: () => wholeList((cursor) => listForums({ limit: 100, cursor })),
  });
  const submit = useSubmit(() => {
    const missing = missingFields({ forum, ...required(f) }, t("common.required"), t("common.invalidForm"));
    if (missing) return Promise.reject(missing);
    return createForumProposal(forum, { action_plan: plan, spoken_by: optional(spokenBy), ...body(f) });
  }, "forumEntry.done");
  const err = submit.isError ? submit.error : null;
  const fields = useFieldErrors(err, "forum-entry-");
  return (
    <details className="od-disclosure fr-mt-3w">
      <summary>{t("forumEntry.title")}</summary>
      <form
        className="od-box fr-mt-2w"
        aria-label={t("forumEntry.title")}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit.mutate();
        }}
      >
        <p className="fr-text--sm">{t("forumEntry.intro")}</p>
        <p className="fr-text--sm">{t("common.requiredHint")}</p>
        {err !== null && <ProblemAlert error={err} fieldLinks={fields.links} focus />}
        {forums.isError && <ProblemAlert error={forums.error} onRetry={() => void forums.refetch()} />}
        <Select
          label={t("forumEntry.forum")}
          {...fields.state("forum", t("forumEntry.forum"))}
          nativeSelectProps={{
            ...fields.native("forum"),
            required: true,
            value: forum,
            disabled: forums.isPending,
            onChange: (e) => setForum(e.target.value),
          }}
        >
          <option value="" disabled>
            {t("forumEntry.choose")}
          </option>
          {(forums.data?.items ?? []).map((x) => (
            <option key={x.id} value={x.slug}>
              {x.title} — {date(x.starts_at)}
            </option>
          ))}
        </Select>
        <Input
          label={t("common.optional", { label: t("forumEntry.spokenBy") })}
          hintText={t("forumEntry.spokenByHint")}
          {...fields.state("spoken_by", t("forumEntry.spokenBy"))}
          nativeInputProps={{
            ...fields.native("spoken_by"),
            maxLength: 200,
            value: spokenBy,
            onChange: (e) => setSpokenBy(e.target.value),
          }}
        />
        <ProposalFields f={f} set={(patch) => setF((prev) => ({ ...prev, ...patch }))} fields={fields} />
        <Button type="submit" disabled={submit.isPending}>
          {submit.isPending ? t("common.saving") : t("forumEntry.submit")}
        </Button>
      </form>
    </details>
  );
}
