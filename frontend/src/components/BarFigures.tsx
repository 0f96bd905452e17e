// Counts by category shown twice: as horizontal bars (an image with its figures in its name) and
// as the data table of the same figures beside it, for those who do not see the chart. Used by the
// proposals in figures (co-creation) and the multi-stakeholder forum's balance.
import { DataTable } from "./DataTable";
import { useI18n } from "../i18n";

export type BarRow = { label: string; count: number };

/** One horizontal bar per row, its label above it and its count after it. */
export function Bars({ rows, label }: { rows: BarRow[]; label: string }) {
  const { number } = useI18n();
  const max = Math.max(1, ...rows.map((r) => r.count));
  const rowH = 11;
  const height = rows.length * rowH;
  const description = rows.map((r) => `${r.label} : ${number(r.count)}`).join(", ");
  return (
    <svg
      viewBox={`0 0 100 ${height}`}
      width="100%"
      height={height * 4}
      preserveAspectRatio="xMinYMin meet"
      role="img"
      aria-label={`${label} — ${description}`}
      className="od-bars"
    >
      {rows.map((r, i) => {
        const y = i * rowH;
        const w = (r.count / max) * 80;
        return (
          <g key={r.label}>
            <text x={0} y={y + 3.5} className="od-line-chart__label">
              {r.label}
            </text>
            <rect x={0} y={y + 4.5} width={Math.max(w, 0.5)} height={4.5} className="od-bars__bar" />
            <text x={w + 1.5} y={y + 8.2} className="od-line-chart__label">
              {number(r.count)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** A titled figure: the bars and the table of the same counts (`head`: what the rows are,
 *  `countHead`: what is counted). */
export function BarFigures({
  id,
  title,
  head,
  countHead,
  rows,
}: {
  id: string;
  title: string;
  head: string;
  countHead: string;
  rows: BarRow[];
}) {
  const { number } = useI18n();
  return (
    <div className="fr-mb-3w">
      <h3 id={id} className="fr-h6">
        {title}
      </h3>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Bars rows={rows} label={title} />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <DataTable caption={title} hideCaption>
            <thead>
              <tr>
                <th scope="col">{head}</th>
                <th scope="col">{countHead}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.label}>
                  <th scope="row">{r.label}</th>
                  <td>{number(r.count)}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </div>
      </div>
    </div>
  );
}
