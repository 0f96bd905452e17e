// The open-data page: every dataset with its description, what it does with archived records,
// last update, download links (CSV and JSON Lines) and fields, the licence, the data package and
// the DCAT catalogue for harvesters. The datasets' titles, descriptions
// and fields are written in French by the server (the data package's language).
import { useQuery } from "@tanstack/react-query";
import { getCatalogue, openDataKeys, type Dataset } from "./queries";
import { Crumbs } from "../../components/Crumbs";
import { DataTable } from "../../components/DataTable";
import { PageHeading } from "../../components/PageHeading";
import { QueryState } from "../../components/QueryState";
import { addMessages, useI18n } from "../../i18n";
import { fr as pageMessages } from "./i18n/page.fr";

// The page's French text comes with its chunk.
addMessages("fr", pageMessages);

function DatasetSection({ dataset }: { dataset: Dataset }) {
  const { t, dateTime } = useI18n();
  const headingId = `dataset-${dataset.id}`;
  return (
    <section className="fr-mb-6w" aria-labelledby={headingId}>
      <h2 id={headingId} lang="fr">
        {dataset.title}
      </h2>
      <p lang="fr">{dataset.description}</p>
      <p className="fr-text--sm">{t(`openData.archived.${dataset.archived_records}`)}</p>
      <p className="fr-text--sm">
        {dataset.last_update ? (
          <>
            {t("openData.lastUpdate")} <time dateTime={dataset.last_update}>{dateTime(dataset.last_update)}</time>
          </>
        ) : (
          t("openData.neverUpdated")
        )}
      </p>
      <p className="fr-mb-1w">{t("openData.download")}</p>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
        {dataset.formats.map((f) => (
          <li key={f.format}>
            <a
              className="fr-btn fr-btn--secondary fr-icon-download-line"
              href={f.url}
              type={f.media_type}
              download
              aria-describedby={headingId}
            >
              {t(f.format === "csv" ? "openData.csv" : "openData.jsonl")}
            </a>
          </li>
        ))}
      </ul>
      <DataTable caption={t("openData.fields", { title: dataset.title })} hideCaption>
        <thead>
          <tr>
            <th scope="col">{t("openData.field")}</th>
            <th scope="col">{t("openData.type")}</th>
            <th scope="col">{t("openData.required")}</th>
            <th scope="col">{t("openData.description")}</th>
          </tr>
        </thead>
        <tbody>
          {dataset.fields.map((f) => (
            <tr key={f.name}>
              <td>
                <code>{f.name}</code>
              </td>
              <td>
                {f.type}
                {!f.in_csv && ` (${t("openData.jsonlOnly")})`}
              </td>
              <td>{t(f.constraints.required ? "openData.yes" : "openData.no")}</td>
              <td lang="fr">
                {f.description}
                {f.constraints.enum && (
                  <>
                    {" : "}
                    {f.constraints.enum.map((v, i) => (
                      <span key={v}>
                        {i > 0 && ", "}
                        <code>{v}</code>
                      </span>
                    ))}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </section>
  );
}

export default function OpenDataPage() {
  const { t } = useI18n();
  const q = useQuery({ queryKey: openDataKeys.catalogue, queryFn: getCatalogue });
  return (
    <>
      <Crumbs current={t("openData.title")} />
      <PageHeading title={t("openData.title")} />
      <p className="fr-text--lead">{t("openData.intro")}</p>
      <QueryState query={q} isEmpty={(c) => c.datasets.length === 0} empty={t("openData.empty")}>
        {(catalogue) => (
          <>
            <p>
              {t("openData.licence")}{" "}
              <a href={catalogue.licence.path} lang="fr">
                {catalogue.licence.title}
              </a>
            </p>
            <p>
              <a className="fr-link" href={catalogue.datapackage_url} type="application/json">
                {t("openData.package")}
              </a>
            </p>
            {/* Announced in the head (React places a rendered <link> there) for harvesters. */}
            <link rel="alternate" type="application/ld+json" title={t("openData.dcat")} href={catalogue.dcat_url} />
            <p>
              <a className="fr-link" href={catalogue.dcat_url} type="application/ld+json">
                {t("openData.dcat")}
              </a>
            </p>
            <p className="fr-text--sm">{t("openData.harvest")}</p>
            {catalogue.datasets.map((d) => (
              <DatasetSection key={d.id} dataset={d} />
            ))}
          </>
        )}
      </QueryState>
    </>
  );
}
