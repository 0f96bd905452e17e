// "Mes données personnelles" on the account page: the copy of everything the platform holds
// about the person, as one JSON file (GET /me/data), and what the platform does with it.
import { Link } from "react-router";
import { useMutation } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { downloadMyData } from "./queries";
import { saveBlob } from "../../components/download";
import { ProblemAlert } from "../../components/QueryState";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";

export function MyData() {
  const { t } = useI18n();
  const save = useMutation({
    mutationFn: downloadMyData,
    onSuccess: ({ blob, filename }) => saveBlob(blob, filename),
  });
  return (
    <section aria-labelledby="my-data" className="od-box fr-mb-4w">
      <h2 id="my-data" className="fr-h5">
        {t("profile.data.title")}
      </h2>
      <p>{t("profile.data.body")}</p>
      <Button
        priority="secondary"
        iconPosition="left"
        iconId="fr-icon-download-line"
        disabled={save.isPending}
        onClick={() => save.mutate()}
      >
        {save.isPending ? t("profile.data.pending") : t("profile.data.download")}
      </Button>
      {save.isError && <ProblemAlert error={save.error} />}
      <p className="fr-mt-2w fr-mb-0">
        <Link to={paths.privacy()}>{t("profile.data.privacy")}</Link>
      </p>
    </section>
  );
}
