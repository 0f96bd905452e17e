// "Demandes ProConnect" above the accounts: officials who signed in with ProConnect for an
// establishment whose SIREN is an institution's, waiting for an admin. Confirmed, the account
// becomes that institution's official (`PATCH /admin/users/{id}`, as the list below does);
// declined (after a confirmation), it stays as it is and the claim is not offered again. Nothing
// shows while there is none.
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { DataTable } from "../../components/DataTable";
import { ProblemAlert } from "../../components/QueryState";
import { useAction } from "../../components/actions";
import { useI18n } from "../../i18n";
import {
  claimKeys,
  declineInstitutionClaim,
  listInstitutionClaims,
  updateUser,
  userKeys,
  type InstitutionClaim,
} from "./queries";

const institutionName = (c: InstitutionClaim) =>
  c.institution.acronym ? `${c.institution.name} (${c.institution.acronym})` : c.institution.name;

/** Where the keyboard goes once a claim is answered: the section's heading while claims remain,
 *  else (the section gone) the page's. */
const afterAnswer = () => document.getElementById("claims-heading") ?? document.getElementById("page-heading");

export function InstitutionClaims({ onDone }: { onDone: (message: string) => void }) {
  const { t, shortDateTime } = useI18n();
  const qc = useQueryClient();
  const claims = useQuery({ queryKey: claimKeys.all, queryFn: listInstitutionClaims });
  const [declining, setDeclining] = useState<InstitutionClaim | null>(null);
  const said = (c: InstitutionClaim) => ({ name: c.display_name, institution: institutionName(c) });
  const refresh = () => qc.invalidateQueries({ queryKey: userKeys.all });
  const confirm = useAction({
    // A member becomes an official; staff (an admin, a moderator) keep their role.
    mutationFn: (c: InstitutionClaim) =>
      updateUser(c.user_id, {
        ...(c.role === "member" ? { role: "official" as const } : {}),
        institution_id: c.institution.id,
      }),
    onSuccess: async (_, c) => {
      onDone(t("admin.users.claims.confirmed", said(c)));
      await refresh();
    },
    done: (_, c) => ({ key: "admin.users.claims.confirmed", vars: said(c) }),
    focus: afterAnswer,
  });
  const decline = useAction({
    mutationFn: (c: InstitutionClaim) => declineInstitutionClaim(c.user_id),
    onSuccess: async (_, c) => {
      onDone(t("admin.users.claims.declined", said(c)));
      await refresh();
    },
    done: (_, c) => ({ key: "admin.users.claims.declined", vars: said(c) }),
    focus: afterAnswer,
  });
  const failed = [confirm, decline].find((a) => a.isError);
  // Loading, or none waiting: nothing (the list of accounts is the page).
  if (claims.isPending || (claims.isSuccess && claims.data.length === 0)) return null;
  return (
    <section aria-labelledby="claims-heading" className="od-box fr-mb-4w">
      <h2 id="claims-heading" className="fr-h5" tabIndex={-1}>
        {t("admin.users.claims.title")}
      </h2>
      {claims.isError ? (
        <ProblemAlert error={claims.error} onRetry={() => void claims.refetch()} />
      ) : (
        <>
          <p className="fr-text--sm">{t("admin.users.claims.intro")}</p>
          {failed && <ProblemAlert error={failed.error} focus />}
          <DataTable caption={t("admin.users.claims.caption")} hideCaption className="od-table">
            <thead>
              <tr>
                <th scope="col">{t("admin.users.claims.person")}</th>
                <th scope="col">{t("admin.users.email")}</th>
                <th scope="col">{t("admin.users.institution")}</th>
                <th scope="col">{t("admin.users.claims.siret")}</th>
                <th scope="col">{t("admin.users.claims.at")}</th>
                <th scope="col">{t("admin.users.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {claims.data.map((c) => (
                <tr key={`${c.user_id}-${c.institution.id}`}>
                  <td>
                    {c.display_name} <span className="fr-text--sm">@{c.handle}</span>
                  </td>
                  <td>{c.email}</td>
                  <td>{institutionName(c)}</td>
                  <td>{c.siret}</td>
                  <td>{shortDateTime(c.at)}</td>
                  <td>
                    <Button
                      size="small"
                      priority="secondary"
                      disabled={confirm.isPending || decline.isPending}
                      onClick={() => confirm.mutate(c)}
                      nativeButtonProps={{ "aria-label": t("admin.users.claims.confirmOf", said(c)) }}
                    >
                      {t("admin.users.claims.confirm")}
                    </Button>
                    <Button
                      size="small"
                      priority="tertiary"
                      className="fr-ml-1w"
                      disabled={confirm.isPending || decline.isPending}
                      onClick={() => setDeclining(c)}
                      nativeButtonProps={{ "aria-label": t("admin.users.claims.declineOf", said(c)) }}
                    >
                      {t("admin.users.claims.decline")}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </>
      )}
      <ConfirmDialog
        open={declining !== null}
        title={t("admin.users.claims.declineTitle", { name: declining?.display_name ?? "" })}
        confirmLabel={t("admin.users.claims.declineConfirm")}
        busy={decline.isPending}
        onConfirm={() => {
          const c = declining;
          setDeclining(null);
          if (c) decline.mutate(c);
        }}
        onClose={() => setDeclining(null)}
      >
        <p>{declining && t("admin.users.claims.declineBody", said(declining))}</p>
      </ConfirmDialog>
    </section>
  );
}
