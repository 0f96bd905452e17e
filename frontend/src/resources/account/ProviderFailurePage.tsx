// Back from ProConnect or FranceConnect, the sign-in failed (/connexion/echec?raison=…&fournisseur=…):
// the server never leaves a person on a bare error, it sends them here with a stable reason, which
// this page explains — what happened, and what to do — with a way to try again.
import { Link, useSearchParams } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { PROVIDER_NAMES, type ProviderId } from "./identities";
import { Crumbs } from "../../components/Crumbs";
import { PageHeading } from "../../components/PageHeading";
import { useI18n, type MessageKey } from "../../i18n";
import { paths } from "../../app/resources";
import "./pageMessages";

/** The reasons the server gives (`auth::oidc::Failure`, and `suspended`, `taken`). */
const REASONS = {
  state: "providerFailure.state",
  denied: "providerFailure.denied",
  code: "providerFailure.code",
  token: "providerFailure.token",
  email: "providerFailure.email",
  unavailable: "providerFailure.unavailable",
  suspended: "providerFailure.suspended",
  taken: "providerFailure.taken",
} as const satisfies Record<string, MessageKey>;

const isReason = (raw: string | null): raw is keyof typeof REASONS => raw !== null && Object.hasOwn(REASONS, raw);
const isProvider = (raw: string | null): raw is ProviderId => raw !== null && Object.hasOwn(PROVIDER_NAMES, raw);

export default function ProviderFailurePage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const reason = params.get("raison");
  const raw = params.get("fournisseur");
  const known = isProvider(raw) ? PROVIDER_NAMES[raw] : null;
  const provider = known ?? t("providerFailure.anyProvider");
  const title = known ? t("providerFailure.title", { provider: known }) : t("providerFailure.titleAny");
  const message = t(isReason(reason) ? REASONS[reason] : "providerFailure.unknown", { provider });
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <Crumbs segments={[{ label: t("signIn.title"), to: paths.signIn() }]} current={title} />
        <PageHeading title={title} />
        {/* Part of the page (read after its heading, which takes the focus), not an interruption. */}
        <Alert severity="error" small description={message} className="fr-mb-4w" role={undefined} />
        <ul className="fr-btns-group fr-btns-group--inline-sm">
          <li>
            <Link className="fr-btn" to={paths.signIn()}>
              {t("providerFailure.retry")}
            </Link>
          </li>
          <li>
            <Link className="fr-btn fr-btn--secondary" to={paths.home()}>
              {t("providerFailure.home")}
            </Link>
          </li>
        </ul>
      </div>
    </div>
  );
}
