// The progress log in the web app: a commitment's completion (now, and over time as a chart
// with its data table), its milestones' standing, and a milestone's log with the form officials
// of the lead institution use to add to it. The log is append-only: no edit, no delete; a
// correction is a new update that names the one it corrects.
import { Link } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import {
  getCommitmentProgress,
  listMilestoneProgress,
  progressKeys,
  type CommitmentProgress,
  type Completion,
  type ProgressUpdate,
} from "./queries";
import { isAdmin, useSession } from "../../auth/session";
import { useI18n } from "../../i18n";
import { DataTable } from "../../components/DataTable";
import { ProgressBar } from "./ProgressBar";
import { QueryState } from "../../components/QueryState";
import { SanitizedHtml } from "../../components/SanitizedHtml";
import { MilestoneStatusBadge } from "../../components/StatusBadge";
import { paths } from "../../app/resources";
import { ReportForm } from "./ReportForm";
import { EvidenceDocuments } from "../documents/Evidence";

const completionSeverity: Record<Completion, "info" | "success" | "warning" | "new" | undefined> = {
  no_evidence: undefined,
  not_started: "warning",
  limited: "info",
  substantial: "new",
  complete: "success",
};

export function CompletionBadge({ level }: { level: Completion }) {
  const { t } = useI18n();
  return (
    <Badge small noIcon severity={completionSeverity[level]} as="span">
      {t(`completion.${level}`)}
    </Badge>
  );
}

/** Whether the signed-in person may report progress on a commitment led by `leadId`. */
export function useCanReport(leadId: number | null | undefined): boolean {
  const { user } = useSession();
  if (!user) return false;
  if (isAdmin(user.role)) return true;
  return user.role === "official" && leadId != null && user.institution_id === leadId;
}

/** The share complete over time: a step line (each point a day of the log), and the same
 * figures in the table beside it. */
function CompletionChart({ history }: { history: CommitmentProgress["history"] }) {
  const { t, calendarDate, percent } = useI18n();
  if (history.length === 0) return null;
  const x = (i: number) => (history.length === 1 ? 50 : 6 + (i / (history.length - 1)) * 88);
  const y = (p: number) => 40 - (p / 100) * 34;
  let path = "";
  history.forEach((h, i) => {
    path += i === 0 ? `M ${x(i)} ${y(h.percent)}` : ` H ${x(i)} V ${y(h.percent)}`;
  });
  const description = history.map((h) => `${calendarDate(h.on)} : ${percent(h.percent)}`).join(", ");
  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      <div className="fr-col-12 fr-col-md-6">
        <svg
          viewBox="0 0 100 50"
          width="100%"
          height="200"
          role="img"
          aria-label={`${t("progress.chart")} — ${description}`}
          className="od-line-chart"
        >
          <line x1={4} y1={40} x2={96} y2={40} className="od-line-chart__axis" />
          <line x1={4} y1={6} x2={96} y2={6} className="od-line-chart__grid" />
          <text x={3} y={7} textAnchor="end" className="od-line-chart__label">
            100
          </text>
          <text x={3} y={41} textAnchor="end" className="od-line-chart__label">
            0
          </text>
          <path d={path} className="od-line-chart__line" />
          {history.map((h, i) => (
            <circle key={h.on} cx={x(i)} cy={y(h.percent)} r={1.2} className="od-line-chart__point" />
          ))}
          <text x={x(0)} y={47} textAnchor={history.length === 1 ? "middle" : "start"} className="od-line-chart__label">
            {calendarDate(history[0].on)}
          </text>
          {history.length > 1 && (
            <text x={x(history.length - 1)} y={47} textAnchor="end" className="od-line-chart__label">
              {calendarDate(history[history.length - 1].on)}
            </text>
          )}
        </svg>
      </div>
      <div className="fr-col-12 fr-col-md-6">
        <DataTable caption={t("progress.chart.caption")} className="fr-table--sm">
          <thead>
            <tr>
              <th scope="col">{t("progress.chart.date")}</th>
              <th scope="col">{t("progress.chart.complete")}</th>
              <th scope="col">{t("progress.chart.share")}</th>
              <th scope="col">{t("progress.chart.level")}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr key={h.on}>
                <td>
                  <time dateTime={h.on}>{calendarDate(h.on)}</time>
                </td>
                <td>{t("progress.chart.completeValue", { complete: h.complete, total: h.total })}</td>
                <td>{percent(h.percent)}</td>
                <td>{t(`completion.${h.level}`)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      </div>
    </div>
  );
}

/** A commitment's section "Avancement": completion, chart, milestones, latest updates. */
export function CommitmentProgressSection({ code }: { code: string }) {
  const { t, calendarDate } = useI18n();
  const q = useQuery({ queryKey: progressKeys.commitment(code), queryFn: () => getCommitmentProgress(code) });
  return (
    <section className="fr-mt-4w" aria-labelledby="progress-title">
      <h2 id="progress-title">{t("progress.title")}</h2>
      <QueryState query={q}>
        {(data) => (
          <>
            <p className="fr-mb-1w">
              {t("progress.level")} <CompletionBadge level={data.completion.level} />
              {data.lead_institution && (
                <>
                  {" "}
                  · {t("progress.reportedBy")}{" "}
                  <Link to={paths.institution(data.lead_institution.slug)}>{data.lead_institution.name}</Link>
                </>
              )}
            </p>
            <ProgressBar
              completed={data.completion.complete}
              total={data.completion.total}
              percent={data.completion.percent}
              label={t("progress.share")}
            />
            {data.history.length === 0 ? (
              <p className="fr-mt-2w">{t("progress.noHistory")}</p>
            ) : (
              <CompletionChart history={data.history} />
            )}
            <DataTable caption={t("progress.milestones.caption")} className="fr-mt-2w">
              <thead>
                <tr>
                  <th scope="col">{t("progress.milestones.milestone")}</th>
                  <th scope="col">{t("progress.milestones.status")}</th>
                  <th scope="col">{t("progress.milestones.completion")}</th>
                  <th scope="col">{t("progress.milestones.due")}</th>
                  <th scope="col">{t("progress.milestones.lastUpdate")}</th>
                </tr>
              </thead>
              <tbody>
                {data.milestones.map((m) => (
                  <tr key={m.id}>
                    <td>
                      <Link to={paths.milestone(m.id)}>{m.code}</Link>
                    </td>
                    <td>
                      <MilestoneStatusBadge status={m.status} />
                    </td>
                    <td>{t(`completion.${m.completion}`)}</td>
                    <td>
                      {m.due_date ? (
                        <time dateTime={m.due_date}>{calendarDate(m.due_date)}</time>
                      ) : (
                        (m.due_period ?? "—")
                      )}
                      {m.overdue && (
                        <>
                          {" "}
                          <Badge small severity="error" as="span">
                            {t("progress.overdue")}
                          </Badge>
                        </>
                      )}
                    </td>
                    <td>
                      {m.last_update_on ? (
                        <time dateTime={m.last_update_on}>{calendarDate(m.last_update_on)}</time>
                      ) : (
                        t("progress.never")
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
            {data.recent.length > 0 && (
              <>
                <h3>{t("progress.recent")}</h3>
                <UpdateList
                  updates={data.recent}
                  milestoneCodes={Object.fromEntries(data.milestones.map((m) => [m.id, m.code]))}
                />
              </>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}

function UpdateList({
  updates,
  milestoneCodes,
}: {
  updates: ProgressUpdate[];
  milestoneCodes?: Record<number, string>;
}) {
  const { t, calendarDate, dateTime } = useI18n();
  return (
    <ol className="od-plain-list od-progress-log">
      {updates.map((u) => (
        <li key={u.id} id={`point-${u.id}`} className="od-box fr-mb-2w">
          <p className="fr-mb-1v">
            <strong>
              <time dateTime={u.as_of}>{calendarDate(u.as_of)}</time>
            </strong>
            {milestoneCodes?.[u.milestone_id] && (
              <>
                {" "}
                —{" "}
                <Link to={paths.milestone(u.milestone_id, `point-${u.id}`)}>
                  {t("milestone.title", { code: milestoneCodes[u.milestone_id] })}
                </Link>
              </>
            )}{" "}
            <MilestoneStatusBadge status={u.status} /> <CompletionBadge level={u.completion} />
          </p>
          <SanitizedHtml html={u.note_html} />
          {u.evidence.length > 0 && (
            <ul className="fr-text--sm">
              {u.evidence.map((e) => (
                <li key={e.url}>
                  <a href={e.url} rel="noopener noreferrer">
                    {e.title}
                  </a>
                </li>
              ))}
            </ul>
          )}
          <EvidenceDocuments documents={u.evidence_documents} />
          <p className="fr-text--xs fr-mb-0">
            {t("progress.by", { name: u.author.display_name })}
            {u.author.institution && (
              <>
                {" "}
                (<Link to={paths.institution(u.author.institution.slug)}>{u.author.institution.name}</Link>)
              </>
            )}{" "}
            · <time dateTime={u.created_at}>{dateTime(u.created_at)}</time>
            {u.corrects != null && (
              <>
                {" "}
                · <a href={`#point-${u.corrects}`}>{t("progress.corrects")}</a>
              </>
            )}
            {u.corrected_by.length > 0 && (
              <>
                {" "}
                ·{" "}
                <Badge small severity="warning" as="span">
                  {t("progress.corrected")}
                </Badge>{" "}
                <a href={`#point-${u.corrected_by[0]}`}>{t("progress.seeCorrection")}</a>
              </>
            )}
          </p>
        </li>
      ))}
    </ol>
  );
}

/** A milestone's log, and the form to add to it for those who may. */
export function MilestoneProgressLog({
  milestoneId,
  commitmentCode,
  closed,
}: {
  milestoneId: number;
  commitmentCode: string;
  closed: boolean;
}) {
  const { t } = useI18n();
  const log = useQuery({
    queryKey: progressKeys.milestone(milestoneId),
    queryFn: () => listMilestoneProgress(milestoneId),
  });
  const commitment = useQuery({
    queryKey: progressKeys.commitment(commitmentCode),
    queryFn: () => getCommitmentProgress(commitmentCode),
  });
  const canReport = useCanReport(commitment.data?.lead_institution?.id);
  return (
    <section className="fr-mt-4w" aria-labelledby="log-title">
      <h2 id="log-title">{t("progress.log")}</h2>
      <p className="fr-text--sm">{t("progress.log.intro")}</p>
      <QueryState query={log} isEmpty={(data) => data.items.length === 0} empty={t("progress.log.empty")}>
        {(data) => <UpdateList updates={data.items} />}
      </QueryState>
      {canReport && !closed && log.data && (
        <ReportForm milestoneId={milestoneId} commitmentCode={commitmentCode} updates={log.data.items} />
      )}
    </section>
  );
}
