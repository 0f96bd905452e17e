// Admins: accounts, their roles, the institution they speak for, suspension.
import { useState, type FormEvent } from "react";
import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { type Account, type Role } from "../../api/client";
import { Crumbs } from "../../components/Crumbs";
import { PageHeading } from "../../components/PageHeading";
import { LoadMore, ProblemAlert, QueryState } from "../../components/QueryState";
import { DataTable } from "../../components/DataTable";
import { useI18n } from "../../i18n";
import {
  endUserSessions,
  eraseUser,
  listUsers,
  resetUserTwoFactor,
  updateUser,
  userKeys,
  type AdminUserChanges,
} from "./queries";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { useSession } from "../../auth/session";
import { allInstitutions, institutionKeys, type InstitutionSummary } from "../institutions/queries";
import { paths } from "../../app/resources";
import { useAction } from "../../components/actions";
import { InstitutionClaims } from "./InstitutionClaims";

const ROLES: Role[] = ["member", "official", "moderator", "admin"];

export function UsersPage() {
  const { t } = useI18n();
  const [draft, setDraft] = useState({ q: "", role: "" as Role | "" });
  const [filters, setFilters] = useState(draft);
  const [notice, setNotice] = useState<string | null>(null);
  const query = useInfiniteQuery({
    queryKey: userKeys.list(filters),
    queryFn: ({ pageParam }) =>
      listUsers({ q: filters.q || undefined, role: filters.role || undefined, limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const users = query.data?.pages.flatMap((p) => p.items) ?? [];
  const institutions = useQuery({ queryKey: institutionKeys.options, queryFn: allInstitutions });
  function submit(e: FormEvent) {
    e.preventDefault();
    setFilters({ q: draft.q.trim(), role: draft.role });
  }
  return (
    <>
      <Crumbs segments={[{ label: t("admin.title"), to: paths.admin() }]} current={t("admin.users")} />
      <PageHeading title={t("admin.users")} />
      {/* Officials waiting for an admin, above the accounts: shown only when some wait. */}
      <InstitutionClaims onDone={setNotice} />
      <form onSubmit={submit} className="od-filters fr-mb-4w">
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-6">
            <Input
              label={t("admin.users.search")}
              nativeInputProps={{
                type: "search",
                value: draft.q,
                onChange: (e) => setDraft({ ...draft, q: e.target.value }),
              }}
            />
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <Select
              label={t("admin.users.role")}
              nativeSelectProps={{
                value: draft.role,
                onChange: (e) => setDraft({ ...draft, role: e.target.value as Role | "" }),
              }}
            >
              <option value="">{t("common.any")}</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </Select>
          </div>
        </div>
        <Button type="submit" iconPosition="left" iconId="fr-icon-search-line">
          {t("admin.users.apply")}
        </Button>
      </form>
      {notice && (
        <Alert
          small
          severity="success"
          className="fr-mb-2w"
          description={notice}
          closable
          onClose={() => setNotice(null)}
        />
      )}
      <QueryState query={query} isEmpty={() => users.length === 0} empty={t("admin.users.empty")}>
        {() => (
          <DataTable caption={t("admin.users.caption")} hideCaption className="od-table">
            <thead>
              <tr>
                <th scope="col">{t("admin.users.name")}</th>
                <th scope="col">{t("admin.users.email")}</th>
                <th scope="col">{t("admin.users.role")}</th>
                <th scope="col">{t("admin.users.institution")}</th>
                <th scope="col">{t("admin.users.state")}</th>
                <th scope="col">{t("admin.users.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <UserRow
                  key={u.id}
                  user={u}
                  institutions={institutions.data ?? []}
                  onDone={(name, erased) =>
                    setNotice(t(erased ? "admin.users.erased" : "admin.users.updated", { name }))
                  }
                />
              ))}
            </tbody>
          </DataTable>
        )}
      </QueryState>
      <LoadMore
        hasMore={query.hasNextPage}
        loading={query.isFetchingNextPage}
        onClick={() => void query.fetchNextPage()}
        label={t("admin.users.loadMore")}
      />
    </>
  );
}

function UserRow({
  user,
  institutions,
  onDone,
}: {
  user: Account;
  institutions: InstitutionSummary[];
  onDone: (name: string, erased?: boolean) => void;
}) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const { user: me } = useSession();
  const [asking, setAsking] = useState(false);
  const sessionsId = `sessions-${user.id}`;
  const endSessions = useAction({
    mutationFn: () => endUserSessions(user.id),
    done: { key: "admin.users.sessionsEnded", vars: { name: user.display_name } },
    focus: sessionsId,
  });
  // Reset, the button goes: the focus moves to the row's suspension button, the outcome is said.
  const resetTwoFactor = useAction({
    mutationFn: () => resetUserTwoFactor(user.id),
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }),
    done: { key: "admin.users.twoFactorReset", vars: { name: user.display_name } },
    focus: `suspend-${user.id}`,
  });
  // Erased, the row leaves the list: the focus goes to the page's heading and the notice says it.
  const erase = useAction({
    mutationFn: () => eraseUser(user.id),
    onSuccess: async () => {
      setAsking(false);
      onDone(user.display_name, true);
      await qc.invalidateQueries({ queryKey: userKeys.all });
    },
    onError: () => setAsking(false),
    done: { key: "admin.users.erased", vars: { name: user.display_name } },
    focus: "page-heading",
  });
  const [role, setRole] = useState<Role>(user.role);
  const [institution, setInstitution] = useState(user.institution_id != null ? String(user.institution_id) : "");
  const suspended = !!user.suspended_at;
  const selectId = `role-${user.id}`;
  const institutionId = `institution-${user.id}`;
  const suspendId = `suspend-${user.id}`;
  // The save button is disabled once saved: focus goes back to the field just changed (or to the
  // suspension button, renamed), and the change is said.
  const update = useAction({
    mutationFn: (body: AdminUserChanges) => updateUser(user.id, body),
    onSuccess: async (u) => {
      onDone(u.display_name);
      await qc.invalidateQueries({ queryKey: userKeys.all });
    },
    done: (u) => ({ key: "admin.users.updated", vars: { name: u.display_name } }),
    focus: (_, body) => ("role" in body ? selectId : "institution_id" in body ? institutionId : suspendId),
  });
  const current = user.institution_id != null ? String(user.institution_id) : "";
  return (
    <tr>
      <td>
        {user.display_name}
        {update.isError && <ProblemAlert error={update.error} />}
        {erase.isError && <ProblemAlert error={erase.error} />}
        {endSessions.isError && <ProblemAlert error={endSessions.error} />}
        {resetTwoFactor.isError && <ProblemAlert error={resetTwoFactor.error} />}
      </td>
      <td>{user.email}</td>
      <td>
        <div className="od-inline-form">
          <label className="fr-sr-only" htmlFor={selectId}>
            {t("admin.users.roleOf", { name: user.display_name })}
          </label>
          <select id={selectId} className="fr-select" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
          <Button
            size="small"
            priority="secondary"
            disabled={role === user.role || update.isPending}
            onClick={() => update.mutate({ role })}
            nativeButtonProps={{ "aria-label": `${t("admin.users.saveRole")} — ${user.display_name}` }}
          >
            {t("admin.users.saveRole")}
          </Button>
        </div>
      </td>
      <td>
        <div className="od-inline-form">
          <label className="fr-sr-only" htmlFor={institutionId}>
            {t("admin.users.institutionOf", { name: user.display_name })}
          </label>
          <select
            id={institutionId}
            className="fr-select"
            value={institution}
            onChange={(e) => setInstitution(e.target.value)}
          >
            <option value="">{t("institutions.none")}</option>
            {institutions.map((i) => (
              <option key={i.id} value={String(i.id)}>
                {i.acronym ?? i.name}
              </option>
            ))}
          </select>
          <Button
            size="small"
            priority="secondary"
            disabled={institution === current || update.isPending}
            onClick={() => update.mutate({ institution_id: institution ? Number(institution) : null })}
            nativeButtonProps={{ "aria-label": `${t("admin.users.saveInstitution")} — ${user.display_name}` }}
          >
            {t("admin.users.saveInstitution")}
          </Button>
        </div>
      </td>
      <td>{suspended ? t("admin.users.suspended") : t("admin.users.active")}</td>
      <td>
        <Button
          size="small"
          priority="tertiary"
          disabled={update.isPending}
          onClick={() => update.mutate({ suspended: !suspended })}
          nativeButtonProps={{
            id: suspendId,
            "aria-label": `${suspended ? t("admin.users.unsuspend") : t("admin.users.suspend")} — ${user.display_name}`,
          }}
        >
          {suspended ? t("admin.users.unsuspend") : t("admin.users.suspend")}
        </Button>
        <Button
          size="small"
          priority="tertiary"
          className="fr-ml-1w"
          disabled={endSessions.isPending}
          onClick={() => endSessions.mutate()}
          nativeButtonProps={{
            id: sessionsId,
            "aria-label": `${t("admin.users.endSessions")} — ${user.display_name}`,
          }}
        >
          {t("admin.users.endSessions")}
        </Button>
        {/* A lost device: the person signs in with the password alone, then turns on a new one. */}
        {user.two_factor && me?.id !== user.id && (
          <Button
            size="small"
            priority="tertiary"
            className="fr-ml-1w"
            disabled={resetTwoFactor.isPending}
            onClick={() => resetTwoFactor.mutate()}
            nativeButtonProps={{ "aria-label": `${t("admin.users.resetTwoFactor")} — ${user.display_name}` }}
          >
            {t("admin.users.resetTwoFactor")}
          </Button>
        )}
        {/* One's own account is erased from one's account page, with the password. */}
        {me?.id !== user.id && (
          <Button
            size="small"
            priority="tertiary"
            className="fr-ml-1w"
            disabled={erase.isPending}
            onClick={() => setAsking(true)}
            nativeButtonProps={{ "aria-label": `${t("admin.users.erase")} — ${user.display_name}` }}
          >
            {t("admin.users.erase")}
          </Button>
        )}
        <ConfirmDialog
          open={asking}
          title={t("admin.users.eraseTitle", { name: user.display_name })}
          confirmLabel={t("admin.users.eraseConfirm")}
          busy={erase.isPending}
          onConfirm={() => erase.mutate()}
          onClose={() => setAsking(false)}
        >
          <p>{t("admin.users.eraseBody")}</p>
        </ConfirmDialog>
      </td>
    </tr>
  );
}
