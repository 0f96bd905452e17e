// For app developers: getting a token, scopes, budgets, caching, datasets and feeds — what the
// README's "Pour les développeurs d'applications" says, for people who read the site.
import { Link } from "react-router";
import { Crumbs } from "../../components/Crumbs";
import { DataTable } from "../../components/DataTable";
import { PageHeading } from "../../components/PageHeading";
import { addMessages, useI18n, type MessageKey } from "../../i18n";
import { paths } from "../../app/resources";
import { fr as pageMessages } from "./i18n/page.fr";
import { fr as tokenMessages } from "../tokens/i18n/fr";

// The page's French text (and the scopes' names, the account page's) come with its chunk.
addMessages("fr", pageMessages);
addMessages("fr", tokenMessages);

const SCOPES: { scope: string; who: MessageKey }[] = [
  { scope: "read", who: "dev.scopes.everyone" },
  { scope: "comment", who: "dev.scopes.everyone" },
  { scope: "register", who: "dev.scopes.everyone" },
  { scope: "follow", who: "dev.scopes.everyone" },
  { scope: "content", who: "dev.scopes.staff" },
  { scope: "respond", who: "dev.scopes.staff" },
  { scope: "moderate", who: "dev.scopes.moderators" },
  { scope: "admin", who: "dev.scopes.admins" },
  { scope: "webhooks", who: "dev.scopes.apps" },
];

export default function DevelopersPage() {
  const { t } = useI18n();
  return (
    <>
      <Crumbs current={t("dev.title")} />
      <PageHeading title={t("dev.title")} />
      <p className="fr-text--lead">{t("dev.intro")}</p>
      <p>
        <a className="fr-link" href="/api/docs/">
          {t("dev.contract")}
        </a>
      </p>
      <h2>{t("dev.token.title")}</h2>
      <p>{t("dev.token.body")}</p>
      <p>
        <Link className="fr-link" to={paths.account("jetons")}>
          {t("dev.token.link")}
        </Link>
      </p>
      <h2>{t("dev.scopes.title")}</h2>
      <p>{t("dev.scopes.body")}</p>
      <DataTable caption={t("dev.scopes.caption")}>
        <thead>
          <tr>
            <th scope="col">{t("dev.scopes.scope")}</th>
            <th scope="col">{t("dev.scopes.what")}</th>
            <th scope="col">{t("dev.scopes.who")}</th>
          </tr>
        </thead>
        <tbody>
          {SCOPES.map(({ scope, who }) => (
            <tr key={scope}>
              <td>
                <code lang="en">{scope}</code>
              </td>
              <td>{t(`tokens.scope.${scope}` as MessageKey)}</td>
              <td>{t(who)}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <h2>{t("dev.limits.title")}</h2>
      <p>{t("dev.limits.body")}</p>
      <h2>{t("dev.cache.title")}</h2>
      <p>{t("dev.cache.body")}</p>
      <h2>{t("dev.data.title")}</h2>
      <p>{t("dev.data.body")}</p>
      <p>
        <Link className="fr-link" to={paths.openData()}>
          {t("dev.data.link")}
        </Link>
      </p>
      <h2>{t("dev.webhooks.title")}</h2>
      <p>{t("dev.webhooks.body")}</p>
      <p>{t("dev.webhooks.retries")}</p>
      <h2>{t("dev.streams.title")}</h2>
      <p>{t("dev.streams.body")}</p>
    </>
  );
}
