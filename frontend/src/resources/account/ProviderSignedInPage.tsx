// Back from ProConnect or FranceConnect, signed in (/connexion/fournisseur?suite=…): the server set
// the session's HttpOnly cookie before sending the browser here. The page hands the session to the
// app as the password sign-in does — `POST /auth/session/extend` answers it from the cookie — then
// goes on to `suite`, a path of the site.
import { useEffect, useRef } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { extendSession } from "./queries";
import { useSession } from "../../auth/session";
import { useAction } from "../../components/actions";
import { Crumbs } from "../../components/Crumbs";
import { PageHeading } from "../../components/PageHeading";
import { Loading, ProblemAlert } from "../../components/QueryState";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";
import { safePath } from "./identities";
import "./pageMessages";

export default function ProviderSignedInPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const next = safePath(params.get("suite"));
  const { signIn } = useSession();
  const navigate = useNavigate();
  const finish = useAction({
    mutationFn: extendSession,
    onSuccess: (session) => {
      signIn(session);
      void navigate(next, { replace: true });
    },
    done: "signIn.done",
  });
  // Once per page load (React's double effects in development would ask twice).
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    finish.mutate();
  }, [finish]);
  const title = finish.isError ? t("signIn.failed") : t("providerSignIn.title");
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <Crumbs segments={[{ label: t("signIn.title"), to: paths.signIn() }]} current={title} />
        <PageHeading title={title} />
        {finish.isError ? (
          <>
            <ProblemAlert error={finish.error} titleKey="signIn.failed" />
            <Link className="fr-btn" to={paths.signIn()}>
              {t("providerSignIn.back")}
            </Link>
          </>
        ) : (
          <Loading label={t("providerSignIn.loading")} />
        )}
      </div>
    </div>
  );
}
