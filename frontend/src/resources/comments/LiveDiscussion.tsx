// A discussion kept live: its subject's stream (`GET /subjects/{type}/{key}/stream`) says what
// others do while the page is open. Edits, hidden or deleted comments and reaction counts update
// in place (the loaded pages are fetched again; nothing moves). New comments are not pushed into
// the list under the reader's eyes: a notice counts them ("3 nouveaux messages"), said politely
// to screen readers, and shows them when asked; the focus stays where the reader left it.
// Without a stream (a proxy cuts it), the discussion is polled instead.
import { useEffect, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { streamUrl, useEventStream, type StreamState } from "../../api/stream";
import { useSession } from "../../auth/session";
import { announce, focusAfter } from "../../components/announce";
import { useI18n } from "../../i18n";
import { milestoneKeys } from "../milestones/queries";
import { progressKeys } from "../progress/queries";
import { commentKeys, type DiscussionTarget } from "./queries";

/** How often a discussion without a stream is fetched again. */
export const POLL_MS = 30_000;

type StreamMessage = { data?: { id?: number; record?: { author?: { id?: number } | null } } };

export type LiveDiscussion = {
  /** New comments by others since the reader last asked to see them. */
  fresh: number[];
  state: StreamState;
  /** Shows the new comments and forgets them. */
  show: () => Promise<void>;
};

export function useLiveDiscussion(target: DiscussionTarget, refresh: () => Promise<unknown>): LiveDiscussion {
  const qc = useQueryClient();
  const { user } = useSession();
  const [fresh, setFresh] = useState<number[]>([]);
  const url = streamUrl("/api/v1/subjects/{type}/{key}/stream", { type: target.kind, key: target.id });
  const state = useEventStream(url, (event, data) => {
    const message = data as StreamMessage;
    if (event === "comment.created") {
      const id = message.data?.id;
      // One's own comment is already shown (the form refreshed the discussion).
      if (id === undefined || message.data?.record?.author?.id === user?.id) return;
      setFresh((ids) => (ids.includes(id) ? ids : [...ids, id]));
    } else if (event.startsWith("comment.")) {
      void qc.invalidateQueries({ queryKey: commentKeys.discussion(target) });
      void qc.invalidateQueries({ queryKey: commentKeys.replies });
    } else if (event === "milestone.progress_reported") {
      void qc.invalidateQueries({ queryKey: progressKeys.all });
      void qc.invalidateQueries({ queryKey: milestoneKeys.all });
    } else if (event === "reset") {
      void refresh();
    }
  });
  const show = async () => {
    const first = fresh[0];
    await refresh();
    setFresh([]);
    if (first !== undefined) void focusAfter(`comment-${first}`);
  };
  return { fresh, state, show };
}

/** The notice of new comments, and the button that shows them. */
export function FreshComments({ live }: { live: LiveDiscussion }) {
  const { t, number } = useI18n();
  const count = live.fresh.length;
  const text = count === 1 ? t("discussion.live.one") : t("discussion.live.many", { count: number(count) });
  // Said once the burst settles, not once per comment.
  const said = useRef(0);
  useEffect(() => {
    if (count === 0 || count === said.current) return;
    const timer = setTimeout(() => {
      said.current = count;
      announce({ text });
    }, 1500);
    return () => clearTimeout(timer);
  }, [count, text]);
  if (count === 0) return null;
  return (
    <div className="fr-notice fr-notice--info fr-mb-2w od-fresh" data-testid="fresh-comments">
      <div className="fr-container">
        <div className="fr-notice__body">
          <p className="fr-notice__title">
            {text}{" "}
            <Button priority="secondary" size="small" onClick={() => void live.show()}>
              {t("discussion.live.show")}
            </Button>
          </p>
        </div>
      </div>
    </div>
  );
}
