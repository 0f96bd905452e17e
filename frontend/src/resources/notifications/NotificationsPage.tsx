// My notifications: replies, mentions, news of what I follow, answers, forum changes — newest
// first, unread ones marked; read one or all; and what I follow, with a way to stop.
import { Link } from "react-router";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { useSession } from "../../auth/session";
import {
  listFollows,
  listNotifications,
  markAllRead,
  markRead,
  notificationKeys,
  unfollow,
  type Notification,
} from "./queries";
import { Crumbs } from "../../components/Crumbs";
import { PageHeading } from "../../components/PageHeading";
import { LoadMore, ProblemAlert, QueryState } from "../../components/QueryState";
import { SignInRequired } from "../../components/SignInRequired";
import { useI18n, type MessageKey } from "../../i18n";
import { SUBJECTS } from "../../subjects";
import { paths } from "../../app/resources";
import { useAction } from "../../components/actions";

export default function NotificationsPage() {
  const { user } = useSession();
  const { t } = useI18n();
  if (!user) return <SignInRequired />;
  return (
    <>
      <Crumbs current={t("notifications.title")} />
      <PageHeading title={t("notifications.title")} />
      <p>
        {t("notifications.intro")} <Link to={paths.account("notifications")}>{t("notifications.settingsLink")}</Link>
      </p>
      <NotificationList />
      <Follows />
    </>
  );
}

/** Where a notification leads: its subject's page, at the comment for one about a comment. */
export function notificationHref(n: Notification): string {
  const path = n.subject?.path ?? n.link?.path ?? paths.notifications();
  return n.comment_id != null ? `${path}#comment-${n.comment_id}` : path;
}

function NotificationList() {
  const { t, dateTime } = useI18n();
  const qc = useQueryClient();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const query = useInfiniteQuery({
    queryKey: notificationKeys.list(unreadOnly),
    queryFn: ({ pageParam }) => listNotifications(unreadOnly, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const refresh = () => void qc.invalidateQueries({ queryKey: notificationKeys.all });
  // Once one is read, focus goes to the next unread one's button (else to the list's heading).
  const readOne = useAction({
    mutationFn: markRead,
    onSuccess: refresh,
    done: "notifications.done.read",
    focus: (_, id) => () => {
      const after = items.slice(items.findIndex((n) => n.id === id) + 1).find((n) => !n.read && n.id !== id);
      return document.getElementById(after ? `notification-${after.id}-read` : "notifications-list");
    },
  });
  // Up to the newest shown: one that arrived since stays unread.
  const newest = items[0]?.id;
  const readAll = useAction({
    mutationFn: () => markAllRead(newest),
    onSuccess: refresh,
    done: "notifications.done.readAll",
    focus: "notifications-list",
  });
  const anyUnread = items.some((n) => !n.read);
  return (
    <section aria-labelledby="notifications-list" className="fr-mb-6w">
      <h2 id="notifications-list" className="fr-h4">
        {t("notifications.list")}
      </h2>
      <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left">
        <li>
          <Button
            priority="secondary"
            nativeButtonProps={{ "aria-pressed": unreadOnly }}
            onClick={() => setUnreadOnly((u) => !u)}
            iconPosition="left"
            iconId="fr-icon-filter-line"
          >
            {t("notifications.unreadOnly")}
          </Button>
        </li>
        <li>
          <Button
            priority="tertiary"
            disabled={!anyUnread || readAll.isPending}
            onClick={() => readAll.mutate()}
            iconPosition="left"
            iconId="fr-icon-check-line"
          >
            {t("notifications.readAll")}
          </Button>
        </li>
      </ul>
      {(readAll.isError || readOne.isError) && <ProblemAlert error={readAll.error ?? readOne.error} />}
      <QueryState
        query={query}
        isEmpty={() => items.length === 0}
        empty={unreadOnly ? t("notifications.emptyUnread") : t("notifications.empty")}
      >
        {() => (
          <ul className="od-plain-list od-notifications">
            {items.map((n) => (
              <li
                key={n.id}
                className={n.read ? "od-notification" : "od-notification od-notification--unread"}
                data-testid="notification"
              >
                <p className="fr-mb-1v">
                  {!n.read && (
                    <>
                      <Badge small severity="new" as="span">
                        {t("notifications.new")}
                      </Badge>{" "}
                    </>
                  )}
                  <Sentence n={n} onOpen={() => !n.read && readOne.mutate(n.id)} />
                </p>
                {n.excerpt && <p className="fr-text--sm fr-mb-1v od-excerpt">« {n.excerpt} »</p>}
                <p className="fr-text--xs fr-mb-0">
                  <time dateTime={n.created_at}>{dateTime(n.created_at)}</time>
                  {!n.read && (
                    <>
                      {" — "}
                      <button
                        type="button"
                        className="fr-link fr-text--xs"
                        id={`notification-${n.id}-read`}
                        onClick={() => readOne.mutate(n.id)}
                        disabled={readOne.isPending}
                      >
                        {t("notifications.markRead")}
                      </button>
                    </>
                  )}
                </p>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      <LoadMore
        hasMore={query.hasNextPage}
        loading={query.isFetchingNextPage}
        onClick={() => void query.fetchNextPage()}
        label={t("notifications.more")}
      />
    </section>
  );
}

/** The notification in a sentence, its subject a link ("Marie a commenté « FR0041 — … »"). */
function Sentence({ n, onOpen }: { n: Notification; onOpen: () => void }) {
  const { t } = useI18n();
  const actor = n.actor?.display_name ?? t("notifications.someone");
  const [before, after = ""] = t(`notifications.reason.${n.reason}` as MessageKey, { actor }).split("{title}");
  const title = n.subject ? (
    <Link to={notificationHref(n)} onClick={onOpen} lang={n.subject.lang}>
      {n.subject.title}
    </Link>
  ) : n.link ? (
    <Link to={notificationHref(n)} onClick={onOpen}>
      {n.link.title}
    </Link>
  ) : (
    <em>{t("notifications.gone")}</em>
  );
  return (
    <>
      {before}
      {title}
      {after}
    </>
  );
}

function Follows() {
  const { t, date } = useI18n();
  const qc = useQueryClient();
  const query = useInfiniteQuery({
    queryKey: notificationKeys.follows,
    queryFn: ({ pageParam }) => listFollows(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const stop = useAction({
    mutationFn: ({ type, key }: { type: Parameters<typeof unfollow>[0]; key: string; title: string }) =>
      unfollow(type, key),
    onSuccess: () => qc.invalidateQueries({ queryKey: notificationKeys.all }),
    done: (_, { title }) => ({ key: "follows.done.stopped", vars: { title } }),
    focus: "my-follows",
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="my-follows">
      <h2 id="my-follows" className="fr-h4">
        {t("follows.title")}
      </h2>
      {stop.isError && <ProblemAlert error={stop.error} />}
      <QueryState query={query} isEmpty={() => rows.length === 0} empty={t("follows.empty")}>
        {() => (
          <ul className="od-plain-list">
            {rows.map((f) => (
              <li key={`${f.subject.type}-${f.subject.id}`} className="fr-mb-1w">
                <span className="fr-text--sm">{t(SUBJECTS[f.subject.type].label)} : </span>
                <Link to={f.subject.path} lang={f.subject.lang}>
                  {f.subject.title}
                </Link>{" "}
                <span className="fr-text--xs">{t("follows.since", { date: date(f.since) })}</span>{" "}
                <Button
                  size="small"
                  priority="tertiary no outline"
                  disabled={stop.isPending}
                  onClick={() => stop.mutate({ type: f.subject.type, key: f.subject.key, title: f.subject.title })}
                  nativeButtonProps={{ "aria-label": t("follows.stopNamed", { title: f.subject.title }) }}
                >
                  {t("follows.stop")}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      <LoadMore
        hasMore={query.hasNextPage}
        loading={query.isFetchingNextPage}
        onClick={() => void query.fetchNextPage()}
        label={t("follows.more")}
      />
    </section>
  );
}
