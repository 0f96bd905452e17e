// Mention suggestions while typing a comment: after "@" and two letters, the members whose
// display name starts so are offered in a list under the text (arrows to move, Enter or Tab to
// take one, Escape to close; or a click). Taking one writes "@Nom affiché " in the text: the
// server recognises the name and notifies that person.
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

export function useMentions(body: string, setBody: (b: string) => void) {
  const { t } = useI18n();
  const listId = useId();
  const ref = useRef<HTMLTextAreaElement | null>(null);
  const [caret, setCaret] = useState(0);
  // The highlighted suggestion, for the query it was chosen in (a new query starts at the top).
  const [highlight, setHighlight] = useState({ query: "", index: 0 });
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
    at && query && at.query.startsWith(query) && closedFor !== `${at.start}:${at.query}` ? (found.data ?? []) : [];
  const open = options.length > 0;
  const active = highlight.query === query ? highlight.index : 0;
  const setActive = (index: number) => setHighlight({ query, index });

  function take(s: MentionSuggestion) {
    if (!at) return;
    const inserted = `@${s.display_name} `;
    const next = body.slice(0, at.start) + inserted + body.slice(caret);
    const position = at.start + inserted.length;
    setBody(next);
    setCaret(position);
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
      if (!open) return;
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        setActive((active + (e.key === "ArrowDown" ? 1 : options.length - 1)) % options.length);
      } else if (e.key === "Enter" || e.key === "Tab") {
        e.preventDefault();
        take(options[Math.min(active, options.length - 1)]);
      } else if (e.key === "Escape") {
        e.preventDefault();
        if (at) setClosedFor(`${at.start}:${at.query}`);
      }
    },
    "aria-autocomplete": "list" as const,
    "aria-controls": open ? listId : undefined,
    "aria-activedescendant": open ? `${listId}-${active}` : undefined,
  };
  const list = (
    <>
      {open && (
        <ul id={listId} role="listbox" aria-label={t("mention.suggestions")}>
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
              {s.display_name}
              {s.organisation && <span className="fr-text--xs"> — {s.organisation}</span>}
            </li>
          ))}
        </ul>
      )}
      <p className="fr-sr-only" role="status">
        {open ? `${t("mention.suggestions")} : ${options.map((s) => s.display_name).join(", ")}` : ""}
      </p>
    </>
  );
  return { textareaProps, list };
}
