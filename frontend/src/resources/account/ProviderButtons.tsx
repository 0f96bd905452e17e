// The official ProConnect and FranceConnect buttons (react-dsfr) for the providers configured here
// (`GET /auth/providers`): none while the list loads, when it is empty or cannot be read — the
// password form is there anyway. Each button is a plain link (a full-page navigation, not a
// fetch): the server sends the browser on to the provider, which comes back to `next`.
import { useQuery } from "@tanstack/react-query";
import { ProConnectButton } from "@codegouvfr/react-dsfr/ProConnectButton";
import { FranceConnectButton } from "@codegouvfr/react-dsfr/FranceConnectButton";
import { listProviders, providerKeys, providerStart, type ProviderId } from "./identities";
import { useI18n } from "../../i18n";

/** ProConnect first (public officials), then FranceConnect (citizens). */
const ORDER: ProviderId[] = ["proconnect", "franceconnect"];

/** The configured providers, in the order their buttons show. */
export function useProviders(): ProviderId[] {
  // Configuration, not data: it changes with a restart of the server at most.
  const listed = useQuery({ queryKey: providerKeys.all, queryFn: listProviders, staleTime: 10 * 60_000 });
  const on = new Set((listed.data ?? []).map((p) => p.id));
  return ORDER.filter((id) => on.has(id));
}

/** The buttons (of the providers in `only`, when given), then (`separator`) the DSFR's "ou" line
 *  before the password form. */
export function ProviderButtons({
  next,
  separator = true,
  only,
}: {
  next: string;
  separator?: boolean;
  only?: ProviderId[];
}) {
  const { t } = useI18n();
  const providers = useProviders().filter((id) => !only || only.includes(id));
  if (providers.length === 0) return null;
  return (
    <>
      {providers.map((id) =>
        id === "proconnect" ? (
          <ProConnectButton key={id} url={providerStart(id, next)} />
        ) : (
          <FranceConnectButton key={id} url={providerStart(id, next)} />
        ),
      )}
      {separator && <p className="fr-hr-or">{t("signIn.or")}</p>}
    </>
  );
}
