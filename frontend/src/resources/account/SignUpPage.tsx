import { useState, type FormEvent } from "react";
import { Link, useLocation } from "react-router";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { register as signUp } from "./queries";
import { Crumbs } from "../../components/Crumbs";
import { useFieldErrors } from "../../components/forms";
import { useAction } from "../../components/actions";
import { PageHeading } from "../../components/PageHeading";
import { ProblemAlert } from "../../components/QueryState";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";
import { ProviderButtons } from "./ProviderButtons";
import { useReturnTo } from "./identities";
import "./pageMessages";

export default function SignUpPage() {
  const { t } = useI18n();
  const location = useLocation();
  const [form, setForm] = useState({ email: "", display_name: "", organisation: "", password: "" });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));
  const { locale } = useI18n();
  const returnTo = useReturnTo();
  const [mailedTo, setMailedTo] = useState<string | null>(null);
  const register = useAction({
    // The answer is the same whether the address is new or has an account already (a mail
    // tells its owner which); either way, signing in waits for the mail's link.
    mutationFn: () =>
      signUp({
        email: form.email.trim(),
        display_name: form.display_name.trim(),
        organisation: form.organisation.trim() || null,
        password: form.password,
        locale,
      }),
    onSuccess: () => setMailedTo(form.email.trim()),
    // The form gives way to "check your mail": its heading takes the focus.
    focus: "page-heading",
  });
  const fields = useFieldErrors(register.error);
  function submit(e: FormEvent) {
    e.preventDefault();
    register.mutate();
  }
  if (mailedTo) {
    return (
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <Crumbs current={t("signUp.checkMailTitle")} />
          <PageHeading title={t("signUp.checkMailTitle")} />
          <Alert
            severity="success"
            title={t("signUp.checkMail", { email: mailedTo })}
            description={t("signUp.checkMailText")}
            className="fr-mb-3w"
          />
          <Link className="fr-btn" to={paths.signIn()} state={location.state as unknown}>
            {t("signUp.thenSignIn")}
          </Link>
        </div>
      </div>
    );
  }
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <Crumbs current={t("signUp.title")} />
        <PageHeading title={t("signUp.title")} />
        <p>{t("signUp.intro")}</p>
        {/* Signing in at ProConnect or FranceConnect makes the account of a new person. */}
        <ProviderButtons next={returnTo} />
        <p className="fr-text--sm">{t("common.requiredHint")}</p>
        {register.isError && <ProblemAlert error={register.error} fieldLinks={fields.links} focus />}
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
              value: form.email,
              onChange: set("email"),
            }}
          />
          <Input
            label={t("signUp.displayName")}
            hintText={t("signUp.displayNameHint")}
            {...fields.state("display_name", t("signUp.displayName"))}
            nativeInputProps={{
              ...fields.native("display_name"),
              name: "display_name",
              autoComplete: "name",
              required: true,
              maxLength: 100,
              value: form.display_name,
              onChange: set("display_name"),
            }}
          />
          <Input
            label={t("common.optional", { label: t("signUp.organisation") })}
            {...fields.state("organisation", t("signUp.organisation"))}
            nativeInputProps={{
              ...fields.native("organisation"),
              name: "organisation",
              autoComplete: "organization",
              maxLength: 200,
              value: form.organisation,
              onChange: set("organisation"),
            }}
          />
          <Input
            label={t("signUp.password")}
            hintText={t("signUp.passwordHint")}
            {...fields.state("password", t("signUp.password"))}
            nativeInputProps={{
              ...fields.native("password"),
              type: "password",
              name: "password",
              autoComplete: "new-password",
              required: true,
              minLength: 12,
              maxLength: 128,
              value: form.password,
              onChange: set("password"),
            }}
          />
          <Button type="submit" disabled={register.isPending}>
            {register.isPending ? t("common.loading") : t("signUp.submit")}
          </Button>
        </form>
        <hr className="fr-mt-4w" />
        <h2 className="fr-h5">{t("signUp.haveAccount")}</h2>
        <Link className="fr-btn fr-btn--secondary" to={paths.signIn()} state={location.state as unknown}>
          {t("signIn.submit")}
        </Link>
      </div>
    </div>
  );
}
