// Questions to institutions in the web app: the questions about a commitment, milestone or
// action item with the form to ask one, a question's status badge, and an institution's
// responsiveness record.
import { useState } from "react";
import { Link, useLocation } from "react-router";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import type { Schemas } from "../../api/client";

type InstitutionRef = Schemas["InstitutionRef"];
import {
  askQuestion,
  getRecord,
  allQuestions,
  questionKeys,
  type AskAbout,
  type InstitutionRecord,
  type QuestionQuery,
  type QuestionStatus,
} from "./queries";
import { getCommitmentProgress, progressKeys } from "../progress/queries";
import { useSession } from "../../auth/session";
import { useI18n } from "../../i18n";
import { missingFields, useFieldErrors } from "../../components/forms";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import { useAction } from "../../components/actions";
import { paths } from "../../app/resources";

const severity: Record<QuestionStatus, "info" | "success" | "warning" | "error"> = {
  awaiting: "info",
  answered: "success",
  overdue: "warning",
  long_overdue: "error",
};

export function QuestionStatusBadge({ status }: { status: QuestionStatus }) {
  const { t } = useI18n();
  return (
    <Badge small severity={severity[status]} as="span">
      {t(`question.status.${status}`)}
    </Badge>
  );
}

/** The questions about one record, and the form to ask its institution one. */
export function QuestionsSection({
  about,
  query,
  institution,
  closed,
}: {
  about: AskAbout;
  query: QuestionQuery;
  institution?: InstitutionRef | null;
  closed?: boolean;
}) {
  const { t, calendarDate } = useI18n();
  const { user } = useSession();
  const location = useLocation();
  const q = useQuery({ queryKey: questionKeys.list({ ...query, all: true }), queryFn: () => allQuestions(query) });
  return (
    <section className="fr-mt-4w" aria-labelledby="questions-title">
      <h2 id="questions-title">{t("questions.title")}</h2>
      <p className="fr-text--sm">
        {institution
          ? t("questions.intro", { institution: institution.name })
          : institution === null
            ? t("questions.noInstitution")
            : t("questions.introOwner")}
      </p>
      <QueryState query={q} isEmpty={(data) => data.items.length === 0} empty={t("questions.empty")}>
        {(data) => (
          <ul className="od-plain-list">
            {data.items.map((x) => (
              <li key={x.id} className="fr-mb-1w">
                <Link to={paths.question(x.id)} lang={x.lang}>
                  {x.title}
                </Link>{" "}
                <QuestionStatusBadge status={x.status} />{" "}
                <span className="fr-text--xs">
                  {t("questions.askedOn", { date: calendarDate(x.asked_on) })} ·{" "}
                  {t("questions.dueOn", { date: calendarDate(x.due_on) })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      {institution !== null &&
        !closed &&
        (user ? (
          <AskForm about={about} />
        ) : (
          <p className="fr-callout fr-callout--brown-caramel od-signin-callout">
            <Link to={paths.signIn()} state={{ from: location.pathname }}>
              {t("questions.signIn")}
            </Link>
          </p>
        ))}
    </section>
  );
}

function AskForm({ about }: { about: AskAbout }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [f, setF] = useState({ title: "", body: "" });
  const ask = useAction({
    mutationFn: async () => {
      const missing = missingFields(f, t("common.required"), t("common.invalidForm"));
      if (missing) throw missing;
      return askQuestion(about, { title: f.title.trim(), body: f.body });
    },
    onSuccess: async () => {
      setF({ title: "", body: "" });
      await qc.invalidateQueries({ queryKey: questionKeys.all });
    },
    // Said once in the status region; the keyboard lands on the message, whose link leads to
    // the question's page.
    done: (asked) => ({ text: `${t("questions.asked")} ${asked.title}` }),
    focus: "ask-done",
  });
  const err = ask.isError ? ask.error : null;
  // The summary links each field in error (by its label) and takes the focus.
  const fields = useFieldErrors(err);
  return (
    <form
      className="od-box fr-mt-2w"
      aria-labelledby="ask-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        ask.mutate();
      }}
    >
      <h3 id="ask-title" className="fr-h6">
        {t("questions.ask")}
      </h3>
      {err !== null && <ProblemAlert error={err} fieldLinks={fields.links} focus />}
      {ask.isSuccess && (
        <p id="ask-done" tabIndex={-1} className="fr-message fr-message--valid">
          {t("questions.asked")} <Link to={paths.question(ask.data.id)}>{ask.data.title}</Link>
        </p>
      )}
      <Input
        label={t("questions.form.title")}
        {...fields.state("title", t("questions.form.title"))}
        nativeInputProps={{
          ...fields.native("title"),
          name: "title",
          required: true,
          maxLength: 200,
          value: f.title,
          onChange: (e) => setF({ ...f, title: e.target.value }),
        }}
      />
      <Input
        textArea
        label={t("questions.form.body")}
        hintText={t("discussion.markdownHint")}
        {...fields.state("body", t("questions.form.body"))}
        nativeTextAreaProps={{
          ...fields.native("body"),
          name: "body",
          required: true,
          rows: 4,
          maxLength: 10000,
          value: f.body,
          onChange: (e) => setF({ ...f, body: e.target.value }),
        }}
      />
      <Button type="submit" disabled={ask.isPending}>
        {ask.isPending ? t("common.saving") : t("questions.form.submit")}
      </Button>
    </form>
  );
}

/** A milestone's questions: they go to its commitment's lead institution. */
export function MilestoneQuestions({
  milestoneId,
  commitmentCode,
  closed,
}: {
  milestoneId: number;
  commitmentCode: string;
  closed: boolean;
}) {
  const lead = useQuery({
    queryKey: progressKeys.commitment(commitmentCode),
    queryFn: () => getCommitmentProgress(commitmentCode),
  });
  return (
    <QuestionsSection
      about={{ kind: "milestone", key: String(milestoneId) }}
      query={{ milestone: milestoneId, limit: 50 }}
      institution={lead.data ? (lead.data.lead_institution ?? null) : undefined}
      closed={closed}
    />
  );
}

/** An institution's responsiveness record. */
export function RecordSection({ slug }: { slug: string }) {
  const { t } = useI18n();
  const q = useQuery({ queryKey: questionKeys.record(slug), queryFn: () => getRecord(slug) });
  return (
    <section className="fr-mt-4w" aria-labelledby="record-title">
      <h2 id="record-title">{t("record.title")}</h2>
      <QueryState query={q}>{(data) => <RecordFigures r={data} />}</QueryState>
      <p>
        <Link to={paths.questions({ institution: slug })}>{t("record.questions")}</Link> ·{" "}
        <Link to={paths.compare()}>{t("record.compare")}</Link>
      </p>
    </section>
  );
}

export function OnTimeRate({ r }: { r: InstitutionRecord }) {
  const { t, number } = useI18n();
  if (!r.on_time_rate) return <>{t("record.tooFew", { n: number(r.decided), min: 10 })}</>;
  return (
    <>
      {t("record.rate", {
        percent: number(r.on_time_rate.percent),
        low: number(r.on_time_rate.low),
        high: number(r.on_time_rate.high),
      })}
    </>
  );
}

function RecordFigures({ r }: { r: InstitutionRecord }) {
  const { t, number } = useI18n();
  return (
    <dl className="od-dl od-dl--grid">
      <dt>{t("record.received")}</dt>
      <dd>{number(r.questions_received)}</dd>
      <dt>{t("record.answered")}</dt>
      <dd>{number(r.questions_answered)}</dd>
      <dt>{t("record.onTime")}</dt>
      <dd>
        {number(r.answered_on_time)} — <OnTimeRate r={r} />
      </dd>
      <dt>{t("record.median")}</dt>
      <dd>
        {r.median_working_days == null ? t("record.noAnswers") : t("record.days", { n: number(r.median_working_days) })}
      </dd>
      <dt>{t("record.overdue")}</dt>
      <dd>
        {number(r.overdue_now)}
        {r.long_overdue_now > 0 && ` (${t("record.longOverdue", { n: number(r.long_overdue_now) })})`}
      </dd>
      <dt>{t("record.awaiting")}</dt>
      <dd>{number(r.awaiting_now)}</dd>
      <dt>{t("record.actions")}</dt>
      <dd>
        {t("record.actionsValue", {
          closed: number(r.action_items_closed),
          onTime: number(r.action_items_closed_on_time),
          owned: number(r.action_items_owned),
          overdue: number(r.action_items_overdue_now),
        })}
      </dd>
      <dt>{t("record.updates")}</dt>
      <dd>{number(r.progress_updates)}</dd>
    </dl>
  );
}
