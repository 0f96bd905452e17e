// "Données personnelles" (RGPD, articles 13 and 14): what is processed, why, for how long, who
// sees it, the rights and how to use them. The retention periods are the ones the job workers'
// housekeeping applies (README, "Retention"); the contact is set at build time.
import { Crumbs } from "../../components/Crumbs";
import { DataTable } from "../../components/DataTable";
import { PageHeading } from "../../components/PageHeading";
import { addMessages, useI18n, type MessageKey } from "../../i18n";
import { fr as pageMessages } from "./i18n/page.fr";

// The page's French text comes with its chunk.
addMessages("fr", pageMessages);

/** Where requests about personal data go: set at build time with VITE_PRIVACY_CONTACT. */
export const CONTACT = import.meta.env.VITE_PRIVACY_CONTACT?.trim() || "donnees-personnelles@opendetat.fr";

/** What is kept, and for how long (as the housekeeping does it). */
const RETENTION: { what: MessageKey; how_long: MessageKey }[] = [
  { what: "privacy.keep.account", how_long: "privacy.keep.accountHow" },
  { what: "privacy.keep.unconfirmed", how_long: "privacy.keep.unconfirmedHow" },
  { what: "privacy.keep.contributions", how_long: "privacy.keep.contributionsHow" },
  { what: "privacy.keep.registrations", how_long: "privacy.keep.accountHow" },
  { what: "privacy.keep.notifications", how_long: "privacy.keep.notificationsHow" },
  { what: "privacy.keep.links", how_long: "privacy.keep.linksHow" },
  { what: "privacy.keep.throttles", how_long: "privacy.keep.throttlesHow" },
  { what: "privacy.keep.jobs", how_long: "privacy.keep.jobsHow" },
];

/** Who sees what. */
const AUDIENCES: { who: MessageKey; sees: MessageKey }[] = [
  { who: "privacy.who.everyone", sees: "privacy.who.everyoneSees" },
  { who: "privacy.who.organisers", sees: "privacy.who.organisersSees" },
  { who: "privacy.who.moderators", sees: "privacy.who.moderatorsSees" },
  { who: "privacy.who.admins", sees: "privacy.who.adminsSees" },
];

export default function PrivacyPage() {
  const { t } = useI18n();
  const mail = <a href={`mailto:${CONTACT}`}>{CONTACT}</a>;
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-9 od-prose">
        <Crumbs current={t("privacy.title")} />
        <PageHeading title={t("privacy.title")} />
        <p>{t("privacy.intro")}</p>

        <h2>{t("privacy.what.title")}</h2>
        <ul>
          <li>{t("privacy.what.account")}</li>
          <li>{t("privacy.what.contributions")}</li>
          <li>{t("privacy.what.registrations")}</li>
          <li>{t("privacy.what.follows")}</li>
          <li>{t("privacy.what.reports")}</li>
          <li>{t("privacy.what.tokens")}</li>
          <li>{t("privacy.what.twoFactor")}</li>
          <li>{t("privacy.what.identities")}</li>
          <li>{t("privacy.what.technical")}</li>
        </ul>
        <p>{t("privacy.what.browser")}</p>

        <h2>{t("privacy.why.title")}</h2>
        <p>{t("privacy.why.body")}</p>

        <h2>{t("privacy.keep.title")}</h2>
        <DataTable caption={t("privacy.keep.caption")}>
          <thead>
            <tr>
              <th scope="col">{t("privacy.keep.what")}</th>
              <th scope="col">{t("privacy.keep.howLong")}</th>
            </tr>
          </thead>
          <tbody>
            {RETENTION.map((r) => (
              <tr key={r.what}>
                <th scope="row">{t(r.what)}</th>
                <td>{t(r.how_long)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>

        <h2>{t("privacy.who.title")}</h2>
        <DataTable caption={t("privacy.who.caption")}>
          <thead>
            <tr>
              <th scope="col">{t("privacy.who.whom")}</th>
              <th scope="col">{t("privacy.who.what")}</th>
            </tr>
          </thead>
          <tbody>
            {AUDIENCES.map((a) => (
              <tr key={a.who}>
                <th scope="row">{t(a.who)}</th>
                <td>{t(a.sees)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
        <p>{t("privacy.who.nobodyElse")}</p>

        <h2>{t("privacy.rights.title")}</h2>
        <p>{t("privacy.rights.intro")}</p>
        <ul>
          <li>{t("privacy.rights.profile")}</li>
          <li>{t("privacy.rights.copy")}</li>
          <li>{t("privacy.rights.erase")}</li>
          <li>
            {t("privacy.rights.write")} {mail}
          </li>
        </ul>
        <p>
          {t("privacy.rights.cnil")} <a href="https://www.cnil.fr/fr/plaintes">{t("privacy.rights.cnilLink")}</a>
        </p>

        <h2>{t("privacy.contact.title")}</h2>
        <p>
          {t("privacy.contact.body")} {mail}
        </p>
      </div>
    </div>
  );
}
