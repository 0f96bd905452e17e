// The multi-year accessibility plan (schéma pluriannuel de mise en accessibilité), 2026-2028.
import { Link } from "react-router";
import { Crumbs } from "../../components/Crumbs";
import { PageHeading } from "../../components/PageHeading";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";
import "./audit";

export default function MultiYearPlanPage() {
  const { t } = useI18n();
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-9 od-prose">
        <Crumbs segments={[{ label: t("a11y.title"), to: paths.accessibility() }]} current={t("a11y.plan.title")} />
        <PageHeading title={t("a11y.plan.title")} />
        <p>{t("a11y.plan.intro")}</p>
        <h2>{t("a11y.plan.organisation")}</h2>
        <p>{t("a11y.plan.organisationText")}</p>
        <h2>{t("a11y.plan.practice")}</h2>
        <ul>
          <li>{t("a11y.plan.practice1")}</li>
          <li>{t("a11y.plan.practice2")}</li>
          <li>{t("a11y.plan.practice3")}</li>
        </ul>
        <h2>{t("a11y.plan.schedule")}</h2>
        <ul>
          <li>{t("a11y.plan.2026")}</li>
          <li>{t("a11y.plan.2027")}</li>
          <li>{t("a11y.plan.2028")}</li>
        </ul>
        <h2>{t("a11y.plan.means")}</h2>
        <p>{t("a11y.plan.meansText")}</p>
        <p>
          <Link to={paths.accessibilityActions()}>{t("a11y.actionsLink")}</Link>
        </p>
      </div>
    </div>
  );
}
