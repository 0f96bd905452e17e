// Live streams (Server-Sent Events) of the API, for the pages that show something others may
// change while it is open (a discussion, the unread count). Read with fetch, not EventSource,
// so that a cut is told from a refusal (the session rides in the cookie, sent with either); the library resumes with
// `Last-Event-ID` after a cut, so nothing is missed or shown twice.
//
// Where streams do not get through (a proxy that cuts them, or holds them back until they end),
// the page falls back to polling: `useEventStream` says `"polling"` and the page refetches on a
// timer instead.
import { useEffect, useRef, useState } from "react";
import type { paths } from "./schema";

export type StreamState = "connecting" | "live" | "polling";

/** The contract's paths that answer `text/event-stream`. */
export type StreamPath = "/api/v1/subjects/{type}/{key}/stream" | "/api/v1/me/stream";
type StreamParams<P extends StreamPath> = paths[P]["get"]["parameters"]["path"];

/** A stream's URL from its path in the contract and its parameters. */
export function streamUrl<P extends StreamPath>(path: P, params?: StreamParams<P>): string {
  let url: string = path;
  for (const [name, value] of Object.entries(params ?? {})) {
    url = url.replace(`{${name}}`, encodeURIComponent(String(value)));
  }
  return url;
}

/** Failures in a row (without a message between) before giving up on streaming. */
const MAX_FAILURES = 3;
/** The server sends `ready` (or `unread`) as soon as a stream opens: none within this delay
 *  means something in between holds the stream back. */
const FIRST_MESSAGE_WITHIN_MS = 10_000;

const EVENT_STREAM = "text/event-stream";

class StreamRefused extends Error {}

/** Keeps the stream at `url` open while the component is mounted (none when `url` is null) and
 *  hands each message to `onMessage` (its event name and parsed data). `session`: a signed-in
 *  person's stream carries their session cookie; a new session (extended, or another sign-in:
 *  its expiry changes) reopens it with the new one. */
export function useEventStream(
  url: string | null,
  onMessage: (event: string, data: unknown) => void,
  { session }: { session?: string | null } = {},
): StreamState {
  // The state of the stream at this URL (another URL's is stale: "connecting").
  const [state, setOf] = useState<{ url: string | null; value: StreamState }>({ url: null, value: "connecting" });
  const handler = useRef(onMessage);
  useEffect(() => {
    handler.current = onMessage;
  });
  useEffect(() => {
    if (!url) return;
    const abort = new AbortController();
    let failures = 0;
    let firstMessage: ReturnType<typeof setTimeout> | undefined;
    const setState = (value: StreamState) => setOf({ url, value });
    const fallBack = () => {
      clearTimeout(firstMessage);
      abort.abort();
      setState("polling");
    };
    // Its own chunk, fetched once the page is shown: the home page's budget is spent.
    import("@microsoft/fetch-event-source")
      .then(({ fetchEventSource }) =>
        abort.signal.aborted
          ? undefined
          : fetchEventSource(url, {
              signal: abort.signal,
              onopen(response) {
                const type = response.headers.get("content-type") ?? "";
                if (response.ok && type.startsWith(EVENT_STREAM)) {
                  firstMessage = setTimeout(fallBack, FIRST_MESSAGE_WITHIN_MS);
                  return Promise.resolve();
                }
                // 401, 404, 429… or an HTML page from a proxy: polling says the same, without a loop.
                return Promise.reject(new StreamRefused(`stream refused: ${response.status}`));
              },
              onmessage(message) {
                clearTimeout(firstMessage);
                failures = 0;
                setState("live");
                if (!message.event) return;
                let data: unknown = null;
                try {
                  data = message.data ? JSON.parse(message.data) : null;
                } catch {
                  return;
                }
                handler.current(message.event, data);
              },
              onclose() {
                // The server ended the stream (it is stopping): reconnect, elsewhere if need be.
                throw new Error("stream closed");
              },
              onerror(error) {
                clearTimeout(firstMessage);
                failures += 1;
                if (error instanceof StreamRefused || failures >= MAX_FAILURES) throw error;
                return 1000 * 2 ** failures;
              },
            }),
      )
      .catch(() => {
        if (!abort.signal.aborted) fallBack();
      });
    return () => {
      clearTimeout(firstMessage);
      abort.abort();
    };
  }, [url, session]);
  return url && state.url === url ? state.value : "connecting";
}
