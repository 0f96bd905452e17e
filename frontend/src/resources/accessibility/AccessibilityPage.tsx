// The accessibility statement, computed from the RGAA audit grid (rate, state, date, sample and
// non-conformities come from generated/audit.json), with the contact, the remedies and the plans.
import { Link } from "react-router";
import { Crumbs } from "../../components/Crumbs";
import { PageHeading } from "../../components/PageHeading";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";
import { CONTACT, audit, keyOf } from "./audit";
import { NonConformities } from "./NonConformities";
import { useLangOf } from "../../components/lang";

export default function AccessibilityPage() {
  const { t, locale, calendarDate, percent, number } = useI18n();
  const langOf = useLangOf();
  const env = audit.environment;
  const date = calendarDate(audit.date);
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-9 od-prose">
        <Crumbs current={t("a11y.title")} />
        <PageHeading title={t("a11y.title")} />
        <p>{t("a11y.intro")}</p>

        <h2>{t("a11y.status")}</h2>
        <p>
          <strong data-testid="a11y-state">{t(keyOf("a11y.status.", audit.state))}</strong>
        </p>

        <h2>{t("a11y.results")}</h2>
        <p data-testid="a11y-rate">
          {t("a11y.resultsText", {
            date,
            auditor: t("a11y.auditor"),
            rate: audit.rate === null ? "—" : percent(audit.rate),
          })}
        </p>
        <p>
          {t("a11y.counts", {
            c: number(audit.criteria.C),
            nc: number(audit.criteria.NC),
            na: number(audit.criteria.NA),
          })}
        </p>

        <h2>{t("a11y.inaccessible")}</h2>
        <h3>{t("a11y.nonConformities")}</h3>
        <p className="fr-text--sm">{t("a11y.notesInFrench")}</p>
        <NonConformities />
        <h3>{t("a11y.derogations")}</h3>
        <p>{t("a11y.derogationsText")}</p>
        <h3>{t("a11y.exempt")}</h3>
        <p>{t("a11y.exemptText")}</p>

        <h2>{t("a11y.making")}</h2>
        <p>{t("a11y.madeOn", { date })}</p>
        <h3>{t("a11y.technologies")}</h3>
        <p>{t("a11y.technologiesText")}</p>
        <h3>{t("a11y.environment")}</h3>
        {env && (
          <p>
            {t("a11y.environmentText", { browser: env.navigateur, system: env.systeme, playwright: env.playwright })}
          </p>
        )}
        <h3>{t("a11y.assistive")}</h3>
        {audit.assistive ? (
          <div data-testid="a11y-assistive">
            {audit.assistive.used.map((u) => (
              <p key={`${u.reader} ${u.date}`}>
                {t("a11y.assistiveUsed", {
                  reader: u.reader,
                  browser: u.browser,
                  system: u.system,
                  date: calendarDate(u.date),
                  report: u.report ?? "docs/rgaa/",
                })}
              </p>
            ))}
            <p {...langOf("fr")}>{audit.assistive.notUsed}</p>
          </div>
        ) : (
          <p>{t("a11y.assistiveNone")}</p>
        )}
        <h3>{t("a11y.tools")}</h3>
        <ul>
          <li>{t("a11y.tool.axe", { axe: env?.axe ?? "4" })}</li>
          <li>{t("a11y.tool.keyboard")}</li>
          <li>{t("a11y.tool.checks")}</li>
          <li>{t("a11y.tool.reading")}</li>
        </ul>
        <h3>{t("a11y.sample")}</h3>
        <p>{t("a11y.sampleMethod")}</p>
        <ul data-testid="a11y-sample">
          {audit.pages.map((p) => (
            <li key={p.id}>
              {locale === "en" ? p.nameEn : p.name} — <code>{p.path}</code> ({t(keyOf("a11y.as.", p.state))})
            </li>
          ))}
        </ul>
        <p>{t("a11y.notAudited")}</p>

        <h2>{t("a11y.plans")}</h2>
        <ul>
          <li>
            <Link to={paths.accessibilityPlan()}>{t("a11y.planLink")}</Link>
          </li>
          <li>
            <Link to={paths.accessibilityActions()}>{t("a11y.actionsLink")}</Link>
          </li>
        </ul>

        <h2>{t("a11y.feedback")}</h2>
        <p>{t("a11y.feedbackText")}</p>
        <p>
          <a className="fr-link" href={`mailto:${CONTACT}`} data-testid="a11y-contact">
            {t("a11y.contact", { address: CONTACT })}
          </a>
        </p>

        <h2>{t("a11y.remedies")}</h2>
        <p>{t("a11y.remediesText")}</p>
        <ul>
          <li>
            <a href="https://formulaire.defenseurdesdroits.fr/">{t("a11y.remedy.form")}</a>
          </li>
          <li>
            <a href="https://www.defenseurdesdroits.fr/saisir/delegues">{t("a11y.remedy.delegates")}</a>
          </li>
          <li>{t("a11y.remedy.post")}</li>
        </ul>
      </div>
    </div>
  );
}
