// One cycle: its forums, the coverage of the commitments it named (which forum worked on each,
// or none yet), and its action items by status, drawn and in a table.
import { Link, useParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { canEditContent, useSession } from "../../auth/session";
import { cycleKeys, getCycle, type Cycle } from "./queries";
import { ACTION_STATUSES } from "../actions/queries";
import { Crumbs } from "../../components/Crumbs";
import { DataTable } from "../../components/DataTable";
import { PageHeading } from "../../components/PageHeading";
import { QueryState, useStateTitle } from "../../components/QueryState";
import { SanitizedHtml } from "../../components/SanitizedHtml";
import { ForumStatusBadge } from "../../components/StatusBadge";
import { useLangOf } from "../../components/lang";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";

export default function CyclePage() {
  const { slug = "" } = useParams();
  const { t } = useI18n();
  const q = useQuery({ queryKey: cycleKeys.one(slug), queryFn: () => getCycle(slug) });
  const crumbs = [
    { label: t("forums.title"), to: paths.forums() },
    { label: t("cycles.title"), to: paths.cycles() },
  ];
  const stateTitle = useStateTitle();
  if (q.isPending || q.isError) {
    return (
      <>
        <Crumbs segments={crumbs} current={slug} />
        <PageHeading title={stateTitle(q.isPending, q.error)} />
        <QueryState query={q} />
      </>
    );
  }
  return <CycleView cycle={q.data} crumbs={crumbs} />;
}

function CycleView({ cycle: c, crumbs }: { cycle: Cycle; crumbs: { label: string; to: string }[] }) {
  const { t, calendarDate, date, number } = useI18n();
  const { user } = useSession();
  const langOf = useLangOf();
  return (
    <>
      <Crumbs segments={crumbs} current={c.title} />
      <div className="od-title-row">
        <PageHeading title={c.title}>
          <span {...langOf(c.lang)}>{c.title}</span>
        </PageHeading>
        {canEditContent(user?.role) && (
          <Button
            priority="secondary"
            iconPosition="left"
            iconId="fr-icon-edit-line"
            linkProps={{ to: paths.editCycle(c.slug) }}
          >
            {t("cycles.edit")}
          </Button>
        )}
      </div>
      <p className="fr-text--lead">
        {t("cycles.period", { from: calendarDate(c.starts_on), to: calendarDate(c.ends_on) })}
      </p>
      {c.description.trim() && (
        <div {...langOf(c.lang)}>
          <SanitizedHtml html={c.description_html} />
        </div>
      )}

      <h2>{t("cycles.forums")}</h2>
      {c.forums.length === 0 ? (
        <p>{t("cycles.noForums")}</p>
      ) : (
        <ol>
          {c.forums.map((f) => (
            <li key={f.id} className="fr-mb-1w">
              <Link to={paths.forum(f.slug)}>{f.title}</Link> — <time dateTime={f.starts_at}>{date(f.starts_at)}</time>{" "}
              <ForumStatusBadge status={f.status} />
            </li>
          ))}
        </ol>
      )}

      <h2>{t("cycles.coverage")}</h2>
      <DataTable caption={t("cycles.coverage.caption")}>
        <thead>
          <tr>
            <th scope="col">{t("cycles.coverage.commitment")}</th>
            <th scope="col">{t("cycles.coverage.forums")}</th>
          </tr>
        </thead>
        <tbody>
          {c.coverage.map((row) => (
            <tr key={row.commitment.id}>
              <th scope="row">
                <Link to={paths.commitment(row.commitment.code)}>
                  {row.commitment.code} — {row.commitment.title}
                </Link>
              </th>
              <td>
                {row.forums.length === 0
                  ? t("cycles.coverage.none")
                  : row.forums.map((f, i) => (
                      <span key={f.id}>
                        {i > 0 && ", "}
                        <Link to={paths.forum(f.slug)}>{f.title}</Link>
                      </span>
                    ))}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>

      <h2>{t("cycles.actions")}</h2>
      <ActionsChart counts={c.actions} />
      <DataTable caption={t("cycles.actions.caption")}>
        <thead>
          <tr>
            <th scope="col">{t("actions.col.status")}</th>
            <th scope="col">{t("cycles.actions.count")}</th>
          </tr>
        </thead>
        <tbody>
          {ACTION_STATUSES.map((s) => (
            <tr key={s}>
              <th scope="row">{t(`status.action.${s}`)}</th>
              <td>{number(c.actions[s])}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t("actions.overdue")}</th>
            <td>{number(c.actions.overdue)}</td>
          </tr>
        </tbody>
      </DataTable>
      <p>
        <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" to={paths.followUp({ cycle: c.slug })}>
          {t("cycles.actions.followUp")}
        </Link>
      </p>
    </>
  );
}

/** The action items by status as one stacked bar (the table after it holds the same figures). */
function ActionsChart({ counts }: { counts: Cycle["actions"] }) {
  const { t, number } = useI18n();
  const total = ACTION_STATUSES.reduce((n, s) => n + counts[s], 0);
  if (total === 0) return null;
  // Each bar starts where the ones before it end.
  const starts = ACTION_STATUSES.map((_, i) =>
    ACTION_STATUSES.slice(0, i).reduce((sum, s) => sum + (counts[s] / total) * 100, 0),
  );
  const label = ACTION_STATUSES.map((s) => `${t(`status.action.${s}`)} : ${number(counts[s])}`).join(", ");
  return (
    <figure className="fr-mb-2w">
      <svg viewBox="0 0 100 8" width="100%" height="32" role="img" aria-label={label} preserveAspectRatio="none">
        {ACTION_STATUSES.map((s, i) => (
          <rect
            key={s}
            x={starts[i]}
            y={0}
            width={(counts[s] / total) * 100}
            height={8}
            className={`od-bar od-bar--${s}`}
          />
        ))}
      </svg>
      <figcaption className="fr-text--sm">
        {ACTION_STATUSES.filter((s) => counts[s] > 0).map((s) => (
          <span key={s} className="fr-mr-2w">
            <span aria-hidden="true" className={`od-swatch od-bar--${s}`} />
            {t(`status.action.${s}`)} ({number(counts[s])})
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
