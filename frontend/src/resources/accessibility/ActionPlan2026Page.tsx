// This year's accessibility action plan: the audit's non-conformities to fix (from the grid) and
// what the audit did not cover.
import { Link } from "react-router";
import { Crumbs } from "../../components/Crumbs";
import { PageHeading } from "../../components/PageHeading";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";
import { audit } from "./audit";
import { NonConformities } from "./NonConformities";

export default function ActionPlan2026Page() {
  const { t, calendarDate } = useI18n();
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-9 od-prose">
        <Crumbs segments={[{ label: t("a11y.title"), to: paths.accessibility() }]} current={t("a11y.actions.title")} />
        <PageHeading title={t("a11y.actions.title")} />
        <p>{t("a11y.actions.intro", { date: calendarDate(audit.date) })}</p>
        <h2>{t("a11y.actions.fix")}</h2>
        <p className="fr-text--sm">{t("a11y.notesInFrench")}</p>
        <NonConformities />
        <h2>{t("a11y.actions.verify")}</h2>
        <ul>
          <li>{t("a11y.actions.verify1")}</li>
          <li>{t("a11y.actions.verify2")}</li>
          <li>{t("a11y.actions.verify3")}</li>
        </ul>
        <h2>{t("a11y.actions.keep")}</h2>
        <p>{t("a11y.actions.keepText")}</p>
        <p>
          <Link to={paths.accessibilityPlan()}>{t("a11y.planLink")}</Link>
        </p>
      </div>
    </div>
  );
}
