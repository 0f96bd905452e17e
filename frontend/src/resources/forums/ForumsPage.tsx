// Forums, upcoming or past, filtered by theme, commitment and status; "load more" pages on.
import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Tabs } from "@codegouvfr/react-dsfr/Tabs";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { type ForumStatus } from "../../api/client";
import { Crumbs } from "../../components/Crumbs";
import { ForumCard } from "./ForumCard";
import { PageHeading } from "../../components/PageHeading";
import { forumsCalendarUrl } from "../formats/queries";
import { LoadMore, QueryState } from "../../components/QueryState";
import { useI18n } from "../../i18n";
import { allCommitments, commitmentKeys } from "../commitments/queries";
import { forumKeys, listForums } from "./queries";
import { paths } from "../../app/resources";
import { FeedLink } from "../../components/FeedLink";

const STATUSES: ForumStatus[] = ["planned", "open", "held", "cancelled"];
const PAGE = 9;

export function useCommitmentOptions() {
  return useQuery({ queryKey: commitmentKeys.options, queryFn: allCommitments, staleTime: 5 * 60_000 });
}

export default function ForumsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const when = params.get("when") === "past" ? "past" : "upcoming";
  const theme = params.get("theme") ?? "";
  const commitment = params.get("commitment") ?? "";
  const status = (STATUSES as string[]).includes(params.get("status") ?? "")
    ? (params.get("status") as ForumStatus)
    : "";
  const filters = { when, theme, commitment, status };

  const query = useInfiniteQuery({
    queryKey: forumKeys.list(filters),
    queryFn: ({ pageParam }) =>
      listForums({
        when,
        theme: theme || undefined,
        commitment: commitment || undefined,
        status: status || undefined,
        limit: PAGE,
        cursor: pageParam,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const forums = query.data?.pages.flatMap((p) => p.items) ?? [];

  function update(next: Partial<typeof filters>) {
    const merged = { ...filters, ...next };
    const sp = new URLSearchParams();
    for (const [k, v] of Object.entries(merged)) if (v && !(k === "when" && v === "upcoming")) sp.set(k, v);
    setParams(sp);
  }

  return (
    <>
      <Crumbs current={t("forums.title")} />
      <PageHeading title={t("forums.title")} />
      <p className="fr-text--lead">{t("forums.intro")}</p>
      <p>
        <a
          className="fr-link fr-icon-calendar-line fr-link--icon-left"
          href={forumsCalendarUrl}
          aria-describedby="calendar-hint"
        >
          {t("forums.subscribeCalendar")}
        </a>
        <span id="calendar-hint" className="fr-hint-text">
          {t("forums.subscribeHint")}
        </span>
      </p>
      <FeedLink path="/forums.atom" kind="forums" />
      <p>
        <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" to={paths.cycles()}>
          {t("cycles.link")}
        </Link>
      </p>
      <ForumFilters key={`${theme}|${commitment}|${status}`} initial={{ theme, commitment, status }} onApply={update} />
      <Tabs
        label={t("forums.tabs")}
        selectedTabId={when}
        onTabChange={(id) => update({ when: id === "past" ? "past" : "upcoming" })}
        tabs={[
          { tabId: "upcoming", label: t("forums.upcoming"), iconId: "fr-icon-calendar-line" },
          { tabId: "past", label: t("forums.past"), iconId: "fr-icon-time-line" },
        ]}
      >
        <QueryState query={query} isEmpty={() => forums.length === 0} empty={t("forums.empty")}>
          {() => (
            <ul className="fr-grid-row fr-grid-row--gutters od-plain-list">
              {forums.map((f) => (
                <li key={f.id} className="fr-col-12 fr-col-md-6 fr-col-lg-4">
                  <ForumCard forum={f} headingLevel="h2" />
                </li>
              ))}
            </ul>
          )}
        </QueryState>
        <LoadMore
          hasMore={query.hasNextPage}
          loading={query.isFetchingNextPage}
          onClick={() => void query.fetchNextPage()}
          label={t("forums.loadMore")}
        />
      </Tabs>
    </>
  );
}

function ForumFilters({
  initial,
  onApply,
}: {
  initial: { theme: string; commitment: string; status: ForumStatus | "" };
  onApply: (f: { theme: string; commitment: string; status: ForumStatus | "" }) => void;
}) {
  const { t } = useI18n();
  const [theme, setTheme] = useState(initial.theme);
  const [commitment, setCommitment] = useState(initial.commitment);
  const [status, setStatus] = useState(initial.status);
  const options = useCommitmentOptions();

  function submit(e: FormEvent) {
    e.preventDefault();
    onApply({ theme: theme.trim(), commitment, status });
  }
  return (
    <form onSubmit={submit} className="od-filters fr-mb-4w" aria-labelledby="forum-filters-title">
      <h2 id="forum-filters-title" className="fr-h6 fr-mb-2w">
        {t("forums.filters")}
      </h2>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label={t("forums.theme")}
            hintText={t("forums.themeHint")}
            nativeInputProps={{ name: "theme", value: theme, onChange: (e) => setTheme(e.target.value) }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Select
            label={t("forums.commitment")}
            nativeSelectProps={{
              name: "commitment",
              value: commitment,
              onChange: (e) => setCommitment(e.target.value),
            }}
          >
            <option value="">{t("common.any")}</option>
            {(options.data ?? []).map((c) => (
              <option key={c.id} value={c.code}>
                {c.code} — {c.title}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Select
            label={t("forums.status")}
            nativeSelectProps={{
              name: "status",
              value: status,
              onChange: (e) => setStatus(e.target.value as ForumStatus | ""),
            }}
          >
            <option value="">{t("common.any")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.forum.${s}`)}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left fr-mt-2w">
        <li>
          <Button type="submit" iconPosition="left" iconId="fr-icon-filter-line">
            {t("forums.apply")}
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={() => onApply({ theme: "", commitment: "", status: "" })}>
            {t("forums.reset")}
          </Button>
        </li>
      </ul>
    </form>
  );
}
