// The page a confirmation link opens (/verification?jeton=…): it confirms the address at once
// and says so, or says why it cannot (used, replaced, expired, someone else's).
import { useEffect, useRef } from "react";
import { Link, useSearchParams } from "react-router";
import { useMutation } from "@tanstack/react-query";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { verifyEmail } from "./queries";
import { ApiError } from "../../api/errors";
import { useSession } from "../../auth/session";
import { Crumbs } from "../../components/Crumbs";
import { PageHeading } from "../../components/PageHeading";
import { Loading, ProblemAlert } from "../../components/QueryState";
import { UnverifiedNotice } from "./UnverifiedNotice";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";
import "./pageMessages";

export default function VerifyEmailPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const token = params.get("jeton") ?? "";
  const { user, updateUser } = useSession();
  const verify = useMutation({
    mutationFn: () => verifyEmail(token),
    onSuccess: (account) => {
      if (user && user.id === account.id) updateUser(account);
    },
  });
  // Once per page load (a link is single-use: React's double effects must not spend it twice).
  const started = useRef(false);
  useEffect(() => {
    if (started.current || !token) return;
    started.current = true;
    verify.mutate();
  }, [token, verify]);
  const expired = verify.error instanceof ApiError && verify.error.code === "token_expired";
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <Crumbs current={t("verify.title")} />
        <PageHeading title={t("verify.title")} />
        {!token ? (
          <Alert severity="error" title={t("verify.noToken")} description={t("verify.noTokenText")} />
        ) : verify.isPending || verify.isIdle ? (
          <Loading label={t("verify.checking")} />
        ) : verify.isSuccess ? (
          <>
            <Alert
              severity="success"
              title={t("verify.done")}
              description={t(user ? "verify.doneText" : "verify.doneSignIn")}
              className="fr-mb-3w"
            />
            <Link className="fr-btn" to={user ? paths.home() : paths.signIn()}>
              {user ? t("verify.continue") : t("header.signIn")}
            </Link>
          </>
        ) : (
          <>
            <ProblemAlert error={verify.error} titleKey="verify.failed" />
            {expired && user && <UnverifiedNotice />}
          </>
        )}
      </div>
    </div>
  );
}
