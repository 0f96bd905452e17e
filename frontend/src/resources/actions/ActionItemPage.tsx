// One action item: what, who, when, what it serves, its status and the history of its
// statuses (never edited), the organisers' status form, and its discussion.
import { useState } from "react";
import { Link, useParams } from "react-router";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { canEditContent, useSession } from "../../auth/session";
import {
  ACTION_STATUSES,
  actionKeys,
  changeActionStatus,
  getActionItem,
  type ActionItem,
  type ActionStatus,
} from "./queries";
import { ActionStatusBadge, OverdueBadge } from "./ActionItems";
import { Crumbs } from "../../components/Crumbs";
import { Discussion } from "../comments/Discussion";
import { QuestionsSection } from "../questions/Questions";
import { useFieldErrors } from "../../components/forms";
import { useAction } from "../../components/actions";
import { PageHeading } from "../../components/PageHeading";
import { FollowButton } from "../notifications/FollowButton";
import { Loading, ProblemAlert, useStateTitle } from "../../components/QueryState";
import { SanitizedHtml } from "../../components/SanitizedHtml";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";
import { FeedLink } from "../../components/FeedLink";

export default function ActionItemPage() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const numeric = Number(id);
  const q = useQuery({
    queryKey: actionKeys.one(numeric),
    queryFn: () => getActionItem(numeric),
    enabled: Number.isInteger(numeric) && numeric > 0,
  });
  const crumbs = [{ label: t("actions.followUp.title"), to: paths.followUp() }];
  const stateTitle = useStateTitle();
  if (!(Number.isInteger(numeric) && numeric > 0) || q.isPending || q.isError) {
    const pending = q.isPending && q.fetchStatus !== "idle";
    return (
      <>
        <Crumbs segments={crumbs} current={id} />
        <PageHeading title={stateTitle(pending, q.error)} />
        {pending ? <Loading /> : <ProblemAlert error={q.error ?? { status: 404 }} onRetry={() => void q.refetch()} />}
      </>
    );
  }
  const a = q.data;
  return <ActionItemView item={a} />;
}

function ActionItemView({ item: a }: { item: ActionItem }) {
  const { t, calendarDate, date } = useI18n();
  const { user } = useSession();
  return (
    <>
      <Crumbs segments={[{ label: t("actions.followUp.title"), to: paths.followUp() }]} current={a.title} />
      <div className="od-title-row">
        <PageHeading title={a.title} />
        <FollowButton kind="action_item" subjectKey={String(a.id)} />
        {canEditContent(user?.role) && (
          <Button
            priority="secondary"
            iconPosition="left"
            iconId="fr-icon-edit-line"
            linkProps={{ to: paths.editActionItem(a.id) }}
          >
            {t("actions.edit")}
          </Button>
        )}
      </div>
      <ul className="fr-badges-group fr-mb-2w">
        <li>
          <ActionStatusBadge status={a.status} />
        </li>
        {a.overdue && (
          <li>
            <OverdueBadge item={a} />
          </li>
        )}
      </ul>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-8">
          {a.description.trim() && <SanitizedHtml html={a.description_html} />}
          {a.outcome && (
            <section className="od-box fr-mb-3w" aria-labelledby="action-outcome">
              <h2 id="action-outcome" className="fr-h5">
                {t("actions.outcome")}
              </h2>
              <p>{a.outcome}</p>
            </section>
          )}
          <h2>{t("actions.history")}</h2>
          <ol className="od-history">
            {a.history.map((h, i) => (
              <li key={i}>
                <strong>
                  {t("actions.history.entry", { status: t(`status.action.${h.status}`), date: date(h.at) })}
                </strong>
                {h.by && <> {t("actions.history.by", { name: h.by })}</>}
                {h.note && <p className="fr-mb-0">{t("actions.history.note", { note: h.note })}</p>}
                {h.outcome && <p className="fr-mb-0">{t("actions.history.outcome", { outcome: h.outcome })}</p>}
              </li>
            ))}
          </ol>
          {canEditContent(user?.role) && <StatusForm item={a} />}
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <section className="od-box" aria-labelledby="action-details">
            <h2 id="action-details" className="fr-h5">
              {t("forums.details")}
            </h2>
            <dl className="od-dl">
              <dt>{t("actions.col.owner")}</dt>
              <dd>
                {a.owner_institution ? (
                  <Link to={paths.institution(a.owner_institution.slug)}>{a.owner.name}</Link>
                ) : (
                  a.owner.name
                )}{" "}
                ({t(`actions.owner.${a.owner.kind}`)})
              </dd>
              <dt>{t("actions.col.due")}</dt>
              <dd>
                <time dateTime={a.due_on}>{calendarDate(a.due_on)}</time>
              </dd>
              <dt>{t("actions.forum")}</dt>
              <dd>
                <Link to={paths.forum(a.forum.slug)}>{a.forum.title}</Link>
              </dd>
              {a.commitment && (
                <>
                  <dt>{t("actions.serves")}</dt>
                  <dd>
                    <Link to={paths.commitment(a.commitment.code)}>
                      {a.commitment.code} — {a.commitment.title}
                    </Link>
                    {a.milestone && (
                      <>
                        <br />
                        <Link to={paths.milestone(a.milestone.id)}>
                          {a.milestone.code} — {a.milestone.title}
                        </Link>
                      </>
                    )}
                  </dd>
                </>
              )}
            </dl>
          </section>
        </div>
      </div>
      <QuestionsSection about={{ kind: "action_item", key: String(a.id) }} query={{ action_item: a.id, limit: 50 }} />
      {/* The discussion's section carries the "#discussion" anchor itself (ids are unique, RGAA 8.2). */}
      <FeedLink path={`/action-items/${encodeURIComponent(String(a.id))}/comments.atom`} kind="comments" />
      <Discussion target={{ kind: "action_item", id: String(a.id) }} closed={false} />
    </>
  );
}

/** Organisers give the item a new status (with a note; an outcome to close it). */
function StatusForm({ item }: { item: ActionItem }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const next = ACTION_STATUSES.filter((s) => s !== item.status);
  const [draft, setDraft] = useState<{ status: ActionStatus; note: string; outcome: string }>({
    status: next[0],
    note: "",
    outcome: "",
  });
  const closes = draft.status === "done" || draft.status === "dropped";
  // Said in the status region; the focus goes back to the form's heading.
  const save = useAction({
    mutationFn: () =>
      changeActionStatus(item.id, {
        status: draft.status,
        note: draft.note.trim() || null,
        outcome: closes ? draft.outcome.trim() || null : null,
      }),
    onSuccess: async (saved) => {
      qc.setQueryData(actionKeys.one(saved.id), saved);
      await qc.invalidateQueries({ queryKey: actionKeys.all });
      setDraft({ status: ACTION_STATUSES.filter((s) => s !== saved.status)[0], note: "", outcome: "" });
    },
    done: "actions.statusSaved",
    focus: "status-form",
  });
  const err = save.isError ? save.error : null;
  // The summary links each field in error (by its label) and takes the focus.
  const fields = useFieldErrors(err);
  return (
    <form
      className="od-box fr-mt-4w"
      aria-labelledby="status-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      noValidate
    >
      <h2 id="status-form" className="fr-h5">
        {t("actions.changeStatus")}
      </h2>
      {err !== null && <ProblemAlert error={err} fieldLinks={fields.links} focus />}
      {save.isSuccess && (
        <Alert severity="success" small description={t("actions.statusSaved")} role={undefined} className="fr-mb-2w" />
      )}
      <Select
        label={t("actions.newStatus")}
        nativeSelectProps={{
          name: "status",
          value: draft.status,
          onChange: (e) => setDraft((d) => ({ ...d, status: e.target.value as ActionStatus })),
        }}
      >
        {next.map((s) => (
          <option key={s} value={s}>
            {t(`status.action.${s}`)}
          </option>
        ))}
      </Select>
      <Input
        textArea
        label={t("common.optional", { label: t("actions.note") })}
        hintText={t("actions.noteHint")}
        {...fields.state("note", t("actions.note"))}
        nativeTextAreaProps={{
          ...fields.native("note"),
          name: "note",
          rows: 2,
          value: draft.note,
          onChange: (e) => setDraft((d) => ({ ...d, note: e.target.value })),
        }}
      />
      {closes && (
        <Input
          textArea
          label={t("actions.outcomeLabel")}
          hintText={t("actions.outcomeHint")}
          {...fields.state("outcome", t("actions.outcomeLabel"))}
          nativeTextAreaProps={{
            ...fields.native("outcome"),
            name: "outcome",
            rows: 3,
            required: true,
            value: draft.outcome,
            onChange: (e) => setDraft((d) => ({ ...d, outcome: e.target.value })),
          }}
        />
      )}
      <Button type="submit" disabled={save.isPending}>
        {save.isPending ? t("common.saving") : t("actions.statusSubmit")}
      </Button>
    </form>
  );
}
