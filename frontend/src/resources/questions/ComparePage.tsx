// Institutions side by side: how they answer questions (on-time share with its interval, as a
// chart and in the table), what is overdue now, how they close action items and report.
import { Link } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { listRecords, questionKeys, type InstitutionRecord } from "./queries";
import { Crumbs } from "../../components/Crumbs";
import { DataTable } from "../../components/DataTable";
import { PageHeading } from "../../components/PageHeading";
import { OnTimeRate } from "./Questions";
import { QueryState } from "../../components/QueryState";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";

export default function ComparePage() {
  const { t, number } = useI18n();
  const q = useQuery({ queryKey: questionKeys.records, queryFn: listRecords });
  return (
    <>
      <Crumbs segments={[{ label: t("institutions.title"), to: paths.institutions() }]} current={t("compare.title")} />
      <PageHeading title={t("compare.title")} />
      <p className="fr-text--lead">{t("compare.intro")}</p>
      <QueryState query={q} isEmpty={(data) => data.items.length === 0} empty={t("institutions.empty")}>
        {(data) => (
          <>
            <RateChart records={data.items} />
            <DataTable caption={t("compare.caption")} className="fr-mt-3w">
              <thead>
                <tr>
                  <th scope="col">{t("compare.institution")}</th>
                  <th scope="col">{t("record.received")}</th>
                  <th scope="col">{t("record.answered")}</th>
                  <th scope="col">{t("record.onTime")}</th>
                  <th scope="col">{t("record.median")}</th>
                  <th scope="col">{t("record.overdue")}</th>
                  <th scope="col">{t("record.actions")}</th>
                  <th scope="col">{t("record.updates")}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((r) => (
                  <tr key={r.institution.id}>
                    <th scope="row">
                      <Link to={paths.institution(r.institution.slug)}>
                        {r.institution.acronym ?? r.institution.name}
                      </Link>
                    </th>
                    <td>{number(r.questions_received)}</td>
                    <td>{number(r.questions_answered)}</td>
                    <td>
                      <OnTimeRate r={r} />
                    </td>
                    <td>
                      {r.median_working_days == null ? "—" : t("record.days", { n: number(r.median_working_days) })}
                    </td>
                    <td>{number(r.overdue_now)}</td>
                    <td>
                      {t("compare.actionsValue", {
                        onTime: number(r.action_items_closed_on_time),
                        closed: number(r.action_items_closed),
                        owned: number(r.action_items_owned),
                      })}
                    </td>
                    <td>{number(r.progress_updates)}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          </>
        )}
      </QueryState>
    </>
  );
}

/** One bar per institution with a rate: the on-time share, its interval as a whisker. */
function RateChart({ records }: { records: InstitutionRecord[] }) {
  const { t, number } = useI18n();
  const rated = records.filter((r) => r.on_time_rate);
  if (rated.length === 0) return <p>{t("compare.noRates")}</p>;
  const rowH = 8;
  const height = rated.length * rowH + 6;
  const x = (p: number) => 30 + (p / 100) * 66;
  const label = rated
    .map((r) => `${r.institution.acronym ?? r.institution.name} : ${number(r.on_time_rate!.percent)} %`)
    .join(", ");
  return (
    <svg
      viewBox={`0 0 100 ${height}`}
      width="100%"
      height={height * 4}
      role="img"
      aria-label={`${t("compare.chart")} — ${label}`}
      className="od-line-chart"
    >
      {rated.map((r, i) => {
        const y = i * rowH + 2;
        const rate = r.on_time_rate!;
        return (
          <g key={r.institution.id}>
            <text x={28} y={y + 4} textAnchor="end" className="od-line-chart__label">
              {(r.institution.acronym ?? r.institution.name).slice(0, 18)}
            </text>
            <rect x={30} y={y} width={x(rate.percent) - 30} height={5} className="od-bars__bar" />
            <line x1={x(rate.low)} x2={x(rate.high)} y1={y + 2.5} y2={y + 2.5} className="od-line-chart__whisker" />
          </g>
        );
      })}
      <line x1={30} x2={96} y1={height - 3} y2={height - 3} className="od-line-chart__axis" />
      <text x={30} y={height} textAnchor="middle" className="od-line-chart__label">
        0
      </text>
      <text x={96} y={height} textAnchor="middle" className="od-line-chart__label">
        100
      </text>
    </svg>
  );
}
