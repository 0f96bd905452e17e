// "Mes données personnelles" on the account page: the copy of everything the platform holds
// about the person, as one JSON file (GET /me/data), and what the platform does with it.
import { Link } from "react-router";
import { downloadMyData } from "./queries";
import { DownloadButton } from "../../components/download";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";

export function MyData() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="my-data" className="od-box fr-mb-4w">
      <h2 id="my-data" className="fr-h5">
        {t("profile.data.title")}
      </h2>
      <p>{t("profile.data.body")}</p>
      <DownloadButton
        fetchFile={downloadMyData}
        label={t("profile.data.download")}
        pendingLabel={t("profile.data.pending")}
      />
      <p className="fr-mt-2w fr-mb-0">
        <Link to={paths.privacy()}>{t("profile.data.privacy")}</Link>
      </p>
    </section>
  );
}
