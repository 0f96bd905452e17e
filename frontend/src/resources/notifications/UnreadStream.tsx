// The signed-in person's stream (`GET /me/stream`): the header's unread count follows it as
// notifications arrive or are read elsewhere (another tab, the phone), and open notification
// lists are fetched again. Without a stream, the count is polled. Loaded apart from the page
// frame (nothing to show: it feeds the count the header reads).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { streamUrl, useEventStream } from "../../api/stream";
import { useSession } from "../../auth/session";
import { notificationKeys, unreadCount } from "./queries";

/** How often the count is asked for when no stream gets through. */
const POLL_MS = 30_000;

export default function UnreadStream() {
  const qc = useQueryClient();
  const { user, expiresAt } = useSession();
  const state = useEventStream(
    user ? streamUrl("/api/v1/me/stream") : null,
    (event, data) => {
      if (event === "unread") qc.setQueryData(notificationKeys.unread, data);
      else if (event === "notification") void qc.invalidateQueries({ queryKey: [...notificationKeys.all, "list"] });
    },
    { session: expiresAt },
  );
  useQuery({
    queryKey: notificationKeys.unread,
    queryFn: unreadCount,
    enabled: !!user,
    refetchInterval: state === "live" ? false : POLL_MS,
  });
  return null;
}
