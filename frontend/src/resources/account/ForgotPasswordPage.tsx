// "Mot de passe oublié": an address in, the same answer whether it has an account or not.
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useMutation } from "@tanstack/react-query";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { requestPasswordReset } from "./queries";
import { Crumbs } from "../../components/Crumbs";
import { missingFields, useFieldErrors } from "../../components/forms";
import { PageHeading } from "../../components/PageHeading";
import { ProblemAlert } from "../../components/QueryState";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";
import "./pageMessages";

export default function ForgotPasswordPage() {
  const { t } = useI18n();
  const [email, setEmail] = useState("");
  const ask = useMutation({
    mutationFn: () => {
      const missing = missingFields({ email }, t("common.required"), t("common.invalidForm"));
      if (missing) throw missing;
      return requestPasswordReset(email.trim());
    },
  });
  // The summary links each field in error (by its label) and takes the focus.
  const fields = useFieldErrors(ask.error);
  function submit(e: FormEvent) {
    e.preventDefault();
    ask.mutate();
  }
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <Crumbs segments={[{ label: t("signIn.title"), to: paths.signIn() }]} current={t("forgot.title")} />
        <PageHeading title={t("forgot.title")} />
        {ask.isSuccess ? (
          <Alert
            severity="success"
            title={t("forgot.sentTitle")}
            description={t("forgot.sent", { email: email.trim() })}
          />
        ) : (
          <>
            <p>{t("forgot.intro")}</p>
            {ask.isError && <ProblemAlert error={ask.error} fieldLinks={fields.links} focus />}
            <form onSubmit={submit} noValidate>
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
              <Button type="submit" disabled={ask.isPending}>
                {ask.isPending ? t("common.loading") : t("forgot.submit")}
              </Button>
            </form>
          </>
        )}
        <p className="fr-mt-4w">
          <Link className="fr-link" to={paths.signIn()}>
            {t("forgot.back")}
          </Link>
        </p>
      </div>
    </div>
  );
}
