// "Supprimer mon compte" on the account page (RGPD, article 17): the consequences said first, the
// password again, a choice about the text of one's comments, then a confirmation that names the
// action. Once erased the session ends and the home page says so.
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { eraseMyAccount } from "./queries";
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
  const erase = useAction({
    mutationFn: () => eraseMyAccount({ password, keep_comment_text: keepText }),
    onSuccess: () => {
      erased();
      void navigate(paths.home());
    },
  });
  const fields = useFieldErrors(erase.error);
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
        <Button type="submit" priority="secondary" disabled={!password || erase.isPending}>
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
