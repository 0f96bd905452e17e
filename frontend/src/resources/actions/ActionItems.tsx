// Action items: their status badge, and the table that lists them (on a forum, a commitment, a
// milestone, and the follow-up page), keyset-paged, with the overdue ones flagged.
import { Link } from "react-router";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { actionKeys, listActionItems, type ActionItem, type ActionItemQuery, type ActionStatus } from "./queries";
import { useI18n } from "../../i18n";
import { DataTable } from "../../components/DataTable";
import { Empty, Loading, LoadMore, ProblemAlert } from "../../components/QueryState";
import { paths } from "../../app/resources";

const severity: Record<ActionStatus, "success" | "info" | "warning" | "error" | undefined> = {
  open: undefined,
  in_progress: "info",
  done: "success",
  dropped: "warning",
};

export function ActionStatusBadge({ status }: { status: ActionStatus }) {
  const { t } = useI18n();
  return (
    <Badge small severity={severity[status]} as="span">
      {t(`status.action.${status}`)}
    </Badge>
  );
}

export function OverdueBadge({ item }: { item: Pick<ActionItem, "overdue"> }) {
  const { t } = useI18n();
  if (!item.overdue) return null;
  return (
    <Badge small severity="error" as="span" className="fr-ml-1w">
      {t("actions.overdue")}
    </Badge>
  );
}

const PAGE = 50;

/** The action items `filters` select, in a table; `showForum` adds the forum column. */
export function ActionItemsTable({
  filters,
  showForum,
  caption,
}: {
  filters: Omit<ActionItemQuery, "cursor" | "limit">;
  showForum?: boolean;
  caption?: string;
}) {
  const { t, calendarDate } = useI18n();
  const q = useInfiniteQuery({
    queryKey: actionKeys.list(filters),
    queryFn: ({ pageParam }) => listActionItems({ ...filters, limit: PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ProblemAlert error={q.error} onRetry={() => void q.refetch()} />;
  const items = q.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <Empty>{t("actions.empty")}</Empty>;
  return (
    <>
      <DataTable caption={caption ?? t("actions.caption")} hideCaption={!caption}>
        <thead>
          <tr>
            <th scope="col">{t("actions.col.action")}</th>
            <th scope="col">{t("actions.col.owner")}</th>
            <th scope="col">{t("actions.col.due")}</th>
            <th scope="col">{t("actions.col.status")}</th>
            {showForum && <th scope="col">{t("actions.col.forum")}</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id} data-testid={`action-${a.id}`}>
              <td>
                <Link to={paths.actionItem(a.id)}>{a.title}</Link>
              </td>
              <td>
                {a.owner_institution ? (
                  <Link to={paths.institution(a.owner_institution.slug)}>{a.owner.name}</Link>
                ) : (
                  a.owner.name
                )}
              </td>
              <td>
                <time dateTime={a.due_on}>{calendarDate(a.due_on)}</time>
              </td>
              <td>
                <ActionStatusBadge status={a.status} />
                <OverdueBadge item={a} />
              </td>
              {showForum && (
                <td>
                  <Link to={paths.forum(a.forum.slug)}>{a.forum.title}</Link>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </DataTable>
      <LoadMore
        hasMore={!!q.hasNextPage}
        loading={q.isFetchingNextPage}
        onClick={() => void q.fetchNextPage()}
        label={t("actions.loadMore")}
      />
    </>
  );
}

/** On a commitment's or milestone's page: the action items that serve it, if any. */
export function RelatedActions({ filters }: { filters: Omit<ActionItemQuery, "cursor" | "limit"> }) {
  const { t } = useI18n();
  return (
    <section className="fr-mt-4w" aria-labelledby="related-actions">
      <h2 id="related-actions">{t("actions.onPage")}</h2>
      <ActionItemsTable filters={filters} showForum caption={t("actions.caption")} />
    </section>
  );
}
