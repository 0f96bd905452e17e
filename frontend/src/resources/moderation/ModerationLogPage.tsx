// The public moderation log: what was hidden or restored, when and why — never by whom.
import { Link } from "react-router";
import { useInfiniteQuery } from "@tanstack/react-query";
import { moderationKeys, moderationLog } from "./queries";
import { Crumbs } from "../../components/Crumbs";
import { DataTable } from "../../components/DataTable";
import { PageHeading } from "../../components/PageHeading";
import { LoadMore, QueryState } from "../../components/QueryState";
import { addMessages, useI18n } from "../../i18n";
import { fr as queueMessages } from "./i18n/queue.fr";

// The queue's and the log's French text comes with their chunk.
addMessages("fr", queueMessages);

export default function ModerationLogPage() {
  const { t, dateTime } = useI18n();
  const q = useInfiniteQuery({
    queryKey: moderationKeys.log,
    queryFn: ({ pageParam }) => moderationLog(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <Crumbs current={t("modlog.title")} />
      <PageHeading title={t("modlog.title")} />
      <p className="fr-text--lead">{t("modlog.intro")}</p>
      <QueryState query={q} isEmpty={() => items.length === 0} empty={t("modlog.empty")}>
        {() => (
          <DataTable caption={t("modlog.caption")}>
            <thead>
              <tr>
                <th scope="col">{t("modlog.when")}</th>
                <th scope="col">{t("modlog.action")}</th>
                <th scope="col">{t("modlog.reason")}</th>
                <th scope="col">{t("modlog.where")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id}>
                  <td>
                    <time dateTime={e.at}>{dateTime(e.at)}</time>
                  </td>
                  <td>
                    {t(
                      e.action === "hidden" ? (e.automatic ? "modlog.hiddenAuto" : "modlog.hidden") : "modlog.restored",
                    )}
                  </td>
                  <td>{e.reason ?? "—"}</td>
                  <td>
                    {e.subject ? (
                      <Link to={`${e.subject.path}#comment-${e.comment_id}`} lang={e.subject.lang}>
                        {e.subject.title}
                      </Link>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </QueryState>
      <LoadMore
        hasMore={q.hasNextPage}
        loading={q.isFetchingNextPage}
        onClick={() => void q.fetchNextPage()}
        label={t("modlog.more")}
      />
    </>
  );
}
