// The accessibility statement.
import { Crumbs } from "../../components/Crumbs";
import { PageHeading } from "../../components/PageHeading";
import { addMessages, useI18n } from "../../i18n";
import { fr } from "./i18n/fr";

// The statement's French text comes with its chunk: no other page needs it.
addMessages("fr", fr);

export default function AccessibilityPage() {
  const { t } = useI18n();
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-9 od-prose">
        <Crumbs current={t("a11y.title")} />
        <PageHeading title={t("a11y.title")} />
        <p>{t("a11y.intro")}</p>
        <h2>{t("a11y.status")}</h2>
        <p>
          <strong>{t("a11y.statusText")}</strong>
        </p>
        <h2>{t("a11y.tests")}</h2>
        <ul>
          <li>{t("a11y.test1")}</li>
          <li>{t("a11y.test2")}</li>
          <li>{t("a11y.test3")}</li>
        </ul>
        <h2>{t("a11y.results")}</h2>
        <p>{t("a11y.resultsText")}</p>
        <h2>{t("a11y.environment")}</h2>
        <p>{t("a11y.environmentText")}</p>
        <h2>{t("a11y.feedback")}</h2>
        <p>{t("a11y.feedbackText")}</p>
        <h2>{t("a11y.remedies")}</h2>
        <p>{t("a11y.remediesText")}</p>
        <p className="fr-text--sm">{t("a11y.date")}</p>
      </div>
    </div>
  );
}
