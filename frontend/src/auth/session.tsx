// The signed-in session: its expiry and account, kept in localStorage across reloads; the token
// itself is in an HttpOnly cookie no script reads (`auth::cookie` on the server). A session past
// its expiry, or one the API refuses (401), signs the person out with a message. Two minutes before
// the expiry the person is warned and may stay signed in with one action (RGAA 13.1: a time
// limit the user controls), as often as they like.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { setSignedIn, setUnauthorizedHandler, type Account, type Role, type Session } from "../api/client";
import { extendSession, getMe, signOutOnServer } from "../resources/account/sessionQueries";

/** How long before the token's expiry the person is asked whether to stay signed in (RGAA 13.1
 *  asks for at least 20 seconds to answer). */
export const WARN_BEFORE_MS = 2 * 60 * 1000;

const STORAGE_KEY = "opendetat.session";

type Stored = { expiresAt: string; user: Account };
export type SessionNotice = "expired" | "signedOut" | "erased" | null;

type SessionContextValue = {
  user: Account | null;
  notice: SessionNotice;
  /** When the session ends (ISO 8601), if signed in. */
  expiresAt: string | null;
  /** The session ends in less than `WARN_BEFORE_MS`: time to ask. */
  expiring: boolean;
  /** A new token for the same account (the API's `POST /auth/session/extend`). */
  extend: () => Promise<Session>;
  signIn: (session: Session) => void;
  signOut: () => void;
  /** The account was erased: signed out, with a message saying so. */
  erased: () => void;
  updateUser: (user: Account) => void;
  clearNotice: () => void;
};

const SessionContext = createContext<SessionContextValue | null>(null);

function load(): Stored | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Stored & { token?: unknown };
    if (typeof s.expiresAt !== "string" || !s.user) return null;
    // A token kept by an older version of the app is not kept any more (nor used).
    return { expiresAt: s.expiresAt, user: s.user };
  } catch {
    return null;
  }
}
function save(s: Stored | null) {
  try {
    if (s) localStorage.setItem(STORAGE_KEY, JSON.stringify(s));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    /* storage unavailable: the session lasts for this page only */
  }
}

function initial(): { stored: Stored | null; notice: SessionNotice } {
  const s = load();
  if (s && Date.parse(s.expiresAt) <= Date.now()) {
    save(null);
    return { stored: null, notice: "expired" };
  }
  save(s);
  setSignedIn(s !== null);
  return { stored: s, notice: null };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState(initial);
  const stored = state.stored;
  // The expiry the warning was given for: a new token (extended, or signed in again) has another.
  const [warnedFor, setWarnedFor] = useState<string | null>(null);
  const expiring = stored !== null && warnedFor === stored.expiresAt;

  const end = useCallback(
    (notice: SessionNotice) => {
      setSignedIn(false);
      save(null);
      setState((prev) => (prev.stored ? { stored: null, notice } : prev));
      // What a moderator or an author saw must not stay on screen.
      void queryClient.invalidateQueries();
    },
    [queryClient],
  );

  // The API refused the token: it expired or the account changed.
  useEffect(() => {
    setUnauthorizedHandler(() => end("expired"));
    return () => setUnauthorizedHandler(null);
  }, [end]);

  // Another tab of the app signed in, extended the session or signed out: this one follows, so
  // that a session extended there does not end here at its old time.
  useEffect(() => {
    const follow = (e: StorageEvent) => {
      if (e.key !== STORAGE_KEY) return;
      const next = load();
      setSignedIn(next !== null);
      setState((prev) => ({ stored: next, notice: next || !prev.stored ? prev.notice : "signedOut" }));
    };
    window.addEventListener("storage", follow);
    return () => window.removeEventListener("storage", follow);
  }, []);

  // Sign out when the token reaches its expiry, even if the page stays idle.
  useEffect(() => {
    if (!stored) return;
    const ms = Date.parse(stored.expiresAt) - Date.now();
    const timer = window.setTimeout(() => end("expired"), Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    return () => window.clearTimeout(timer);
  }, [stored, end]);

  // Ask whether to stay signed in shortly before the expiry.
  useEffect(() => {
    if (!stored) return;
    const ms = Date.parse(stored.expiresAt) - WARN_BEFORE_MS - Date.now();
    const at = stored.expiresAt;
    const timer = window.setTimeout(() => setWarnedFor(at), Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    return () => window.clearTimeout(timer);
  }, [stored]);

  // Refresh the account once per load (role changes apply at once on the server).
  const signedInAt = stored?.expiresAt;
  useEffect(() => {
    if (!signedInAt) return;
    let cancelled = false;
    getMe()
      .then((user) => {
        if (cancelled) return;
        setState((prev) => {
          if (!prev.stored || prev.stored.expiresAt !== signedInAt) return prev;
          const next = { ...prev.stored, user };
          save(next);
          return { ...prev, stored: next };
        });
      })
      .catch(() => {
        /* 401 is handled by the client middleware; other failures keep the stored account */
      });
    return () => {
      cancelled = true;
    };
  }, [signedInAt]);

  const value = useMemo<SessionContextValue>(
    () => ({
      user: stored?.user ?? null,
      notice: state.notice,
      expiresAt: stored?.expiresAt ?? null,
      expiring,
      signIn: (session) => {
        const next = { expiresAt: session.expires_at, user: session.user };
        setSignedIn(true);
        save(next);
        setState({ stored: next, notice: null });
        void queryClient.invalidateQueries();
      },
      extend: async () => {
        const session = await extendSession();
        const next = { expiresAt: session.expires_at, user: session.user };
        save(next);
        // Same account, same rights: nothing on screen needs fetching again.
        setState((prev) => ({ ...prev, stored: next }));
        return session;
      },
      signOut: () => {
        // Ended on the server too (`POST /auth/logout`): the session is refused from then on,
        // and its cookie deleted. A session begun at ProConnect or FranceConnect ends at the
        // provider too: the browser goes there (signed out here already), and comes back to "/".
        const held = stored !== null;
        end("signedOut");
        if (held)
          void signOutOnServer().then((endSessionUrl) => {
            if (endSessionUrl) window.location.assign(endSessionUrl);
          });
      },
      erased: () => end("erased"),
      updateUser: (user) =>
        setState((prev) => {
          if (!prev.stored) return prev;
          const next = { ...prev.stored, user };
          save(next);
          return { ...prev, stored: next };
        }),
      clearNotice: () => setState((prev) => ({ ...prev, notice: null })),
    }),
    [stored, state.notice, expiring, end, queryClient],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error("useSession outside SessionProvider");
  return ctx;
}

export const canEditContent = (role: Role | undefined) => role === "official" || role === "admin";
export const canModerate = (role: Role | undefined) => role === "moderator" || role === "admin";
export const isAdmin = (role: Role | undefined) => role === "admin";
export const canAdminister = (role: Role | undefined) => canEditContent(role) || canModerate(role);
