// Search: the API's French full-text search over commitments, milestones, forums and public
// comments. The query and the type filter live in the address (/recherche?q=…&type=…), so a
// search can be shared, reloaded and reached from the header's search bar; results are paged by
// "load more".
import { useId, useRef, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { type SearchHit, type SearchKind } from "../../api/client";
import { Crumbs } from "../../components/Crumbs";
import { useFieldState } from "../../components/forms";
import { PageHeading } from "../../components/PageHeading";
import { Loading, LoadMore, ProblemAlert } from "../../components/QueryState";
import { DISCUSSION_ANCHOR, plainExcerpt, targetPath } from "../comments/targets";
import { paths } from "../../app/resources";
import { addMessages, useI18n, type MessageKey } from "../../i18n";
import { fr } from "./i18n/fr";
import { useLangOf } from "../../components/lang";
import { search, searchKeys } from "./queries";

// The search page's French messages come with its chunk: no other page uses them.
addMessages("fr", fr);

export const SEARCH_KINDS: readonly SearchKind[] = ["commitment", "milestone", "proposal", "forum", "comment"];
export const MAX_QUERY = 200;
const PAGE = 20;

const kindLabel: Record<SearchKind, MessageKey> = {
  commitment: "target.commitment",
  milestone: "target.milestone",
  proposal: "target.proposal",
  forum: "target.forum",
  comment: "search.kind.comment",
};
const kindFilter: Record<SearchKind, MessageKey> = {
  commitment: "search.filter.commitment",
  milestone: "search.filter.milestone",
  proposal: "search.filter.proposal",
  forum: "search.filter.forum",
  comment: "search.filter.comment",
};

/** Where a result leads: the record itself, or for a comment the discussion it belongs to. */
export function hitPath(hit: SearchHit): string | { pathname: string; hash: string } {
  if (hit.type === "comment") {
    return hit.target
      ? { pathname: targetPath(hit.target.type, hit.target.id), hash: `#${DISCUSSION_ANCHOR}` }
      : paths.home();
  }
  return targetPath(hit.type, hit.id);
}

/**
 * The API cuts excerpts from the markdown source, so they can carry its markers (`**bold**`,
 * list dashes): they are dropped for reading. Only characters of the escaped text are removed
 * (never `<`, `>` or `&`), so the excerpt keeps its escaping and its <mark> tags.
 */
export function tidyExcerptHtml(html: string): string {
  return html
    .replace(/\*\*|__|`/g, "")
    .replace(/(^|\n)[ \t]*(?:#{1,6}|&gt;|[-*+]|\d+[.)])[ \t]+/g, "$1")
    .replace(/\s*\n\s*/g, " ")
    .trim();
}

function parseKind(value: string | null): SearchKind | "" {
  return (SEARCH_KINDS as readonly string[]).includes(value ?? "") ? (value as SearchKind) : "";
}

export default function SearchPage() {
  const { t, number } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = (params.get("q") ?? "").trim();
  const type = parseKind(params.get("type"));
  const query = useInfiniteQuery({
    queryKey: searchKeys.list(q, type),
    queryFn: ({ pageParam }) => search({ q, type: type || undefined, limit: PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled: q !== "",
  });
  const hits = query.data?.pages.flatMap((p) => p.items) ?? [];
  const searching = q !== "" && query.isPending;
  // Results are shown as long as there are some, even when a further page failed to load.
  const done = q !== "" && query.data !== undefined;

  function apply(next: { q: string; type: SearchKind | "" }) {
    const sp = new URLSearchParams();
    sp.set("q", next.q);
    if (next.type) sp.set("type", next.type);
    setParams(sp);
  }

  const status = !done
    ? ""
    : hits.length === 0
      ? t("search.noResults", { q })
      : query.hasNextPage
        ? t("search.firstResults", { count: number(hits.length) })
        : hits.length === 1
          ? t("search.oneResult")
          : t("search.results", { count: number(hits.length) });

  return (
    <>
      <Crumbs current={t("search.title")} />
      <PageHeading title={q ? t("search.titleWithQuery", { q }) : t("search.title")}>{t("search.title")}</PageHeading>
      <SearchForm q={q} type={type} onApply={apply} error={query.error} />
      {/* Always in the page, so that screen readers announce each new count. */}
      <p
        role="status"
        className={!done ? "fr-sr-only" : hits.length > 0 ? "fr-text--bold fr-mb-2w" : "fr-text--lg od-empty"}
      >
        {status}
      </p>
      {q === "" ? (
        <SearchTips />
      ) : searching ? (
        <Loading label={t("search.searching")} />
      ) : !done ? (
        <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
      ) : hits.length === 0 ? (
        <SearchTips />
      ) : (
        <section aria-labelledby="search-results">
          <h2 id="search-results" className="fr-sr-only">
            {t("search.resultsHeading")}
          </h2>
          <ol className="od-results">
            {hits.map((hit) => (
              <li key={`${hit.type}-${hit.id}`}>
                <Hit hit={hit} />
              </li>
            ))}
          </ol>
        </section>
      )}
      {query.isFetchNextPageError && <ProblemAlert error={query.error} onRetry={() => void query.fetchNextPage()} />}
      <LoadMore
        hasMore={q !== "" && query.hasNextPage && !query.isFetchNextPageError}
        loading={query.isFetchingNextPage}
        onClick={() => void query.fetchNextPage()}
        label={t("search.loadMore")}
      />
    </>
  );
}

function SearchForm({
  q,
  type,
  onApply,
  error,
}: {
  q: string;
  type: SearchKind | "";
  onApply: (next: { q: string; type: SearchKind | "" }) => void;
  error: unknown;
}) {
  const { t } = useI18n();
  const fieldState = useFieldState();
  const [text, setText] = useState(q);
  const [kind, setKind] = useState(type);
  const [blank, setBlank] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const labelId = useId();
  // A search started elsewhere (the header's search bar, history) updates the form in place:
  // remounting it would drop the keyboard focus.
  const [shown, setShown] = useState({ q, type });
  if (shown.q !== q || shown.type !== type) {
    setShown({ q, type });
    setText(q);
    setKind(type);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const words = text.trim();
    if (!words) {
      setBlank(true);
      input.current?.focus();
      return;
    }
    setBlank(false);
    onApply({ q: words, type: kind });
  }
  const state = blank
    ? { state: "error" as const, stateRelatedMessage: t("search.queryRequired") }
    : fieldState(error, "q");
  return (
    <form role="search" aria-labelledby={labelId} onSubmit={submit} noValidate className="od-filters fr-mb-4w">
      <h2 id={labelId} className="fr-h6 fr-mb-2w">
        {t("search.formTitle")}
      </h2>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-8">
          <Input
            label={t("search.query")}
            hintText={t("search.queryHint")}
            {...state}
            nativeInputProps={{
              ref: input,
              name: "q",
              type: "search",
              maxLength: MAX_QUERY,
              autoComplete: "off",
              // Marked invalid with its message as description: focus lands here, and a screen
              // reader reads both (RGAA 11.10).
              "aria-invalid": state.state === "error" ? true : undefined,
              value: text,
              onChange: (e) => setText(e.target.value),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Select
            label={t("search.type")}
            nativeSelectProps={{ name: "type", value: kind, onChange: (e) => setKind(parseKind(e.target.value)) }}
          >
            <option value="">{t("search.filter.all")}</option>
            {SEARCH_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(kindFilter[k])}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <Button type="submit" iconPosition="left" iconId="fr-icon-search-line">
        {t("search.submit")}
      </Button>
    </form>
  );
}

function SearchTips() {
  const { t } = useI18n();
  return (
    <div className="fr-callout fr-mt-2w">
      <h2 className="fr-callout__title fr-h6">{t("search.tipsTitle")}</h2>
      <ul className="fr-callout__text fr-text--md">
        <li>{t("search.tipWords")}</li>
        <li>{t("search.tipPhrase")}</li>
        <li>{t("search.tipOr")}</li>
        <li>{t("search.tipExclude")}</li>
      </ul>
    </div>
  );
}

function Hit({ hit }: { hit: SearchHit }) {
  const { t, date } = useI18n();
  const langOf = useLangOf();
  const when = date(hit.at);
  const meta =
    hit.type === "comment"
      ? [hit.target ? t(`search.commentOn.${hit.target.type}`) : null, t("discussion.posted", { date: when })]
      : hit.type === "forum"
        ? [t("search.forumOn", { date: when })]
        : [t("search.updatedOn", { date: when })];
  return (
    <article className="od-result">
      <p className="fr-tag fr-tag--sm fr-mb-1w">{t(kindLabel[hit.type])}</p>
      <h3 className="fr-h6 fr-mb-1w">
        <Link to={hitPath(hit)} {...langOf(hit.lang)}>
          {hit.type === "comment" ? plainExcerpt(hit.title, Infinity) : hit.title}
        </Link>
      </h3>
      {/* The API escapes the whole excerpt and adds only <mark> around the matches. */}
      <p
        className="od-result__excerpt fr-mb-1w"
        dangerouslySetInnerHTML={{ __html: tidyExcerptHtml(hit.excerpt_html) }}
      />
      <p className="fr-text--xs fr-mb-0 od-result__meta">{meta.filter(Boolean).join(" · ")}</p>
    </article>
  );
}
