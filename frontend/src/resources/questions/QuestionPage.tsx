// One question: to whom, about what, by when; its answers as the public record keeps them (one
// stands, or none), the form the institution's officials answer with, and its discussion.
import { Link, useParams } from "react-router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { answerQuestion, getQuestion, questionKeys, type Question } from "./queries";
import { useSession } from "../../auth/session";
import { CommentForm } from "../comments/CommentForm";
import { Crumbs } from "../../components/Crumbs";
import { Discussion } from "../comments/Discussion";
import { PageHeading } from "../../components/PageHeading";
import { FollowButton } from "../notifications/FollowButton";
import { QuestionStatusBadge } from "./Questions";
import { QueryState, useStateTitle } from "../../components/QueryState";
import { SanitizedHtml } from "../../components/SanitizedHtml";
import { useI18n } from "../../i18n";
import { AnswerItem } from "./AnswerItem";
import { paths } from "../../app/resources";
import { FeedLink } from "../../components/FeedLink";

export default function QuestionPage() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const numeric = Number(id);
  const valid = Number.isInteger(numeric) && numeric > 0;
  const q = useQuery({ queryKey: questionKeys.one(numeric), queryFn: () => getQuestion(numeric), enabled: valid });
  const crumbs = [{ label: t("questions.all"), to: paths.questions() }];
  const stateTitle = useStateTitle();
  if (!valid || q.isPending || q.isError) {
    return (
      <>
        <Crumbs segments={crumbs} current={id} />
        <PageHeading title={stateTitle(valid && q.isPending, valid ? q.error : null)} />
        {!valid ? <p>{t("notFound.text")}</p> : <QueryState query={q} />}
      </>
    );
  }
  return <Body q={q.data} />;
}

function Body({ q }: { q: Question }) {
  const { t, calendarDate, dateTime } = useI18n();
  const { user } = useSession();
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: questionKeys.all });
  const canAnswer =
    !!user &&
    (user.role === "official" || user.role === "admin") &&
    user.institution_id === q.institution.id &&
    q.status !== "answered";
  const answer = useMutation({ mutationFn: (body: string) => answerQuestion(q.id, body), onSuccess: refresh });
  const asker = !!user && q.asked_by?.id === user.id;
  return (
    <>
      <Crumbs segments={[{ label: t("questions.all"), to: paths.questions() }]} current={q.title} />
      <div className="od-title-row">
        <PageHeading title={q.title}>
          <span lang={q.lang}>{q.title}</span>
        </PageHeading>
        <FollowButton kind="question" subjectKey={String(q.id)} />
      </div>
      <p>
        <QuestionStatusBadge status={q.status} />
      </p>
      <dl className="od-dl od-dl--grid fr-mb-3w">
        <dt>{t("question.to")}</dt>
        <dd>
          <Link to={paths.institution(q.institution.slug)}>{q.institution.name}</Link>
        </dd>
        <dt>{t("question.about")}</dt>
        <dd>
          <Link to={q.about.path} lang={q.about.lang}>
            {q.about.title}
          </Link>
        </dd>
        <dt>{t("question.askedBy")}</dt>
        <dd>
          {q.asked_by?.display_name ?? t("question.erased")} · <time dateTime={q.asked_at}>{dateTime(q.asked_at)}</time>
        </dd>
        <dt>{t("question.due")}</dt>
        <dd>
          {t("question.dueValue", { date: calendarDate(q.due_on), days: q.deadline_days })}{" "}
          <Link to={paths.holidays()}>{t("question.calendar")}</Link>
        </dd>
      </dl>
      <div lang={q.lang}>
        <SanitizedHtml html={q.body_html} />
      </div>
      <section className="fr-mt-4w" aria-labelledby="answers-title">
        <h2 id="answers-title">{t("question.answers")}</h2>
        {(q.answers ?? []).length === 0 ? (
          <p>{t("question.noAnswer")}</p>
        ) : (
          <ol className="od-plain-list">
            {(q.answers ?? []).map((a) => (
              <AnswerItem key={a.id} answer={a} questionId={q.id} asker={asker} onChanged={refresh} />
            ))}
          </ol>
        )}
        {canAnswer && (
          <div className="od-box fr-mt-2w">
            <h3 className="fr-h6">{t("question.answerTitle")}</h3>
            <p className="fr-text--sm">{t("question.answerIntro")}</p>
            <CommentForm
              label={t("question.answerLabel")}
              submitLabel={t("question.answerSubmit")}
              onSubmit={(body) => answer.mutateAsync(body)}
            />
          </div>
        )}
      </section>
      <FeedLink path={`/questions/${encodeURIComponent(String(q.id))}/comments.atom`} kind="comments" />
      <Discussion target={{ kind: "question", id: String(q.id) }} />
    </>
  );
}
