// What happened after an action, said once for the whole app: one polite status region in the
// page frame from the first render (RGAA 7.5), fed by `announce` / `announceError` from anywhere
// (the query client's `mutationCache` says every failed action; ./actions.ts the rest), and `focusAfter`, which puts the keyboard focus
// on what the action produced once it is on the page (RGAA 12.8), instead of letting it fall to
// the top of the page when the button used is disabled or removed.
import { useSyncExternalStore } from "react";
import { MutationCache } from "@tanstack/react-query";
import type { ErrorCode } from "../api/errors";
import { useI18n, type MessageKey, type Vars } from "../i18n";
import { markSaid, useErrorText } from "./QueryState";

/** Messages to use instead of the catalogue's for some problem codes (a 401 on sign-in means a
 *  wrong email or password, not "sign in to continue"). */
export type ErrorWording = Partial<Record<ErrorCode, MessageKey>>;

type Said = { key: MessageKey; vars?: Vars } | { text: string } | { error: unknown; wording?: ErrorWording };

let said: { what: Said | null; n: number } = { what: null, n: 0 };
const listeners = new Set<() => void>();
function say(what: Said) {
  said = { what, n: said.n + 1 };
  listeners.forEach((l) => l());
}
function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}
const read = () => said;

/** Says a message (a catalogue key with its values, or a sentence already worded) in the status region. */
export function announce(message: MessageKey | { key: MessageKey; vars?: Vars } | { text: string }) {
  say(typeof message === "string" ? { key: message } : message);
}

/** Says what went wrong, in the reader's language (from the problem's code). */
export function announceError(error: unknown, wording?: ErrorWording) {
  markSaid(error);
  say({ error, wording });
}

/** The status region itself (in the page frame, `Layout`). Each message replaces the previous
 *  node, so that the same message said twice is read twice. */
export function StatusRegion() {
  const { what, n } = useSyncExternalStore(subscribe, read, read);
  const { t } = useI18n();
  const errorText = useErrorText();
  let text = "";
  if (what && "key" in what) text = t(what.key, what.vars);
  else if (what && "text" in what) text = what.text;
  else if (what) text = errorText(what.error, what.wording);
  return (
    <div role="status" aria-live="polite" aria-atomic="true" className="fr-sr-only" id="od-status">
      <span key={n}>{text}</span>
    </div>
  );
}

/** An element, its id, or a function that finds it (called until it does). */
export type FocusTarget = HTMLElement | string | null | undefined | (() => HTMLElement | null | undefined);

function find(target: FocusTarget): HTMLElement | null {
  const el =
    typeof target === "function" ? target() : typeof target === "string" ? document.getElementById(target) : target;
  return el && el.isConnected && !(el as HTMLButtonElement).disabled ? el : null;
}

/** Moves the keyboard focus to `target` once it is on the page (after the re-render or the refetch
 *  that shows it; gives up after `within` ms). An element that takes no focus by itself (a heading,
 *  a message, a comment) gets `tabindex="-1"`. Does nothing if the person has moved on meanwhile
 *  (focus is on something else than where the action left it). */
export function focusAfter(target: FocusTarget, within = 5000): Promise<boolean> {
  if (typeof document === "undefined") return Promise.resolve(false);
  const start = document.activeElement;
  const until = Date.now() + within;
  return new Promise((resolve) => {
    const attempt = () => {
      if (typeof document === "undefined") return resolve(false);
      const active = document.activeElement;
      if (active && active !== start && active !== document.body && active.isConnected) return resolve(false);
      const el = find(target);
      if (el) {
        if (el.tabIndex < 0 && !el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
        el.focus();
        // Found before a render that replaces it (a comment deleted for good, a list refetched
        // late on a slow machine): while the focus falls to the page, look again, for 2 s.
        const watchUntil = Date.now() + 2000;
        const watch = () => {
          // The page may be gone meanwhile (a test's environment torn down, a navigation away).
          if (typeof document === "undefined") return;
          if (!el.isConnected && document.activeElement === document.body) void focusAfter(target, 1000);
          else if (Date.now() < watchUntil) setTimeout(watch, 100);
        };
        setTimeout(watch, 100);
        return resolve(document.activeElement === el);
      }
      if (Date.now() > until) return resolve(false);
      setTimeout(attempt, 50);
    };
    // After the render that follows the action's state change.
    setTimeout(attempt, 0);
  });
}

declare module "@tanstack/react-query" {
  interface Register {
    mutationMeta: {
      /** How the page words some problem codes (also in the status region). */
      wording?: ErrorWording;
      /** The page says the failure itself (nothing is said in the status region). */
      quiet?: boolean;
    };
  }
}

/** The mutation cache of the app's query client: says every failed action in the status region. */
export function mutationCache() {
  return new MutationCache({
    onError: (error, _vars, _result, mutation) => {
      if (!mutation.meta?.quiet) announceError(error, mutation.meta?.wording);
    },
  });
}
