// Feedback on a held forum: the form of the people recorded as present, the aggregated results
// (a bar chart per rating question with its table; approved free text, without names) once they
// are published (answers closed, enough of them), the organisers' review of free text and their
// response. Nothing is shown for a forum whose format asks nothing.
import { useState } from "react";
import { Link } from "react-router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import type { Forum } from "../../api/client";
import "./messages";
import {
  approveText,
  changeFeedback,
  feedbackKeys,
  getFeedbackTexts,
  getForumFeedback,
  getMyFeedback,
  giveFeedback,
  putFeedbackResponse,
  withdrawText,
  type FeedbackResults,
  type MyFeedback,
} from "./queries";
import { formatKeys, getFormatVersion } from "../formats/queries";
import { getMyRegistration, registrationKeys } from "../registrations/queries";
import { canEditContent, useSession } from "../../auth/session";
import { useI18n } from "../../i18n";
import { useAction } from "../../components/actions";
import { DataTable } from "../../components/DataTable";
import { Loading, ProblemAlert, QueryState } from "../../components/QueryState";
import { SanitizedHtml } from "../../components/SanitizedHtml";
import { paths } from "../../app/resources";

export function ForumFeedbackSection({ forum: f }: { forum: Forum }) {
  const { t, date } = useI18n();
  const { user } = useSession();
  const q = useQuery({
    queryKey: feedbackKeys.forum(f.slug),
    queryFn: () => getForumFeedback(f.slug),
    enabled: f.status === "held" && !!f.format,
  });
  if (f.status !== "held" || !f.format) return null;
  if (q.isPending) return <Loading />;
  if (q.isError) return <ProblemAlert error={q.error} onRetry={() => void q.refetch()} />;
  const fb = q.data;
  if (fb.results.questions.length === 0) return null;
  return (
    <section className="fr-mt-4w" aria-labelledby="forum-feedback">
      <h2 id="forum-feedback">{t("feedback.title")}</h2>
      <p>{t("feedback.intro", { threshold: fb.results.threshold })}</p>
      <p>{t("feedback.who")}</p>
      {fb.response && (
        <div className="od-box fr-mb-3w">
          <h3 className="fr-h5">{t("feedback.response")}</h3>
          <SanitizedHtml html={fb.response.body_html} />
          {fb.response.next_version && (
            <Link to={paths.format(fb.response.next_version.slug, fb.response.next_version.version)}>
              {t("feedback.response.next", { version: fb.response.next_version.version })}
            </Link>
          )}
        </div>
      )}
      {fb.open ? (
        <p className="fr-text--sm">{t("feedback.closesOn", { date: date(fb.closes_at) })}</p>
      ) : (
        <p className="fr-text--sm">{t("feedback.closed")}</p>
      )}
      {fb.open && user && <FeedbackForm forum={f} />}
      <Results results={fb.results} open={fb.open} closesAt={fb.closes_at} />
      {canEditContent(user?.role) && <Moderation forum={f} />}
    </section>
  );
}

function FeedbackForm({ forum: f }: { forum: Forum }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const version = useQuery({
    queryKey: formatKeys.version(f.format!.slug, f.format!.version),
    queryFn: () => getFormatVersion(f.format!.slug, f.format!.version),
  });
  const mine = useQuery({ queryKey: feedbackKeys.mine(f.slug), queryFn: () => getMyFeedback(f.slug) });
  // Only the people recorded as present answer: the others are told so rather than refused.
  const registration = useQuery({ queryKey: registrationKeys.mine(f.slug), queryFn: () => getMyRegistration(f.slug) });
  if (version.isPending || mine.isPending || registration.isPending) return <Loading />;
  if (version.isError || mine.isError || registration.isError)
    return <ProblemAlert error={version.error ?? mine.error ?? registration.error} />;
  if (!mine.data && !registration.data?.checked_in_at) return <p className="fr-callout">{t("feedback.notPresent")}</p>;
  return (
    <FeedbackFormBody
      key={mine.data ? "edit" : "new"}
      forum={f}
      questions={version.data.questionnaire}
      mine={mine.data ?? null}
      onSaved={() => void qc.invalidateQueries({ queryKey: feedbackKeys.all })}
    />
  );
}

function FeedbackFormBody({
  forum: f,
  questions,
  mine,
  onSaved,
}: {
  forum: Forum;
  questions: { key: string; kind: "rating" | "text"; label: string }[];
  mine: MyFeedback | null;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries((mine?.answers ?? []).map((a) => [a.key, a.rating != null ? String(a.rating) : (a.text ?? "")])),
  );
  // Said in the status region; the focus goes back to the form's heading.
  const save = useAction({
    mutationFn: () => {
      const answers = questions
        .filter((q) => (values[q.key] ?? "").trim() !== "")
        .map((q) =>
          q.kind === "rating"
            ? { key: q.key, rating: Number(values[q.key]) }
            : { key: q.key, text: values[q.key].trim() },
        );
      return mine ? changeFeedback(f.slug, { answers }) : giveFeedback(f.slug, { answers });
    },
    onSuccess: onSaved,
    done: "feedback.saved",
    focus: "feedback-form",
  });
  return (
    <form
      className="od-box fr-mb-3w"
      aria-labelledby="feedback-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h3 id="feedback-form" className="fr-h5">
        {mine ? t("feedback.change") : t("feedback.give")}
      </h3>
      {save.isError && <ProblemAlert error={save.error} />}
      {save.isSuccess && (
        <Alert severity="success" small className="fr-mb-2w" description={t("feedback.saved")} role={undefined} />
      )}
      {questions.map((q) =>
        q.kind === "rating" ? (
          <RadioButtons
            key={q.key}
            legend={t("feedback.ratingLegend", { label: q.label })}
            orientation="horizontal"
            options={["1", "2", "3", "4", "5"].map((n) => ({
              label: n,
              nativeInputProps: {
                name: `q-${q.key}`,
                value: n,
                checked: values[q.key] === n,
                onChange: () => setValues((v) => ({ ...v, [q.key]: n })),
              },
            }))}
          />
        ) : (
          <Input
            key={q.key}
            textArea
            label={t("feedback.optionalText", { label: q.label })}
            nativeTextAreaProps={{
              name: `q-${q.key}`,
              rows: 3,
              value: values[q.key] ?? "",
              onChange: (e) => setValues((v) => ({ ...v, [q.key]: e.target.value })),
            }}
          />
        ),
      )}
      <Button type="submit" disabled={save.isPending}>
        {save.isPending ? t("common.saving") : t("feedback.submit")}
      </Button>
    </form>
  );
}

/** Aggregates only, once published: a chart and a table per rating question, approved texts per
 *  text question. Before, when and on what condition they will be; never a figure. */
export function Results({ results, open, closesAt }: { results: FeedbackResults; open: boolean; closesAt: string }) {
  const { t, number, date } = useI18n();
  if (!results.published) {
    return (
      <p className="fr-callout">
        {open
          ? t("feedback.unpublished", { date: date(closesAt), threshold: results.threshold })
          : t("feedback.notPublished", { threshold: results.threshold })}
      </p>
    );
  }
  return (
    <>
      <p>
        {t("feedback.published", { date: date(closesAt) })}{" "}
        {t("feedback.count", { count: number(results.answers_count ?? 0) })}
      </p>
      {results.questions.map((q) => (
        <div key={q.key} className="fr-mb-3w">
          <h3 className="fr-h6">{q.label}</h3>
          {q.count == null ? (
            <p>{t("feedback.notEnough", { threshold: results.threshold })}</p>
          ) : q.kind === "rating" && q.distribution ? (
            <>
              <p>{t("feedback.mean", { mean: number(q.mean ?? 0), count: number(q.count) })}</p>
              <Bars counts={q.distribution} label={q.label} />
              <DataTable caption={t("feedback.distribution.caption", { label: q.label })} hideCaption>
                <thead>
                  <tr>
                    <th scope="col">{t("feedback.distribution.rating")}</th>
                    <th scope="col">{t("feedback.distribution.count")}</th>
                  </tr>
                </thead>
                <tbody>
                  {q.distribution.map((n, i) => (
                    <tr key={i}>
                      <th scope="row">{i + 1}</th>
                      <td>{number(n)}</td>
                    </tr>
                  ))}
                </tbody>
              </DataTable>
            </>
          ) : q.texts.length === 0 ? (
            <p>{t("feedback.texts.none")}</p>
          ) : (
            <ul>
              {q.texts.map((text, i) => (
                <li key={i}>
                  <q>{text}</q>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </>
  );
}

/** One bar per rating, 1 to 5 (the table below holds the same figures). */
function Bars({ counts, label }: { counts: number[]; label: string }) {
  const { t, number } = useI18n();
  const max = Math.max(1, ...counts);
  const description = counts.map((n, i) => `${i + 1} : ${number(n)}`).join(", ");
  return (
    <svg
      viewBox="0 0 100 44"
      width="100%"
      height="120"
      role="img"
      aria-label={`${t("feedback.distribution.caption", { label })} — ${description}`}
      className="od-bars"
    >
      {counts.map((n, i) => {
        const h = (n / max) * 32;
        return (
          <g key={i}>
            <rect x={i * 20 + 4} y={36 - h} width={12} height={h} className="od-bars__bar" />
            <text x={i * 20 + 10} y={42} textAnchor="middle" className="od-bars__label">
              {i + 1}
            </text>
            <text x={i * 20 + 10} y={Math.max(6, 34 - h)} textAnchor="middle" className="od-bars__label">
              {n}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Organisers: review free text (published only once approved) and publish their response. */
function Moderation({ forum: f }: { forum: Forum }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const texts = useQuery({ queryKey: feedbackKeys.texts(f.slug), queryFn: () => getFeedbackTexts(f.slug) });
  const toggle = useMutation({
    mutationFn: ({ id, approve }: { id: number; approve: boolean }) => (approve ? approveText(id) : withdrawText(id)),
    onSuccess: () => void qc.invalidateQueries({ queryKey: feedbackKeys.all }),
  });
  const [response, setResponse] = useState({ body: "", next: "" });
  const publish = useMutation({
    mutationFn: () =>
      putFeedbackResponse(f.slug, {
        body: response.body,
        next_version: response.next.trim() ? Number(response.next) : null,
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: feedbackKeys.all }),
  });
  return (
    <div className="fr-mt-4w">
      <h3 className="fr-h5">{t("feedback.moderation")}</h3>
      <QueryState
        query={texts}
        retry={false}
        isEmpty={(data) => data.length === 0}
        empty={<p>{t("feedback.moderation.none")}</p>}
      >
        {(data) => (
          <ul className="od-plain-list">
            {data.map((a) => (
              <li key={a.id} className="fr-mb-2w">
                <q>{a.text}</q> — <em>{a.approved ? t("feedback.approved") : t("feedback.pending")}</em>{" "}
                <Button
                  size="small"
                  priority={a.approved ? "tertiary" : "secondary"}
                  onClick={() => toggle.mutate({ id: a.id, approve: !a.approved })}
                  disabled={toggle.isPending}
                >
                  {a.approved ? t("feedback.withdraw") : t("feedback.approve")}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      {toggle.isError && <ProblemAlert error={toggle.error} />}
      <form
        className="od-box fr-mt-3w"
        aria-labelledby="response-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          publish.mutate();
        }}
      >
        <h3 id="response-form" className="fr-h5">
          {t("feedback.responseForm")}
        </h3>
        {publish.isError && <ProblemAlert error={publish.error} />}
        <Input
          textArea
          label={t("feedback.responseBody")}
          nativeTextAreaProps={{
            name: "response",
            rows: 4,
            value: response.body,
            onChange: (e) => setResponse((r) => ({ ...r, body: e.target.value })),
          }}
        />
        <Input
          label={t("common.optional", { label: t("feedback.responseNext") })}
          nativeInputProps={{
            type: "number",
            min: 1,
            name: "next_version",
            value: response.next,
            onChange: (e) => setResponse((r) => ({ ...r, next: e.target.value })),
          }}
        />
        <Button type="submit" disabled={publish.isPending}>
          {t("feedback.responseSubmit")}
        </Button>
      </form>
    </div>
  );
}
