// "Appareils connectés" on the account page: every session of the account (device, how it signed
// in — a password, ProConnect or FranceConnect —, network, since, last activity), each other one signed out with a button, all of them at once with
// another (which signs this browser out too).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { endAllMySessions, endMySession, listMySessions, sessionKeys } from "./queries";
import { PROVIDER_NAMES } from "./identities";
import { useSession } from "../../auth/session";
import { DataTable } from "../../components/DataTable";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import { useAction } from "../../components/actions";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";

export function MySessions() {
  const { t, shortDateTime } = useI18n();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { signOut } = useSession();
  const sessions = useQuery({ queryKey: sessionKeys.mine, queryFn: listMySessions });
  // The row leaves the table: the focus goes to the section's heading, the outcome is said.
  const end = useAction({
    mutationFn: (id: number) => endMySession(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: sessionKeys.mine }),
    done: "profile.sessions.ended",
    focus: "sessions-heading",
  });
  const endAll = useAction({
    mutationFn: endAllMySessions,
    onSuccess: () => {
      signOut();
      void navigate(paths.home());
    },
  });
  return (
    <section aria-labelledby="sessions-heading" className="od-box fr-mb-4w">
      <h2 id="sessions-heading" className="fr-h5" tabIndex={-1}>
        {t("profile.sessions.title")}
      </h2>
      <p className="fr-text--sm">{t("profile.sessions.intro")}</p>
      {end.isError && <ProblemAlert error={end.error} />}
      {endAll.isError && <ProblemAlert error={endAll.error} />}
      <QueryState query={sessions} loadingLabel={t("profile.sessions.loading")}>
        {(data) => (
          <DataTable caption={t("profile.sessions.caption")} hideCaption className="od-table">
            <thead>
              <tr>
                <th scope="col">{t("profile.sessions.device")}</th>
                <th scope="col">{t("profile.sessions.method")}</th>
                <th scope="col">{t("profile.sessions.network")}</th>
                <th scope="col">{t("profile.sessions.since")}</th>
                <th scope="col">{t("profile.sessions.lastUsed")}</th>
                <th scope="col">{t("profile.sessions.action")}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((s) => (
                <tr key={s.id}>
                  <td>{s.device}</td>
                  <td>{s.provider ? PROVIDER_NAMES[s.provider] : t("profile.sessions.password")}</td>
                  <td>{s.address_family === "ipv6" ? "IPv6" : "IPv4"}</td>
                  <td>{shortDateTime(s.created_at)}</td>
                  <td>{shortDateTime(s.last_used_at)}</td>
                  <td>
                    {s.current ? (
                      <Badge small severity="info" noIcon>
                        {t("profile.sessions.current")}
                      </Badge>
                    ) : (
                      <Button
                        size="small"
                        priority="tertiary"
                        disabled={end.isPending}
                        onClick={() => end.mutate(s.id)}
                        nativeButtonProps={{
                          "aria-label": t("profile.sessions.endOf", {
                            device: s.device,
                            date: shortDateTime(s.created_at),
                          }),
                        }}
                      >
                        {t("profile.sessions.end")}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </QueryState>
      <Button
        className="fr-mt-2w"
        priority="secondary"
        iconPosition="left"
        iconId="fr-icon-logout-box-r-line"
        disabled={endAll.isPending}
        onClick={() => endAll.mutate()}
      >
        {t("profile.sessions.endAll")}
      </Button>
    </section>
  );
}
