// The page a reset link opens (/mot-de-passe?jeton=…): a new password, then signing in with it.
import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { useMutation } from "@tanstack/react-query";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { resetPassword } from "./queries";
import { ApiError } from "../../api/errors";
import { useSession } from "../../auth/session";
import { Crumbs } from "../../components/Crumbs";
import { missingFields, useFieldErrors } from "../../components/forms";
import { PageHeading } from "../../components/PageHeading";
import { ProblemAlert } from "../../components/QueryState";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";
import "./pageMessages";

export default function ResetPasswordPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const token = params.get("jeton") ?? "";
  const { user, signOut } = useSession();
  const [password, setPassword] = useState("");
  const reset = useMutation({
    mutationFn: async () => {
      const missing = missingFields({ new_password: password }, t("common.required"), t("common.invalidForm"));
      if (missing) throw missing;
      await resetPassword(token, password);
    },
    // Every session of the account has ended, this browser's included.
    onSuccess: () => {
      if (user) signOut();
    },
  });
  const fields = useFieldErrors(reset.error);
  const linkDead =
    reset.error instanceof ApiError && ["token_used", "token_expired", "not_found"].includes(reset.error.code);
  function submit(e: FormEvent) {
    e.preventDefault();
    reset.mutate();
  }
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <Crumbs segments={[{ label: t("signIn.title"), to: paths.signIn() }]} current={t("reset.title")} />
        <PageHeading title={t("reset.title")} />
        {!token ? (
          <Alert severity="error" title={t("verify.noToken")} description={t("reset.noToken")} />
        ) : reset.isSuccess ? (
          <>
            <Alert severity="success" title={t("reset.done")} description={t("reset.doneText")} className="fr-mb-3w" />
            <Link className="fr-btn" to={paths.signIn()}>
              {t("header.signIn")}
            </Link>
          </>
        ) : (
          <>
            {reset.isError && <ProblemAlert error={reset.error} fieldLinks={fields.links} focus />}
            {linkDead ? (
              <Link className="fr-btn fr-btn--secondary" to={paths.forgotPassword()}>
                {t("reset.askAgain")}
              </Link>
            ) : (
              <form onSubmit={submit} noValidate>
                <Input
                  label={t("reset.password")}
                  hintText={t("signUp.passwordHint")}
                  {...fields.state("new_password", t("reset.password"))}
                  nativeInputProps={{
                    ...fields.native("new_password"),
                    type: "password",
                    name: "new_password",
                    autoComplete: "new-password",
                    required: true,
                    minLength: 12,
                    maxLength: 128,
                    value: password,
                    onChange: (e) => setPassword(e.target.value),
                  }}
                />
                <Button type="submit" disabled={reset.isPending}>
                  {reset.isPending ? t("common.saving") : t("reset.submit")}
                </Button>
              </form>
            )}
          </>
        )}
      </div>
    </div>
  );
}
