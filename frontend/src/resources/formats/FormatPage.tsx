// One format: a version in full (the current one, or an older one at its own address), the
// history of its versions, and a word-by-word comparison of two of them.
import { useState } from "react";
import { Link, useParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { canEditContent, useSession } from "../../auth/session";
import { Crumbs } from "../../components/Crumbs";
import { DataTable } from "../../components/DataTable";
import { PageHeading } from "../../components/PageHeading";
import { Loading, ProblemAlert, QueryState, useStateTitle } from "../../components/QueryState";
import { SanitizedHtml } from "../../components/SanitizedHtml";
import { useLangOf } from "../../components/lang";
import { useI18n } from "../../i18n";
import { compareVersions, formatKeys, getFormat, getFormatVersion, type Format, type FormatVersion } from "./queries";
import { feedbackKeys, getFormatFeedback } from "../feedback/queries";
import "../feedback/messages";
import { DocumentsSection } from "../documents/Documents";
import { paths } from "../../app/resources";

export default function FormatPage() {
  const { slug = "", version } = useParams();
  const { t } = useI18n();
  const wanted = version ? Number(version) : null;
  const format = useQuery({ queryKey: formatKeys.one(slug), queryFn: () => getFormat(slug) });
  const older = useQuery({
    queryKey: formatKeys.version(slug, wanted ?? 0),
    queryFn: () => getFormatVersion(slug, wanted!),
    enabled: wanted != null && !!format.data && wanted !== format.data.latest_version,
  });
  const pending = format.isPending || (older.fetchStatus !== "idle" && older.isPending);
  const error = format.error ?? older.error;
  const stateTitle = useStateTitle();
  if (pending || error) {
    return (
      <>
        <Crumbs segments={[{ label: t("formats.title"), to: paths.formats() }]} current={slug} />
        <PageHeading title={stateTitle(pending, error)} />
        {pending ? <Loading /> : <ProblemAlert error={error} onRetry={() => void format.refetch()} />}
      </>
    );
  }
  const f = format.data!;
  const shown: FormatVersion = wanted != null && wanted !== f.latest_version && older.data ? older.data : f.current;
  return <FormatView format={f} shown={shown} />;
}

function FormatView({ format: f, shown }: { format: Format; shown: FormatVersion }) {
  const { t, date, number } = useI18n();
  const { user } = useSession();
  const langOf = useLangOf();
  const lang = langOf(f.lang);
  const isLatest = shown.version === f.latest_version;
  return (
    <>
      <Crumbs segments={[{ label: t("formats.title"), to: paths.formats() }]} current={f.name} />
      <div className="od-title-row">
        <PageHeading title={`${f.name} — ${t("formats.version", { version: shown.version })}`}>
          <span {...lang}>{f.name}</span> — {t("formats.version", { version: shown.version })}
        </PageHeading>
        {canEditContent(user?.role) && (
          <Button
            priority="secondary"
            iconPosition="left"
            iconId="fr-icon-edit-line"
            linkProps={{ to: paths.newFormatVersion(f.slug) }}
          >
            {t("formats.newVersion")}
          </Button>
        )}
      </div>
      <ul className="fr-badges-group fr-mb-2w">
        <li>
          <p className={`fr-badge ${isLatest ? "fr-badge--success" : "fr-badge--info"} fr-badge--no-icon`}>
            {isLatest ? t("formats.latest") : t("formats.version", { version: shown.version })}
          </p>
        </li>
      </ul>
      {!isLatest && (
        <Alert
          severity="info"
          small
          className="fr-mb-3w"
          description={
            <>
              {t("formats.olderNotice", {
                version: shown.version,
                date: date(shown.published_at),
                latest: f.latest_version,
              })}{" "}
              <Link to={paths.format(f.slug)}>{t("formats.readLatest")}</Link>
            </>
          }
        />
      )}
      <p className="fr-text--sm">
        {shown.published_by
          ? t("formats.publishedBy", { date: date(shown.published_at), name: shown.published_by })
          : t("formats.publishedOn", { date: date(shown.published_at) })}{" "}
        {t("formats.forumsCount", { count: number(shown.forums_count) })}
      </p>
      {shown.change_note && (
        <section className="od-box fr-mb-3w" aria-labelledby="change-note">
          <h2 id="change-note" className="fr-h5">
            {t("formats.changeNote")}
          </h2>
          <p {...lang}>{shown.change_note}</p>
        </section>
      )}
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-8" {...lang}>
          <h2>{t("formats.purpose")}</h2>
          <p>{shown.purpose}</p>
          <h2>{t("formats.audience")}</h2>
          <p>{shown.audience}</p>
          <h2>{t("formats.agenda")}</h2>
          <DataTable caption={t("formats.agenda.caption", { minutes: number(shown.duration_minutes) })}>
            <thead>
              <tr>
                <th scope="col">{t("formats.agenda.step")}</th>
                <th scope="col">{t("formats.agenda.minutes")}</th>
              </tr>
            </thead>
            <tbody>
              {shown.agenda.map((s, i) => (
                <tr key={i}>
                  <td>{s.title}</td>
                  <td>{number(s.minutes)}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">{t("formats.agenda.total")}</th>
                <td>{number(shown.duration_minutes)}</td>
              </tr>
            </tbody>
          </DataTable>
          {shown.roles.trim() && (
            <>
              <h2>{t("formats.roles")}</h2>
              <SanitizedHtml html={shown.roles_html} />
            </>
          )}
          {shown.accessibility.trim() && (
            <>
              <h2>{t("formats.accessibility")}</h2>
              <SanitizedHtml html={shown.accessibility_html} />
            </>
          )}
          {shown.materials.trim() && (
            <>
              <h2>{t("formats.materials")}</h2>
              <SanitizedHtml html={shown.materials_html} />
            </>
          )}
          {shown.questionnaire.length > 0 && (
            <>
              <h2>{t("formats.questionnaire")}</h2>
              <p>{t("formats.questionnaire.intro")}</p>
              <ol>
                {shown.questionnaire.map((q) => (
                  <li key={q.key}>
                    {q.label}{" "}
                    <span className="fr-text--sm">
                      ({t(q.kind === "rating" ? "formats.question.rating" : "formats.question.text")})
                    </span>
                  </li>
                ))}
              </ol>
            </>
          )}
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <section className="od-box" aria-labelledby="format-history">
            <h2 id="format-history" className="fr-h5">
              {t("formats.history")}
            </h2>
            <ol className="od-plain-list">
              {f.versions.map((v) => (
                <li key={v.version} className="fr-mb-2w">
                  {v.version === shown.version ? (
                    <strong aria-current="page">{t("formats.version", { version: v.version })}</strong>
                  ) : (
                    <Link to={v.version === f.latest_version ? paths.format(f.slug) : paths.format(f.slug, v.version)}>
                      {t("formats.version", { version: v.version })}
                    </Link>
                  )}
                  <br />
                  <span className="fr-text--sm">
                    {date(v.published_at)} — <span {...lang}>{v.change_note ?? t("formats.history.first")}</span>
                  </span>
                </li>
              ))}
            </ol>
          </section>
        </div>
      </div>
      <DocumentsSection parent={{ kind: "format", key: f.slug }} />
      <Comparison format={f} />
      <FeedbackByVersion format={f} />
    </>
  );
}

/** Pick two versions; see what changed, word by word. */
function Comparison({ format: f }: { format: Format }) {
  const { t, number } = useI18n();
  const langOf = useLangOf();
  const numbers = f.versions.map((v) => v.version).sort((a, b) => a - b);
  const [draft, setDraft] = useState({ from: Math.max(1, f.latest_version - 1), to: f.latest_version });
  const [asked, setAsked] = useState<{ from: number; to: number } | null>(null);
  const q = useQuery({
    queryKey: formatKeys.compare(f.slug, asked?.from ?? 0, asked?.to ?? 0),
    queryFn: () => compareVersions(f.slug, asked!.from, asked!.to),
    enabled: asked != null,
  });
  return (
    <section className="fr-mt-6w" aria-labelledby="format-compare">
      <h2 id="format-compare">{t("formats.compare")}</h2>
      {numbers.length < 2 ? (
        <p>{t("formats.compare.needTwo")}</p>
      ) : (
        <>
          <form
            className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom"
            onSubmit={(e) => {
              e.preventDefault();
              setAsked(draft);
            }}
          >
            {(["from", "to"] as const).map((end) => (
              <div key={end} className="fr-col-12 fr-col-md-4">
                <Select
                  label={t(end === "from" ? "formats.compare.from" : "formats.compare.to")}
                  nativeSelectProps={{
                    name: end,
                    value: String(draft[end]),
                    onChange: (e) => setDraft((d) => ({ ...d, [end]: Number(e.target.value) })),
                  }}
                >
                  {numbers.map((n) => (
                    <option key={n} value={n}>
                      {t("formats.version", { version: n })}
                    </option>
                  ))}
                </Select>
              </div>
            ))}
            <div className="fr-col-12 fr-col-md-4">
              <Button type="submit">{t("formats.compare.submit")}</Button>
            </div>
          </form>
          {asked && (
            <div aria-live="polite" className="fr-mt-3w">
              <QueryState query={q}>
                {(d) => (
                  <>
                    <p data-testid="compare-summary">
                      {t("formats.compare.summary", {
                        from: d.from.version,
                        to: d.to.version,
                        inserted: number(d.words_inserted),
                        deleted: number(d.words_deleted),
                      })}
                    </p>
                    {d.words_inserted + d.words_deleted === 0 ? (
                      <p>{t("formats.compare.same")}</p>
                    ) : (
                      <>
                        <p className="fr-text--sm">{t("formats.compare.legend")}</p>
                        <div className="od-diff" {...langOf(f.lang)}>
                          {d.segments.map((s, i) =>
                            s.op === "insert" ? (
                              <ins key={i}>
                                <span className="fr-sr-only">{t("formats.compare.inserted")} </span>
                                {s.text}
                              </ins>
                            ) : s.op === "delete" ? (
                              <del key={i}>
                                <span className="fr-sr-only">{t("formats.compare.deleted")} </span>
                                {s.text}
                              </del>
                            ) : (
                              <span key={i}>{s.text}</span>
                            ),
                          )}
                        </div>
                      </>
                    )}
                  </>
                )}
              </QueryState>
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** The format's feedback, version by version: each question's mean and count side by side. */
function FeedbackByVersion({ format: f }: { format: Format }) {
  const { t, number } = useI18n();
  const q = useQuery({ queryKey: feedbackKeys.format(f.slug), queryFn: () => getFormatFeedback(f.slug) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ProblemAlert error={q.error} onRetry={() => void q.refetch()} />;
  const versions = q.data.versions;
  const keys: { key: string; label: string }[] = [];
  for (const v of versions) {
    for (const question of v.results.questions) {
      if (question.kind === "rating" && !keys.some((k) => k.key === question.key))
        keys.push({ key: question.key, label: question.label });
    }
  }
  if (keys.length === 0) return null;
  return (
    <section className="fr-mt-6w" aria-labelledby="format-feedback">
      <h2 id="format-feedback">{t("feedback.byVersion")}</h2>
      <p className="fr-text--sm">{t("feedback.byVersion.intro", { threshold: versions[0].results.threshold })}</p>
      <DataTable caption={t("feedback.byVersion.caption")}>
        <thead>
          <tr>
            <th scope="col">{t("feedback.byVersion.question")}</th>
            {versions.map((v) => (
              <th key={v.version} scope="col">
                {t("feedback.byVersion.version", { version: v.version, forums: number(v.forums_count) })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k.key}>
              <th scope="row">{k.label}</th>
              {versions.map((v) => {
                const r = v.results.questions.find((x) => x.key === k.key);
                return (
                  <td key={v.version}>
                    {!r
                      ? t("feedback.byVersion.notAsked")
                      : r.count == null || r.mean == null
                        ? t("feedback.byVersion.hidden", { threshold: v.results.threshold })
                        : t("feedback.byVersion.cell", { mean: number(r.mean), count: number(r.count) })}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </DataTable>
    </section>
  );
}
