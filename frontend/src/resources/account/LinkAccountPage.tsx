// Back from ProConnect or FranceConnect with the e-mail of an account that exists already
// (/connexion/lier?suite=…): the provider's identity is linked to it only once its owner proves
// it with the account's password — never silently. Then the account is signed in (the server sets
// the session's cookie) and the page goes on to `suite`, as after a password sign-in.
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { confirmPendingLink, getPendingLink, pendingKeys, PROVIDER_NAMES, safePath } from "./identities";
import { ApiError } from "../../api/errors";
import { useSession } from "../../auth/session";
import { useAction } from "../../components/actions";
import type { ErrorWording } from "../../components/announce";
import { Crumbs } from "../../components/Crumbs";
import { useFieldErrors } from "../../components/forms";
import { PageHeading } from "../../components/PageHeading";
import { Loading, ProblemAlert } from "../../components/QueryState";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";
import "./pageMessages";

/** A 403 that is not a wrong password is a suspended account; a 404, no sign-in waiting any more. */
const WORDING: ErrorWording = { forbidden: "link.suspended", not_found: "link.none" };

/** No sign-in waits in this browser (none began, it was more than ten minutes ago, or it was
 *  used), or its account is gone: a 404. */
const isGone = (error: unknown) => error instanceof ApiError && error.status === 404;

export default function LinkAccountPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const next = safePath(params.get("suite"));
  const { signIn } = useSession();
  const navigate = useNavigate();
  const pending = useQuery({ queryKey: pendingKeys.mine, queryFn: getPendingLink, staleTime: Infinity });
  const provider = pending.data ? PROVIDER_NAMES[pending.data.provider] : "";
  const [password, setPassword] = useState("");
  const link = useAction({
    mutationFn: () => confirmPendingLink(password),
    onSuccess: (session) => {
      signIn(session);
      void navigate(next, { replace: true });
    },
    done: { key: "link.done", vars: { provider } },
    wording: WORDING,
  });
  const fields = useFieldErrors(link.error);
  function submit(e: FormEvent) {
    e.preventDefault();
    link.mutate();
  }
  // The sign-in waiting is gone (expired, or finished in another tab): nothing to link any more.
  const gone = isGone(pending.error) || isGone(link.error);
  const title = gone ? t("link.noneTitle") : t("link.title");
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <Crumbs segments={[{ label: t("signIn.title"), to: paths.signIn() }]} current={title} />
        <PageHeading title={title} />
        {gone ? (
          <>
            <Alert severity="warning" small description={t("link.none")} className="fr-mb-3w" role={undefined} />
            <Link className="fr-btn" to={paths.signIn()}>
              {t("providerSignIn.back")}
            </Link>
          </>
        ) : pending.isPending ? (
          <Loading label={t("link.loading")} />
        ) : pending.isError ? (
          <ProblemAlert error={pending.error} onRetry={() => void pending.refetch()} />
        ) : (
          <>
            <p>{t("link.intro", { email: pending.data.email, provider })}</p>
            {link.isError && (
              <ProblemAlert
                error={link.error}
                titleKey="link.failed"
                wording={WORDING}
                fieldLinks={fields.links}
                focus
              />
            )}
            <form onSubmit={submit} noValidate>
              <p className="fr-text--sm">{t("common.requiredHint")}</p>
              <Input
                label={t("link.password")}
                {...fields.state("password", t("link.password"))}
                nativeInputProps={{
                  ...fields.native("password"),
                  type: "password",
                  name: "password",
                  autoComplete: "current-password",
                  required: true,
                  value: password,
                  onChange: (e) => setPassword(e.target.value),
                }}
              />
              <Button type="submit" disabled={link.isPending}>
                {link.isPending ? t("common.loading") : t("link.submit")}
              </Button>
            </form>
            <ul className="fr-links-group fr-mt-3w">
              <li>
                <Link className="fr-link" to={paths.forgotPassword()}>
                  {t("signIn.forgot")}
                </Link>
              </li>
              <li>
                <Link className="fr-link" to={paths.signIn()}>
                  {t("link.cancel")}
                </Link>
              </li>
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
