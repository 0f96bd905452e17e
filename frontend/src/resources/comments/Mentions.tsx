// Mention suggestions while typing a comment: after "@" and two letters, the members whose
// display name or handle starts so are offered in a list under the text (arrows to move, Enter
// to take one, Escape to close; or a click). Taking one writes "@handle " in the text: handles
// are unique, the server recognises it and notifies that person.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import { mentionKeys, mentionSuggestions, type MentionSuggestion } from "../notifications/queries";
import { useI18n } from "../../i18n";

/** The name being typed after an "@" that ends at the caret (up to three words), if any. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const m = /(^|[\s(["«'])@([\p{L}\p{N}'’.-]+(?: [\p{L}\p{N}'’.-]+){0,2} ?)$/u.exec(before);
  if (!m) return null;
  const query = m[2].replace(/ $/, "");
  return { start: before.length - m[2].length - 1, query };
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/** Whether a suggestion goes on with what is typed (the server matches names and handles by their
 *  start, case aside): a suggestion for an earlier, shorter query may no longer fit. */
const fits = (s: MentionSuggestion, typed: string) =>
  [s.display_name, s.handle].some((n) => n.toLowerCase().startsWith(typed.toLowerCase()));

/** The mention box, as a WAI-ARIA combobox (editable, list autocomplete): the text area keeps
 *  the focus, the highlighted suggestion is its `aria-activedescendant`. Arrows move, Enter takes
 *  the highlighted name, Escape closes the list; Tab never takes a name (it leaves the box).
 *  Suggestions answer late: only those that still fit the word typed are offered, so a late
 *  answer never puts back a name the person has typed past. */
export function useMentions(body: string, setBody: (b: string) => void) {
  const { t } = useI18n();
  const listId = useId();
  const ref = useRef<HTMLTextAreaElement | null>(null);
  const [caret, setCaret] = useState(0);
  // The highlighted suggestion, for the query it was chosen in (a new query starts at the top).
  const [highlight, setHighlight] = useState({ query: "", index: 0 });
  // The mention ("start:query") whose list was closed (Escape, or a name taken): not reopened for it.
  const [closedFor, setClosedFor] = useState<string | null>(null);
  const at = mentionAt(body, caret);
  const query = useDebounced(at && at.query.length >= 2 ? at.query : "", 250);
  const found = useQuery({
    queryKey: mentionKeys.suggestions(query),
    queryFn: () => mentionSuggestions(query),
    enabled: query.length >= 2,
    staleTime: 60_000,
  });
  const options: MentionSuggestion[] =
    at && query && at.query.startsWith(query) && closedFor !== `${at.start}:${at.query}`
      ? (found.data ?? []).filter((s) => fits(s, at.query))
      : [];
  const open = options.length > 0;
  const active = highlight.query === at?.query ? Math.min(highlight.index, options.length - 1) : 0;
  const setActive = (index: number) => setHighlight({ query: at?.query ?? "", index });

  function take(s: MentionSuggestion) {
    if (!at) return;
    const inserted = `@${s.handle} `;
    const next = body.slice(0, at.start) + inserted + body.slice(caret);
    const position = at.start + inserted.length;
    setBody(next);
    setCaret(position);
    // The name taken is a mention of its own now: its list stays closed.
    setClosedFor(`${at.start}:${s.handle}`);
    requestAnimationFrame(() => {
      ref.current?.focus();
      ref.current?.setSelectionRange(position, position);
    });
  }

  const track = (el: HTMLTextAreaElement) => setCaret(el.selectionStart ?? el.value.length);
  const textareaProps = {
    ref,
    onSelect: (e: { currentTarget: HTMLTextAreaElement }) => track(e.currentTarget),
    onKeyDown: (e: KeyboardEvent<HTMLTextAreaElement>) => {
      // Closed, the keys are the text area's own (Escape included: nothing to close).
      if (!open || e.nativeEvent.isComposing) return;
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        setActive((active + (e.key === "ArrowDown" ? 1 : options.length - 1)) % options.length);
      } else if (e.key === "Enter" && !e.shiftKey) {
        e.preventDefault();
        take(options[active]);
      } else if (e.key === "Escape") {
        // Closes the list only: a form or dialog around the box does not close with it.
        e.preventDefault();
        e.stopPropagation();
        if (at) setClosedFor(`${at.start}:${at.query}`);
      }
    },
    // Leaving the box (Tab) closes its list without taking a name.
    onBlur: () => {
      if (open && at) setClosedFor(`${at.start}:${at.query}`);
    },
    role: "combobox" as const,
    "aria-expanded": open,
    "aria-autocomplete": "list" as const,
    "aria-controls": listId,
    "aria-activedescendant": open ? `${listId}-${active}` : undefined,
  };
  const list = (
    <>
      <ul id={listId} role="listbox" aria-label={t("mention.suggestions")} hidden={!open}>
        {options.map((s, i) => (
          <li
            key={s.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            onMouseDown={(e) => {
              e.preventDefault();
              take(s);
            }}
          >
            {s.display_name} <span className="fr-text--xs">@{s.handle}</span>
            {s.organisation && <span className="fr-text--xs"> — {s.organisation}</span>}
          </li>
        ))}
      </ul>
      <p className="fr-sr-only" role="status">
        {open ? t("mention.count", { count: options.length }) : ""}
      </p>
    </>
  );
  return { textareaProps, list };
}
