import { Link } from "react-router";
import { PageHeading } from "../components/PageHeading";
import { useI18n } from "../i18n";
import { paths } from "./resources";

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <div className="fr-my-8w">
      <PageHeading title={t("notFound.title")} />
      <p className="fr-text--lead">{t("notFound.text")}</p>
      <Link className="fr-btn" to={paths.home()}>
        {t("notFound.back")}
      </Link>
    </div>
  );
}
