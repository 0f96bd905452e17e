import { useEffect } from "react";
import { Link } from "react-router";
import { PageHeading } from "../components/PageHeading";
import { useI18n } from "../i18n";
import { paths } from "./resources";

/** Keeps search engines off a page that is not there (the server also says 404 and noindex). */
function useNoIndex() {
  useEffect(() => {
    const meta = document.createElement("meta");
    meta.name = "robots";
    meta.content = "noindex";
    document.head.appendChild(meta);
    return () => meta.remove();
  }, []);
}

export function NotFoundPage() {
  const { t } = useI18n();
  useNoIndex();
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
