import { useState, type FormEvent } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { useAction } from "../../components/actions";
import type { ErrorWording } from "../../components/announce";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { signIn as signInWith } from "./queries";
import { ApiError } from "../../api/errors";
import { useSession } from "../../auth/session";
import { Crumbs } from "../../components/Crumbs";
import { useFieldErrors } from "../../components/forms";
import { PageHeading } from "../../components/PageHeading";
import { ProblemAlert } from "../../components/QueryState";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";
import { ProviderButtons } from "./ProviderButtons";
import { useReturnTo } from "./identities";
import "./pageMessages";

/** The server asking for the second factor's code: the form shows its field, not an alert. */
function isCodeRequest(error: unknown) {
  return error instanceof ApiError && error.code === "second_factor_required";
}

/** On sign-in, a 401 means the email or the password is wrong (not "sign in to continue"). */
const WORDING: ErrorWording = { unauthorized: "signIn.wrongCredentials" };

export default function SignInPage() {
  const { t } = useI18n();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const returnTo = useReturnTo();
  const location = useLocation();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  // An account with a second factor: the server asks for its code once the password is right;
  // the same form then shows the code field, focused, and sends all three again.
  const [code, setCode] = useState("");
  const [askCode, setAskCode] = useState(false);
  const login = useAction({
    mutationFn: () => signInWith(email.trim(), password, askCode ? code.trim() : undefined),
    onSuccess: (session) => {
      signIn(session);
      void navigate(returnTo, { replace: true });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === "second_factor_required") setAskCode(true);
    },
    done: "signIn.done",
    wording: WORDING,
  });
  const fields = useFieldErrors(login.error);
  function submit(e: FormEvent) {
    e.preventDefault();
    login.mutate();
  }
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <Crumbs current={t("signIn.title")} />
        <PageHeading title={t("signIn.title")} />
        <p>{t("signIn.intro")}</p>
        {/* ProConnect and FranceConnect, when configured: they come back where the form would go. */}
        <ProviderButtons next={returnTo} />
        {login.isError && !(askCode && isCodeRequest(login.error)) && (
          <ProblemAlert
            error={login.error}
            titleKey="signIn.failed"
            wording={WORDING}
            fieldLinks={fields.links}
            focus
          />
        )}
        <form onSubmit={submit} noValidate>
          {/* Both fields are required: said before the form is sent (RGAA 11.10). */}
          <p className="fr-text--sm">{t("common.requiredHint")}</p>
          <Input
            label={t("signIn.email")}
            hintText={t("signIn.emailHint")}
            {...fields.state("email", t("signIn.email"))}
            nativeInputProps={{
              ...fields.native("email"),
              type: "email",
              name: "email",
              autoComplete: "email",
              required: true,
              value: email,
              onChange: (e) => setEmail(e.target.value),
            }}
          />
          <Input
            label={t("signIn.password")}
            {...fields.state("password", t("signIn.password"))}
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
          {askCode && (
            <Input
              label={t("signIn.code")}
              hintText={t("signIn.codeHint")}
              {...fields.state("code", t("signIn.code"))}
              nativeInputProps={{
                ...fields.native("code"),
                id: "sign-in-code",
                name: "code",
                autoComplete: "one-time-code",
                // Digits of the app, or the letters of a recovery code.
                inputMode: "text",
                required: true,
                autoFocus: true,
                value: code,
                onChange: (e) => setCode(e.target.value),
              }}
            />
          )}
          <Button type="submit" disabled={login.isPending}>
            {login.isPending ? t("common.loading") : t("signIn.submit")}
          </Button>
        </form>
        <p className="fr-mt-2w">
          <Link className="fr-link" to={paths.forgotPassword()}>
            {t("signIn.forgot")}
          </Link>
        </p>
        <hr className="fr-mt-4w" />
        <h2 className="fr-h5">{t("signIn.noAccount")}</h2>
        <Link className="fr-btn fr-btn--secondary" to={paths.signUp()} state={location.state as unknown}>
          {t("signIn.createAccount")}
        </Link>
      </div>
    </div>
  );
}
