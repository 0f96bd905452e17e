import { Link, useLocation } from "react-router";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { useI18n, type MessageKey } from "../i18n";
import { PageHeading } from "./PageHeading";
import { paths } from "../app/resources";

export function SignInRequired({ message }: { message?: string }) {
  const { t } = useI18n();
  const location = useLocation();
  return (
    <>
      <PageHeading title={t("signIn.title")} />
      <p>{message ?? t("signIn.required")}</p>
      <Link className="fr-btn" to={paths.signIn()} state={{ from: location.pathname }}>
        {t("signIn.submit")}
      </Link>
    </>
  );
}

export function Forbidden({ messageKey }: { messageKey: MessageKey }) {
  const { t } = useI18n();
  return (
    <>
      <PageHeading title={t("admin.title")} />
      <Alert severity="warning" small description={t(messageKey)} />
    </>
  );
}
