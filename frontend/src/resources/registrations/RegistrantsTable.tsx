// The forum's organisers' list of registrations: who registered, in arrival order; the door,
// where they check people in by code; marking people present from the list, at the door or
// after the forum (only the people recorded as present give feedback); the CSV export.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import type { Forum } from "../../api/client";
import { ApiError } from "../../api/errors";
import { getOrganisers, isOrganiser, organiserKeys } from "../forums/organisers";
import {
  checkInByCode,
  checkInFromList,
  exportRegistrations,
  listForumRegistrations,
  registrationKeys,
  type ForumRegistration,
} from "./queries";
import { useSession } from "../../auth/session";
import { DownloadButton } from "../../components/download";
import { useI18n } from "../../i18n";
import "./messages";
import { DataTable } from "../../components/DataTable";
import { LoadMore, ProblemAlert, QueryState } from "../../components/QueryState";
import { RegistrationStatusBadge } from "./Registrations";

/** Who registered, for the forum's organisers (admins, the people on its list, officials of the
 *  institutions of its commitments): nothing is rendered for anyone else. */
export function RegistrantsTable({ forum }: { forum: Forum }) {
  const { t, number, dateTime } = useI18n();
  const { user } = useSession();
  const organisers = useQuery({
    queryKey: organiserKeys.forum(forum.slug),
    queryFn: () => getOrganisers(forum.slug),
    enabled: !!user,
  });
  const allowed = isOrganiser(user, organisers.data);
  // After the forum, attendance is recorded from the list (or from codes collected at the door).
  const after = forum.status === "held";
  const query = useInfiniteQuery({
    queryKey: registrationKeys.forumList(forum.slug),
    queryFn: ({ pageParam }) => listForumRegistrations(forum.slug, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled: allowed,
  });
  if (!allowed) return null;
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="fr-mt-4w" aria-labelledby="forum-registrants">
      <h2 id="forum-registrants">{t("registration.list.title")}</h2>
      <p className="fr-text--sm">{t("registration.list.private")}</p>
      {after && <p className="fr-text--sm">{t("registration.checkIn.afterwards")}</p>}
      <CheckInByCode forum={forum} />
      <ExportButton forum={forum} />
      <QueryState query={query} isEmpty={() => rows.length === 0} empty={t("registration.list.empty")}>
        {() => (
          <DataTable caption={t("registration.list.caption", { title: forum.title })} className="od-table">
            <thead>
              <tr>
                <th scope="col">{t("registration.list.person")}</th>
                <th scope="col">{t("registration.list.status")}</th>
                <th scope="col">{t("registration.list.code")}</th>
                <th scope="col">{t("registration.list.at")}</th>
                <th scope="col">{t("registration.checkIn.column")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    {r.person.display_name}
                    {r.person.organisation && <> ({r.person.organisation})</>}
                  </td>
                  <td>
                    <RegistrationStatusBadge status={r.status} />
                    {r.position != null && <> {t("registration.list.position", { position: number(r.position) })}</>}
                    {r.status === "registered" && r.reserved_seat && <> {t("registration.list.reserved")}</>}
                    {r.status === "registered" && r.promoted_at && (
                      <> {t("registration.list.promoted", { date: dateTime(r.promoted_at) })}</>
                    )}
                  </td>
                  <td>{r.code}</td>
                  <td>{dateTime(r.created_at)}</td>
                  <td>
                    <CheckInCell forum={forum} row={r} />
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </QueryState>
      <LoadMore
        hasMore={query.hasNextPage}
        loading={query.isFetchingNextPage}
        onClick={() => void query.fetchNextPage()}
        label={t("registration.list.more")}
      />
    </section>
  );
}

/** The door: a registration's code, typed or read from the person's screen. */
function CheckInByCode({ forum }: { forum: Forum }) {
  const { t, dateTime } = useI18n();
  const qc = useQueryClient();
  const [code, setCode] = useState("");
  const check = useMutation({
    mutationFn: (value: string) => checkInByCode(forum.slug, value),
    onSuccess: async () => {
      setCode("");
      await qc.invalidateQueries({ queryKey: registrationKeys.forumList(forum.slug) });
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (code.trim()) check.mutate(code.trim());
  }
  // A code no registration of this forum has: said next to the field, in words for the door.
  const unknown = check.error instanceof ApiError && check.error.code === "unknown_reference";
  return (
    <form onSubmit={submit} className="fr-mb-2w" aria-labelledby="check-in-title">
      <h3 id="check-in-title" className="fr-h6">
        {t("registration.checkIn.title")}
      </h3>
      <div className="od-inline-form">
        <Input
          label={t("registration.checkIn.code")}
          hintText={t("registration.checkIn.hint")}
          state={unknown ? "error" : "default"}
          stateRelatedMessage={unknown ? t("registration.checkIn.unknown") : undefined}
          nativeInputProps={{
            value: code,
            onChange: (e) => setCode(e.target.value),
            autoComplete: "off",
            maxLength: 40,
          }}
        />
        <Button type="submit" disabled={check.isPending}>
          {t("registration.checkIn.submit")}
        </Button>
      </div>
      {check.isError && !unknown && <ProblemAlert error={check.error} />}
      {check.isSuccess && (
        <p role="status">
          {t("registration.checkIn.done", {
            name: check.data.person.display_name,
            at: check.data.checked_in_at ? dateTime(check.data.checked_in_at) : "",
          })}
        </p>
      )}
    </form>
  );
}

/** One row's presence: the time of arrival (or of being marked present after the forum), or
 *  the button that records it; once pressed, focus goes to what replaced it. */
function CheckInCell({ forum, row }: { forum: Forum; row: ForumRegistration }) {
  const { t, dateTime } = useI18n();
  const qc = useQueryClient();
  const done = useRef<HTMLSpanElement>(null);
  const check = useMutation({
    mutationFn: () => checkInFromList(forum.slug, row.id),
    onSuccess: () => qc.invalidateQueries({ queryKey: registrationKeys.forumList(forum.slug) }),
  });
  const pressed = check.isSuccess;
  useEffect(() => {
    if (pressed && row.checked_in_at) done.current?.focus();
  }, [pressed, row.checked_in_at]);
  if (row.checked_in_at) {
    const afterwards = Date.parse(row.checked_in_at) > Date.parse(forum.ends_at);
    return (
      <span ref={done} tabIndex={-1}>
        {afterwards
          ? t("registration.checkIn.markedAt", { at: dateTime(row.checked_in_at) })
          : t("registration.checkIn.at", { at: dateTime(row.checked_in_at) })}
      </span>
    );
  }
  if (row.status !== "registered") return null;
  const held = forum.status === "held";
  return (
    <>
      <Button
        size="small"
        priority="secondary"
        disabled={check.isPending}
        onClick={() => check.mutate()}
        nativeButtonProps={{
          "aria-label": t(held ? "registration.checkIn.markOf" : "registration.checkIn.of", {
            name: row.person.display_name,
          }),
        }}
      >
        {held ? t("registration.checkIn.mark") : t("registration.checkIn.button")}
      </Button>
      {check.isError && <ProblemAlert error={check.error} />}
    </>
  );
}

/** Downloads the list as CSV (the request carries the organiser's token, so it is fetched here). */
function ExportButton({ forum }: { forum: Forum }) {
  const { t } = useI18n();
  return (
    <div className="fr-mb-2w">
      <DownloadButton
        fetchFile={() => exportRegistrations(forum.slug)}
        label={t("registration.export.button")}
        pendingLabel={t("registration.export.pending")}
      />
    </div>
  );
}
