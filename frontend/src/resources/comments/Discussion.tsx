// The discussion of a forum, a commitment or a milestone: top-level threads newest first (paged
// by "load more"), the first replies embedded, more replies per parent on demand; reply, edit
// and delete one's own comments; hide and restore for moderators. Deleted comments stay as
// tombstones and hidden ones show the moderator's reason, so replies keep their context. An
// institution's answer to a question is on the record: marked as such, edited, never deleted.
import { createContext, useContext, useEffect, useId, useRef, useState } from "react";
import { Link, useLocation } from "react-router";
import { useInfiniteQuery, useIsFetching, useQueryClient } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { embeddedReplies, type Comment } from "../../api/client";
import { canModerate, useSession } from "../../auth/session";
import { questionKeys } from "../questions/queries";
import { useI18n } from "../../i18n";
import { CommentForm } from "./CommentForm";
import { Loading, LoadMore, ProblemAlert, QueryState } from "../../components/QueryState";
import { UnverifiedNotice } from "../account/UnverifiedNotice";
import { DISCUSSION_ANCHOR } from "./targets";
import { CommentActions } from "./CommentActions";
import { CommentBody } from "./CommentBody";
import { keepInView } from "./keepInView";
import { FreshComments, POLL_MS, useLiveDiscussion } from "./LiveDiscussion";
import { ReactionBar } from "./ReactionBar";
import { ReportForm } from "./ReportForm";
import { DeleteConfirm, HideForm } from "./ConfirmForms";
import {
  commentKeys,
  deleteComment,
  editComment,
  fetchReplies,
  fetchThreads,
  moderateComment,
  postComment,
  type DiscussionTarget,
  type ThreadSort,
} from "./queries";
import { paths } from "../../app/resources";
import { useAction } from "../../components/actions";
import { focusAfter, type FocusTarget } from "../../components/announce";
import type { MessageKey } from "../../i18n";

const discussionKey = commentKeys.discussion;
const repliesKey = commentKeys.repliesOf;

export type { DiscussionTarget };

/** After any change, the discussion and every loaded reply page are fetched again; on a
 *  question, the question too (editing or hiding its answer changes its record and status). A
 *  first load still under way when the change was made is dropped first: it may have been read
 *  before the change, and a refetch would otherwise wait for it instead of asking again. */
function useRefreshDiscussion(target: DiscussionTarget) {
  const qc = useQueryClient();
  return async () => {
    await qc.cancelQueries({ queryKey: discussionKey(target) });
    return Promise.all([
      qc.invalidateQueries({ queryKey: discussionKey(target) }),
      qc.invalidateQueries({ queryKey: commentKeys.replies }),
      target.kind === "question" && qc.invalidateQueries({ queryKey: questionKeys.all }),
    ]);
  };
}

/** Whether the discussion takes new comments and replies (no: its subject is archived). */
const ClosedContext = createContext(false);

export function Discussion({ target, closed = false }: { target: DiscussionTarget; closed?: boolean }) {
  const { t } = useI18n();
  const { user } = useSession();
  const location = useLocation();
  const headingId = useId();
  const refresh = useRefreshDiscussion(target);
  // Once posted, the new comment is announced and takes the focus.
  const post = useAction({
    mutationFn: (body: string) => postComment(target, body),
    onSuccess: () => refresh(),
    done: "discussion.done.posted",
    focus: (c) => `comment-${c.id}`,
  });
  const [sort, setSort] = useState<ThreadSort>("newest");
  const live = useLiveDiscussion(target, refresh);
  const query = useInfiniteQuery({
    queryKey: discussionKey(target, sort),
    queryFn: ({ pageParam }) => fetchThreads(target, pageParam, sort),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    refetchInterval: live.state === "polling" ? POLL_MS : false,
  });
  const threads = query.data?.pages.flatMap((p) => p.items) ?? [];
  // Links to "#discussion" (the home page's latest discussions, search results) land here once
  // the threads are shown and the page above them has loaded too (a held forum's minutes,
  // action items and feedback would otherwise push the discussion down after the scroll), as
  // the browser would for a static page.
  const section = useRef<HTMLElement>(null);
  const scrolledFor = useRef<string | null>(null);
  const fetching = useIsFetching();
  const loaded = !query.isPending && fetching === 0;
  // A link to one comment ("#comment-12", from a notification) lands on it when it is shown,
  // on the discussion otherwise.
  useEffect(() => {
    if (!loaded || scrolledFor.current === location.key) return;
    const comment = location.hash.startsWith("#comment-");
    if (location.hash !== `#${DISCUSSION_ANCHOR}` && !comment) return;
    scrolledFor.current = location.key;
    keepInView((comment && document.getElementById(location.hash.slice(1))) || section.current);
  }, [loaded, location.hash, location.key]);

  return (
    <section ref={section} id={DISCUSSION_ANCHOR} className="fr-mt-6w od-discussion" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("discussion.title")}</h2>
      {closed ? (
        <p className="fr-callout od-signin-callout">{t("discussion.closed")}</p>
      ) : user ? (
        <>
          <UnverifiedNotice />
          <CommentForm
            label={t("discussion.newComment")}
            submitLabel={t("discussion.submit")}
            onSubmit={(body) => post.mutateAsync(body)}
          />
        </>
      ) : (
        <p className="fr-callout fr-callout--brown-caramel od-signin-callout">
          <Link to={paths.signIn()} state={{ from: location.pathname }}>
            {t("discussion.signInToComment")}
          </Link>
        </p>
      )}
      <div className="fr-select-group od-sort">
        <label className="fr-label" htmlFor={`${headingId}-sort`}>
          {t("reactions.sort")}
        </label>
        <select
          id={`${headingId}-sort`}
          className="fr-select"
          value={sort}
          onChange={(e) => setSort(e.target.value as ThreadSort)}
        >
          <option value="newest">{t("reactions.sort.newest")}</option>
          <option value="useful">{t("reactions.sort.useful")}</option>
        </select>
      </div>
      <FreshComments live={live} />
      <QueryState query={query} isEmpty={() => threads.length === 0} empty={t("discussion.empty")}>
        {() => (
          <ClosedContext.Provider value={closed}>
            <ul className="od-comments">
              {threads.map((c) => (
                <li key={c.id}>
                  <CommentItem comment={c} target={target} />
                </li>
              ))}
            </ul>
          </ClosedContext.Provider>
        )}
      </QueryState>
      <LoadMore
        hasMore={query.hasNextPage}
        loading={query.isFetchingNextPage}
        onClick={() => void query.fetchNextPage()}
        label={t("discussion.loadMore")}
      />
    </section>
  );
}

type Mode = "view" | "reply" | "edit" | "delete" | "hide" | "report" | "reported";

/** A change to a comment: the call, what the status region says once done, where focus goes. */
type Change = { run: () => Promise<unknown>; done: MessageKey; focus: (result: unknown) => FocusTarget };

export function CommentItem({ comment: c, target }: { comment: Comment; target: DiscussionTarget }) {
  const { t, shortDateTime } = useI18n();
  const { user } = useSession();
  const refresh = useRefreshDiscussion(target);
  const [mode, setMode] = useState<Mode>("view");
  const closed = useContext(ClosedContext);
  const name = c.author?.display_name ?? t("discussion.anonymous");
  const own = !!user && !!c.author && c.author.id === user.id;
  const moderator = canModerate(user?.role);
  const replies = embeddedReplies(c);

  const self = `comment-${c.id}`;
  const action = useAction({
    mutationFn: async (change: Change) => {
      const result = await change.run();
      await refresh();
      return result;
    },
    onSuccess: () => {
      setMode("view");
    },
    done: (_, change) => change.done,
    focus: (result, change) => change.focus(result),
  });
  /** Back to the comment's buttons, focus on the one that opened the form or the question. */
  const back = (opener: string) => {
    setMode("view");
    void focusAfter(`${self}-${opener}`);
  };
  // What stays of this comment once changed (or, deleted and gone, the discussion's heading).
  const here = () => () => document.getElementById(self) ?? document.querySelector<HTMLElement>(".od-discussion h2");

  return (
    <article
      className={`od-comment od-comment--${c.state}`}
      aria-label={t("discussion.commentBy", { name })}
      data-comment-id={c.id}
      id={`comment-${c.id}`}
    >
      <header className="od-comment__meta">
        <span className="od-comment__author">{name}</span>
        {c.author && <span className="od-comment__handle">@{c.author.handle}</span>}
        {c.author?.organisation && <span className="od-comment__org">{c.author.organisation}</span>}
        {c.author && c.author.role !== "member" && (
          <Badge small noIcon as="span" severity="info">
            {t(`role.${c.author.role}`)}
          </Badge>
        )}
        {c.on_record && (
          <Badge small as="span" severity="success">
            {t("discussion.onRecord")}
          </Badge>
        )}
        <time dateTime={c.created_at} className="od-comment__date">
          {t("discussion.posted", { date: shortDateTime(c.created_at) })}
        </time>
        {c.edited_at && c.state === "visible" && (
          <span className="od-comment__date">({t("discussion.edited", { date: shortDateTime(c.edited_at) })})</span>
        )}
      </header>

      <CommentBody comment={c} />
      {c.state === "visible" && <ReactionBar comment={c} canReact={!!user && !own} onChanged={refresh} />}

      {action.isError && <ProblemAlert error={action.error} />}

      {mode === "edit" ? (
        <CommentForm
          label={c.on_record ? t("discussion.editOnRecord") : t("discussion.editLabel")}
          submitLabel={t("common.save")}
          initial={c.body ?? ""}
          focusOnOpen
          onCancel={() => back("edit")}
          onSubmit={(body) =>
            action.mutateAsync({ run: () => editComment(c.id, body), done: "discussion.done.edited", focus: here })
          }
        />
      ) : mode === "delete" ? (
        <DeleteConfirm
          busy={action.isPending}
          onConfirm={() =>
            action.mutate({ run: () => deleteComment(c.id), done: "discussion.done.deleted", focus: here })
          }
          onCancel={() => back("delete")}
        />
      ) : mode === "hide" ? (
        <HideForm
          busy={action.isPending}
          onHide={(reason) =>
            action.mutate({
              run: () => moderateComment(c.id, true, reason),
              done: "discussion.done.hidden",
              focus: here,
            })
          }
          onCancel={() => back("hide")}
        />
      ) : mode === "report" ? (
        <ReportForm
          commentId={c.id}
          onDone={() => {
            setMode("reported");
            void focusAfter(`${self}-reported`);
          }}
          onCancel={() => back("report")}
        />
      ) : (
        <CommentActions
          idPrefix={self}
          canReport={!!user && !own && c.state === "visible" && mode !== "reported"}
          onReport={() => setMode("report")}
          canReply={!!user && !closed && c.state === "visible"}
          canChange={own && c.state === "visible"}
          canDelete={own && c.state !== "deleted" && !c.on_record}
          moderator={moderator && c.state !== "deleted"}
          hidden={c.state === "hidden"}
          onReply={() => setMode(mode === "reply" ? "view" : "reply")}
          replying={mode === "reply"}
          onEdit={() => setMode("edit")}
          onDelete={() => setMode("delete")}
          onHide={() => setMode("hide")}
          onUnhide={() =>
            action.mutate({
              run: () => moderateComment(c.id, false, null),
              done: "discussion.done.unhidden",
              focus: here,
            })
          }
          busy={action.isPending}
        />
      )}

      {mode === "reported" && (
        <p id={`${self}-reported`} className="fr-message fr-message--valid fr-mb-1w">
          {t("report.thanks")}
        </p>
      )}
      {mode === "reply" && (
        <CommentForm
          label={t("discussion.newReply", { name })}
          submitLabel={t("discussion.submitReply")}
          focusOnOpen
          onCancel={() => back("reply")}
          onSubmit={(body) =>
            action.mutateAsync({
              run: () => postComment(target, body, c.id),
              done: "discussion.done.replied",
              focus: (reply) => `comment-${(reply as Comment).id}`,
            })
          }
        />
      )}

      {(replies?.items.length || c.reply_count > 0) && <Replies parent={c} parentName={name} target={target} />}
    </article>
  );
}

/** The replies of a comment: those embedded in the list answer, then more pages on demand. */
function Replies({ parent, parentName, target }: { parent: Comment; parentName: string; target: DiscussionTarget }) {
  const { t, number } = useI18n();
  const embedded = embeddedReplies(parent);
  const startCursor = embedded ? (embedded.next_cursor ?? null) : undefined;
  // Nothing embedded (a reply's own replies): load from the first page when asked.
  const [open, setOpen] = useState(false);
  const more = useInfiniteQuery({
    queryKey: repliesKey(parent.id, startCursor),
    queryFn: ({ pageParam }) => fetchReplies(parent.id, pageParam),
    initialPageParam: startCursor ?? undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled: open && startCursor !== null,
  });
  const loaded = more.data?.pages.flatMap((p) => p.items) ?? [];
  const items = [...(embedded?.items ?? []), ...loaded];
  const hasMore = startCursor === null ? false : !open || more.hasNextPage;
  const label = embedded
    ? t("discussion.loadMoreReplies")
    : t("discussion.showReplies", { count: number(parent.reply_count) });

  return (
    <div className="od-replies">
      {items.length > 0 && (
        <ul className="od-comments" aria-label={t("discussion.replies", { name: parentName })}>
          {items.map((r) => (
            <li key={r.id}>
              <CommentItem comment={r} target={target} />
            </li>
          ))}
        </ul>
      )}
      {more.isError && <ProblemAlert error={more.error} onRetry={() => void more.refetch()} />}
      {open && more.isPending && startCursor !== null ? (
        <Loading />
      ) : (
        hasMore && (
          <Button
            priority="tertiary no outline"
            size="small"
            iconPosition="left"
            iconId="fr-icon-arrow-down-s-line"
            disabled={more.isFetchingNextPage}
            onClick={() => (open ? void more.fetchNextPage() : setOpen(true))}
          >
            {label}
          </Button>
        )
      )}
    </div>
  );
}
