// How notifications come by mail (the account page's "#notifications" section).
import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import {
  getNotificationSettings,
  MAIL_PREFERENCES,
  notificationKeys,
  putNotificationSettings,
  type MailPreference,
} from "./queries";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import { useI18n } from "../../i18n";

export function MailPreferenceForm({ verified }: { verified: boolean }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const current = useQuery({ queryKey: notificationKeys.settings, queryFn: getNotificationSettings });
  // What the reader picked, else what is saved.
  const [picked, setChoice] = useState<MailPreference | null>(null);
  const choice = picked ?? current.data?.mail ?? null;
  const save = useMutation({
    mutationFn: (mail: MailPreference) => putNotificationSettings(mail),
    onSuccess: (s) => qc.setQueryData(notificationKeys.settings, s),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (choice) save.mutate(choice);
  }
  return (
    <section id="notifications" aria-labelledby="mail-pref" className="od-box fr-mb-4w">
      <h2 id="mail-pref" className="fr-h5">
        {t("mailPref.title")}
      </h2>
      <QueryState query={current}>
        {() => (
          <form onSubmit={submit} noValidate>
            {save.isError && <ProblemAlert error={save.error} />}
            {save.isSuccess && (
              <Alert small severity="success" className="fr-mb-2w" description={t("mailPref.saved")} role="status" />
            )}
            <RadioButtons
              legend={t("mailPref.legend")}
              hintText={verified ? undefined : t("mailPref.unverified")}
              name="mail-preference"
              options={MAIL_PREFERENCES.map((mail) => ({
                label: t(`mailPref.${mail}`),
                nativeInputProps: { value: mail, checked: choice === mail, onChange: () => setChoice(mail) },
              }))}
            />
            <Button type="submit" disabled={save.isPending || choice === null}>
              {save.isPending ? t("common.saving") : t("mailPref.save")}
            </Button>
          </form>
        )}
      </QueryState>
    </section>
  );
}
