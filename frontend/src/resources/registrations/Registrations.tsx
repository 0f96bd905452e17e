// Registration for a forum: the seats (for everyone), one's own registration with its code,
// the buttons to register or cancel; one's registrations on the account page. Who registered is
// shown to nobody but the person and the forum's organisers (./RegistrantsTable.tsx).
import { useEffect, useState } from "react";
import QRCode from "qrcode";
import { Link, useLocation } from "react-router";
import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import type { Forum } from "../../api/client";
import {
  cancelRegistration,
  getMyRegistration,
  getRegistrationSummary,
  listMyRegistrations,
  register,
  registrationKeys,
  type Registration,
} from "./queries";
import { useSession } from "../../auth/session";
import { useI18n } from "../../i18n";
import "./messages";
import { Loading, LoadMore, ProblemAlert, QueryState } from "../../components/QueryState";
import { paths } from "../../app/resources";
import { useAction } from "../../components/actions";

type Status = Registration["status"];

export function RegistrationStatusBadge({ status }: { status: Status }) {
  const { t } = useI18n();
  const severity = status === "registered" ? "success" : status === "waitlisted" ? "warning" : undefined;
  return (
    <Badge small severity={severity} noIcon={!severity}>
      {t(`registration.status.${status}`)}
    </Badge>
  );
}

/** The forum's seats and, for a signed-in person, their registration and what they can do. */
export function RegistrationBox({ forum }: { forum: Forum }) {
  const { t, number, dateTime } = useI18n();
  const { user } = useSession();
  const location = useLocation();
  const qc = useQueryClient();
  const summary = useQuery({
    queryKey: registrationKeys.summary(forum.slug),
    queryFn: () => getRegistrationSummary(forum.slug),
  });
  const mine = useQuery({
    queryKey: registrationKeys.mine(forum.slug),
    queryFn: () => getMyRegistration(forum.slug),
    enabled: !!user,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: registrationKeys.all });
  // The button used gives way to the other one: focus goes to the sentence that says what happened.
  const join = useAction({
    mutationFn: () => register(forum.slug),
    onSuccess: refresh,
    done: (r) => (r.status === "registered" ? "registration.done.registered" : "registration.done.waitlisted"),
    focus: "registration-outcome",
  });
  const leave = useAction({
    mutationFn: () => cancelRegistration(forum.slug),
    onSuccess: refresh,
    done: "registration.done.cancelled",
    focus: "registration-outcome",
  });

  let body;
  if (summary.isPending || (user && mine.isPending)) {
    body = <Loading />;
  } else if (summary.isError || mine.isError) {
    body = (
      <ProblemAlert
        error={summary.error ?? mine.error}
        onRetry={() => {
          void summary.refetch();
          if (user) void mine.refetch();
        }}
      />
    );
  } else {
    const s = summary.data;
    const full = s.capacity != null && s.registered >= s.capacity;
    // General seats all taken while reserved ones are free: only their category may still get one.
    const reservedLeft = s.reserved ? s.reserved.seats - s.reserved.taken : 0;
    const own = mine.data ?? null;
    body = (
      <>
        <p className="fr-mb-1w">
          {s.capacity == null
            ? t("registration.seats.unlimited", { registered: number(s.registered) })
            : t("registration.seats.of", { registered: number(s.registered), capacity: number(s.capacity) })}
          {s.waitlisted > 0 && <> {t("registration.seats.waiting", { waitlisted: number(s.waitlisted) })}</>}
        </p>
        {s.reserved && (
          <p className="fr-mb-1w fr-text--sm">
            {t(`registration.reserved.${s.reserved.category}`, {
              seats: number(s.reserved.seats),
              taken: number(s.reserved.taken),
            })}{" "}
            {t("registration.reservedUntil", { date: dateTime(s.reserved.until) })}
          </p>
        )}
        {s.open && forum.registration_closes_at && (
          <p className="fr-mb-1w fr-text--sm">{t("registration.closesAt", { date: dateTime(s.closes_at) })}</p>
        )}
        {own ? (
          <>
            <p className="fr-mb-1w">
              <RegistrationStatusBadge status={own.status} />{" "}
              {own.status === "registered"
                ? t("registration.mine.registered")
                : t("registration.mine.waitlisted", { position: number(own.position ?? 1) })}
              {own.status === "registered" && own.reserved_seat && <> {t("registration.mine.reservedSeat")}</>}
            </p>
            {own.status === "registered" && (
              <>
                <p>
                  {t("registration.code")} <strong className="od-code">{own.code}</strong>
                </p>
                <CodeQr code={own.code} />
              </>
            )}
            <Button priority="secondary" disabled={leave.isPending} onClick={() => leave.mutate()}>
              {own.status === "registered" ? t("registration.cancel") : t("registration.leaveWaitlist")}
            </Button>
          </>
        ) : !s.open ? (
          <p>{t("registration.closed")}</p>
        ) : !user ? (
          <Link className="fr-btn" to={paths.signIn()} state={{ from: location.pathname }}>
            {t("registration.signInToRegister")}
          </Link>
        ) : (
          <>
            {full && <p>{t("registration.full")}</p>}
            {!full &&
              s.reserved &&
              s.capacity != null &&
              s.registered - s.reserved.taken >= s.capacity - s.reserved.seats &&
              reservedLeft > 0 && <p>{t(`registration.onlyReserved.${s.reserved.category}`)}</p>}
            <Button disabled={join.isPending} onClick={() => join.mutate()}>
              {full ? t("registration.joinWaitlist") : t("registration.register")}
            </Button>
          </>
        )}
        {(join.isError || leave.isError) && <ProblemAlert error={join.error ?? leave.error} />}
        {join.isSuccess && (
          <p id="registration-outcome" className="fr-mt-1w">
            {join.data.status === "registered" ? t("registration.done.registered") : t("registration.done.waitlisted")}
          </p>
        )}
        {leave.isSuccess && (
          <p id="registration-outcome" className="fr-mt-1w">
            {t("registration.done.cancelled")}
          </p>
        )}
      </>
    );
  }
  return (
    <section className="od-box fr-mt-2w" aria-labelledby="forum-registration">
      <h2 id="forum-registration" className="fr-h5">
        {t("registration.title")}
      </h2>
      {body}
    </section>
  );
}

/** One's registrations, on the account page. */
export function MyRegistrations() {
  const { t, number, dateTime } = useI18n();
  const query = useInfiniteQuery({
    queryKey: registrationKeys.myList,
    queryFn: ({ pageParam }) => listMyRegistrations(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="fr-mb-4w" aria-labelledby="my-registrations">
      <h2 id="my-registrations" className="fr-h4">
        {t("registration.my.title")}
      </h2>
      <QueryState query={query} isEmpty={() => rows.length === 0} empty={t("registration.my.empty")}>
        {() => (
          <ul className="od-plain-list">
            {rows.map((r) => (
              <li key={r.id} className="fr-mb-1w">
                <Link to={paths.forum(r.forum.slug)}>{r.forum.title}</Link> —{" "}
                <time dateTime={r.forum.starts_at}>{dateTime(r.forum.starts_at)}</time>{" "}
                <RegistrationStatusBadge status={r.status} />
                {r.status === "waitlisted" && r.position != null && (
                  <> {t("registration.list.position", { position: number(r.position) })}</>
                )}
                {r.status === "registered" && (
                  <>
                    {" "}
                    {t("registration.code")} <strong className="od-code">{r.code}</strong>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      <LoadMore
        hasMore={query.hasNextPage}
        loading={query.isFetchingNextPage}
        onClick={() => void query.fetchNextPage()}
        label={t("registration.my.more")}
      />
    </section>
  );
}

/** The registration's code as a QR code, for the door (drawn here: nothing is fetched). */
function CodeQr({ code }: { code: string }) {
  const { t } = useI18n();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toString(code, { type: "svg", margin: 1, errorCorrectionLevel: "M" })
      .then((svg) => {
        if (live) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      })
      .catch(() => {
        if (live) setSrc(null);
      });
    return () => {
      live = false;
    };
  }, [code]);
  if (!src) return null;
  return <img className="od-qr fr-mb-2w" src={src} width={160} height={160} alt={t("registration.qr", { code })} />;
}
