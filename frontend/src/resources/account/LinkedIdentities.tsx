// "Identités liées" on the account page: the account's identities at ProConnect and FranceConnect
// (which service, the address it gave, since when, last used), each unlinked after a confirmation
// while another way to sign in remains. With none, the providers' buttons link one: begun from
// this signed-in session, the sign-in at the provider links the identity to this account.
import { useState } from "react";
import { Link } from "react-router";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { identityKeys, listMyIdentities, PROVIDER_NAMES, unlinkIdentity, type Identity } from "./identities";
import { ApiError } from "../../api/errors";
import { useSession } from "../../auth/session";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { DataTable } from "../../components/DataTable";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import { useAction } from "../../components/actions";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";
import { ProviderButtons, useProviders } from "./ProviderButtons";

export function LinkedIdentities() {
  const { t, date, shortDateTime } = useI18n();
  const { user } = useSession();
  const qc = useQueryClient();
  const methods = useQuery({ queryKey: identityKeys.mine, queryFn: listMyIdentities });
  const providers = useProviders();
  const [asking, setAsking] = useState<Identity | null>(null);
  // The row leaves the table: the focus goes to the section's heading, the outcome is said.
  const unlink = useAction({
    mutationFn: (identity: Identity) => unlinkIdentity(identity.id),
    onSuccess: () => qc.invalidateQueries({ queryKey: identityKeys.mine }),
    done: (_, identity) => ({
      key: "profile.identities.unlinked",
      vars: { provider: PROVIDER_NAMES[identity.provider] },
    }),
    focus: "identities-heading",
  });
  const lastMethod = unlink.error instanceof ApiError && unlink.error.code === "last_sign_in_method";
  const email = user?.email ?? "";
  return (
    <section aria-labelledby="identities-heading" className="od-box fr-mb-4w">
      <h2 id="identities-heading" className="fr-h5" tabIndex={-1}>
        {t("profile.identities.title")}
      </h2>
      <p className="fr-text--sm">{t("profile.identities.intro")}</p>
      {unlink.isError && <ProblemAlert error={unlink.error} focus />}
      {/* The only way in left: a password first, chosen through the mailed link. */}
      {lastMethod && (
        <p>
          <Link className="fr-link" to={paths.forgotPassword()}>
            {t("profile.identities.choosePassword")}
          </Link>
        </p>
      )}
      <QueryState query={methods} loadingLabel={t("profile.identities.loading")}>
        {(m) => (
          <>
            {!m.password && m.identities.length > 0 && (
              <p className="fr-text--sm">{t("profile.identities.noPassword", { email })}</p>
            )}
            {m.identities.length === 0 ? (
              <>
                <p>{t("profile.identities.empty")}</p>
                {providers.length > 0 && (
                  <>
                    <p className="fr-text--sm">{t("profile.identities.linkHint")}</p>
                    <ProviderButtons next={paths.account()} separator={false} />
                  </>
                )}
              </>
            ) : (
              <DataTable caption={t("profile.identities.caption")} hideCaption className="od-table">
                <thead>
                  <tr>
                    <th scope="col">{t("profile.identities.provider")}</th>
                    <th scope="col">{t("profile.identities.email")}</th>
                    <th scope="col">{t("profile.identities.since")}</th>
                    <th scope="col">{t("profile.identities.lastUsed")}</th>
                    <th scope="col">{t("profile.identities.action")}</th>
                  </tr>
                </thead>
                <tbody>
                  {m.identities.map((identity) => (
                    <tr key={identity.id}>
                      <td>{PROVIDER_NAMES[identity.provider]}</td>
                      <td>{identity.email}</td>
                      <td>{date(identity.created_at)}</td>
                      <td>{shortDateTime(identity.last_used_at)}</td>
                      <td>
                        <Button
                          size="small"
                          priority="tertiary"
                          disabled={unlink.isPending}
                          onClick={() => setAsking(identity)}
                          nativeButtonProps={{
                            "aria-label": t("profile.identities.unlinkOf", {
                              provider: PROVIDER_NAMES[identity.provider],
                              email: identity.email,
                            }),
                          }}
                        >
                          {t("profile.identities.unlink")}
                        </Button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </DataTable>
            )}
          </>
        )}
      </QueryState>
      <ConfirmDialog
        open={asking !== null}
        title={t("profile.identities.confirmTitle", { provider: asking ? PROVIDER_NAMES[asking.provider] : "" })}
        confirmLabel={t("profile.identities.unlink")}
        busy={unlink.isPending}
        // Closed at once (the focus back on the row's button): a refusal (the only way in left)
        // is then shown above the table and takes the focus.
        onConfirm={() => {
          const identity = asking;
          setAsking(null);
          if (identity) unlink.mutate(identity);
        }}
        onClose={() => setAsking(null)}
      >
        <p>{t("profile.identities.confirmBody", { provider: asking ? PROVIDER_NAMES[asking.provider] : "" })}</p>
      </ConfirmDialog>
    </section>
  );
}
