// Moderators: the open reports, grouped by comment, the longest waiting first. Hide with a reason
// everyone will see, dismiss, or suspend the author with a message mailed to them.
import { useState } from "react";
import { Link } from "react-router";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import {
  dismissReports,
  hideReported,
  listReports,
  moderationKeys,
  suspendUser,
  type ReportedComment,
} from "./queries";
import { Crumbs } from "../../components/Crumbs";
import { PageHeading } from "../../components/PageHeading";
import { LoadMore, ProblemAlert, QueryState } from "../../components/QueryState";
import { SanitizedHtml } from "../../components/SanitizedHtml";
import { addMessages, useI18n } from "../../i18n";
import { paths } from "../../app/resources";
import { useAction } from "../../components/actions";
import { fr as queueMessages } from "./i18n/queue.fr";

// The queue's and the log's French text comes with their chunk.
addMessages("fr", queueMessages);

export function ModerationQueue() {
  const { t } = useI18n();
  const q = useInfiniteQuery({
    queryKey: moderationKeys.queue,
    queryFn: ({ pageParam }) => listReports(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  // Kept above the list: a handled comment leaves the queue, with its own messages.
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <Crumbs segments={[{ label: t("admin.title"), to: paths.admin() }]} current={t("queue.title")} />
      <PageHeading title={t("queue.title")} />
      <p className="fr-text--lead">
        {t("queue.intro")} <Link to={paths.moderationLog()}>{t("modlog.title")}</Link>
      </p>
      {/* Said in the status region too: not a live region of its own (it would be read twice). */}
      <div id="queue-notice">{notice && <p className="fr-message fr-message--valid">{notice}</p>}</div>
      <QueryState query={q} isEmpty={() => items.length === 0} empty={t("queue.empty")}>
        {() => (
          <ol className="od-plain-list">
            {items.map((r, i) => (
              <QueueItem
                key={r.comment.id}
                r={r}
                onDone={setNotice}
                next={(items[i + 1] ?? items[i - 1])?.comment.id ?? null}
              />
            ))}
          </ol>
        )}
      </QueryState>
      <LoadMore
        hasMore={q.hasNextPage}
        loading={q.isFetchingNextPage}
        onClick={() => void q.fetchNextPage()}
        label={t("queue.more")}
      />
    </>
  );
}

/** One reported comment. Once handled, it leaves the queue: the focus goes to the next one's
 *  heading (`next`; the notice once none is left); a suspension keeps it, with the focus on its
 *  "suspend" summary. */
function QueueItem({
  r,
  onDone,
  next,
}: {
  r: ReportedComment;
  onDone: (message: string) => void;
  next: number | null;
}) {
  const { t, dateTime } = useI18n();
  const qc = useQueryClient();
  const [reason, setReason] = useState("");
  const [suspend, setSuspend] = useState({ days: "7", message: "" });
  const refresh = () => qc.invalidateQueries({ queryKey: moderationKeys.all });
  const act = useAction({
    mutationFn: async (what: "hide" | "dismiss" | "suspend") => {
      if (what === "hide") await hideReported(r.comment.id, reason.trim());
      if (what === "dismiss") await dismissReports(r.comment.id);
      if (what === "suspend" && r.comment.author) {
        const until =
          suspend.days === "0" ? null : new Date(Date.now() + Number(suspend.days) * 86_400_000).toISOString();
        await suspendUser(r.comment.author.id, suspend.message.trim(), until);
      }
      return what;
    },
    onSuccess: async (what) => {
      onDone(t(`queue.done.${what}`));
      if (what !== "suspend") await refresh();
    },
    done: (what) => `queue.done.${what}`,
    focus: (what) =>
      what === "suspend" ? `queue-${r.comment.id}-suspend` : next !== null ? `queue-${next}` : "queue-notice",
  });
  const name = r.comment.author?.display_name ?? t("discussion.anonymous");
  const headingId = `queue-${r.comment.id}`;
  return (
    <li className="od-box fr-mb-3w" aria-labelledby={headingId}>
      <h2 id={headingId} className="fr-h6">
        {t("queue.comment", { name })} —{" "}
        <Link to={`${r.subject.path}#comment-${r.comment.id}`} lang={r.subject.lang}>
          {r.subject.title}
        </Link>
      </h2>
      <p className="fr-text--xs">{t("queue.first", { date: dateTime(r.first_reported_at), n: r.reports.length })}</p>
      {r.comment.body_html && <SanitizedHtml html={r.comment.body_html} className="od-comment__body" />}
      <ul className="fr-text--sm">
        {r.reports.map((x, i) => (
          <li key={i}>
            {t(`report.reason.${x.reason}`)}
            {x.details && ` — « ${x.details} »`} · <time dateTime={x.created_at}>{dateTime(x.created_at)}</time>
          </li>
        ))}
      </ul>
      {act.isError && <ProblemAlert error={act.error} />}
      <form
        className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          act.mutate("hide");
        }}
      >
        <div className="fr-col-12 fr-col-md-8">
          <Input
            label={t("queue.hideReason")}
            hintText={t("queue.hideHint")}
            nativeInputProps={{ value: reason, maxLength: 300, onChange: (e) => setReason(e.target.value) }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <ul className="fr-btns-group fr-btns-group--inline-sm">
            <li>
              <Button
                type="submit"
                disabled={act.isPending || !reason.trim()}
                nativeButtonProps={{ "aria-label": `${t("queue.hide")} — ${name}` }}
              >
                {t("queue.hide")}
              </Button>
            </li>
            <li>
              <Button
                type="button"
                priority="secondary"
                disabled={act.isPending}
                onClick={() => act.mutate("dismiss")}
                nativeButtonProps={{ "aria-label": `${t("queue.dismiss")} — ${name}` }}
              >
                {t("queue.dismiss")}
              </Button>
            </li>
          </ul>
        </div>
      </form>
      {r.comment.author && (
        <details className="fr-mt-2w">
          <summary id={`queue-${r.comment.id}-suspend`}>{t("queue.suspend", { name })}</summary>
          <form
            className="fr-mt-1w"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              act.mutate("suspend");
            }}
          >
            <Select
              label={t("queue.suspendFor")}
              nativeSelectProps={{
                value: suspend.days,
                onChange: (e) => setSuspend({ ...suspend, days: e.target.value }),
              }}
            >
              <option value="1">{t("queue.days", { n: 1 })}</option>
              <option value="7">{t("queue.days", { n: 7 })}</option>
              <option value="30">{t("queue.days", { n: 30 })}</option>
              <option value="0">{t("queue.indefinitely")}</option>
            </Select>
            <Input
              textArea
              label={t("queue.message")}
              hintText={t("queue.messageHint")}
              nativeTextAreaProps={{
                rows: 3,
                maxLength: 2000,
                value: suspend.message,
                onChange: (e) => setSuspend({ ...suspend, message: e.target.value }),
              }}
            />
            <Button type="submit" priority="secondary" disabled={act.isPending || !suspend.message.trim()}>
              {t("queue.suspendSubmit")}
            </Button>
          </form>
        </details>
      )}
    </li>
  );
}
