// "Supprimer mon compte" on the account page (RGPD, article 17): the consequences said first, the
// password again, a choice about the text of one's comments, then a confirmation that names the
// action. Once erased the session ends and the home page says so. An account made at ProConnect
// or FranceConnect has no password: a sign-in there less than 10 minutes before confirms instead
// (else the server asks for one, and the provider's button is at hand).
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { eraseMyAccount } from "./queries";
import { identityKeys, listMyIdentities } from "./identities";
import { ProviderButtons } from "./ProviderButtons";
import { ApiError } from "../../api/errors";
import { useSession } from "../../auth/session";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { useFieldErrors } from "../../components/forms";
import { ProblemAlert } from "../../components/QueryState";
import { useAction } from "../../components/actions";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";

export function EraseAccount() {
  const { t } = useI18n();
  const { erased } = useSession();
  const navigate = useNavigate();
  const [password, setPassword] = useState("");
  const [keepText, setKeepText] = useState(false);
  const [asking, setAsking] = useState(false);
  // Shared with "Identités liées" (one request for both).
  const methods = useQuery({ queryKey: identityKeys.mine, queryFn: listMyIdentities });
  const noPassword = methods.data?.password === false;
  const erase = useAction({
    mutationFn: () => eraseMyAccount({ password: noPassword ? null : password, keep_comment_text: keepText }),
    onSuccess: () => {
      erased();
      void navigate(paths.home());
    },
  });
  const fields = useFieldErrors(erase.error);
  const reauthenticate = erase.error instanceof ApiError && erase.error.code === "reauthentication_required";
  function submit(e: FormEvent) {
    e.preventDefault();
    setAsking(true);
  }
  return (
    <section aria-labelledby="erase-account" className="od-box fr-mb-4w">
      <h2 id="erase-account" className="fr-h5">
        {t("profile.erase.title")}
      </h2>
      <p>{t("profile.erase.body")}</p>
      <form onSubmit={submit} noValidate aria-labelledby="erase-account">
        {erase.isError && <ProblemAlert error={erase.error} fieldLinks={fields.links} focus />}
        <Checkbox
          options={[
            {
              label: t("profile.erase.keepText"),
              nativeInputProps: {
                name: "keep_comment_text",
                checked: keepText,
                onChange: (e) => setKeepText(e.target.checked),
              },
            },
          ]}
        />
        {noPassword ? (
          <p className="fr-text--sm">{t("profile.erase.noPassword")}</p>
        ) : (
          <Input
            label={t("profile.erase.password")}
            {...fields.state("password", t("profile.erase.password"))}
            nativeInputProps={{
              ...fields.native("password"),
              id: "erase-password",
              type: "password",
              name: "password",
              autoComplete: "current-password",
              required: true,
              value: password,
              onChange: (e) => setPassword(e.target.value),
            }}
          />
        )}
        {/* Signed in at the provider too long ago: again, and back here. */}
        {reauthenticate && (
          <ProviderButtons
            next={paths.account()}
            separator={false}
            only={methods.data?.identities.map((i) => i.provider)}
          />
        )}
        <Button type="submit" priority="secondary" disabled={(!noPassword && !password) || erase.isPending}>
          {erase.isPending ? t("common.saving") : t("profile.erase.submit")}
        </Button>
      </form>
      <ConfirmDialog
        open={asking}
        title={t("profile.erase.confirmTitle")}
        confirmLabel={t("profile.erase.confirm")}
        busy={erase.isPending}
        // Closed at once (the focus back on the form's button): a refusal (wrong password, last
        // admin) is then shown with the form and takes the focus.
        onConfirm={() => {
          setAsking(false);
          erase.mutate();
        }}
        onClose={() => setAsking(false)}
      >
        <p>{t("profile.erase.confirmBody")}</p>
      </ConfirmDialog>
    </section>
  );
}
