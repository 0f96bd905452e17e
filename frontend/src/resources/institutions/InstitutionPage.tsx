// One institution: what it is, the commitments it leads and supports, the action items it owns,
// its officials and how many progress updates it posted.
import { Link, useParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { isAdmin, useSession } from "../../auth/session";
import { getInstitution, institutionKeys } from "./queries";
import { Crumbs } from "../../components/Crumbs";
import { DataTable } from "../../components/DataTable";
import { PageHeading } from "../../components/PageHeading";
import { RecordSection } from "../questions/Questions";
import { QueryState, useStateTitle } from "../../components/QueryState";
import { useCanonicalPath } from "../../components/useCanonicalPath";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";
import { FeedLink } from "../../components/FeedLink";
import { StaleBadge } from "../commitments/Stale";

export default function InstitutionPage() {
  const { slug = "" } = useParams();
  const { t, calendarDate, number } = useI18n();
  const { user } = useSession();
  const q = useQuery({ queryKey: institutionKeys.one(slug), queryFn: () => getInstitution(slug) });
  useCanonicalPath(
    slug,
    q.data && {
      key: q.data.slug,
      path: paths.institution(q.data.slug),
      queryKey: institutionKeys.one(q.data.slug),
      data: q.data,
    },
  );
  const crumbs = [{ label: t("institutions.title"), to: paths.institutions() }];
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
  const i = q.data;
  return (
    <>
      <Crumbs segments={crumbs} current={i.name} />
      <div className="od-title-row">
        <PageHeading title={i.name}>
          <span lang={i.lang}>{i.name}</span>
        </PageHeading>
        {isAdmin(user?.role) && (
          <Button
            priority="secondary"
            iconPosition="left"
            iconId="fr-icon-edit-line"
            linkProps={{ to: paths.editInstitution(i.slug) }}
          >
            {t("institutions.edit")}
          </Button>
        )}
      </div>
      <ul className="fr-badges-group fr-mb-2w">
        <li>
          <Badge small noIcon as="span">
            {t(`institutions.kind.${i.kind}`)}
          </Badge>
        </li>
      </ul>
      <dl className="od-dl od-dl--grid fr-mb-4w">
        {i.acronym && (
          <>
            <dt>{t("institutions.acronym")}</dt>
            <dd>{i.acronym}</dd>
          </>
        )}
        {i.siren && (
          <>
            <dt>{t("institutions.siren")}</dt>
            <dd>{i.siren}</dd>
          </>
        )}
        {i.website && (
          <>
            <dt>{t("institutions.website")}</dt>
            <dd>
              <a href={i.website} rel="noopener noreferrer">
                {i.website}
              </a>
            </dd>
          </>
        )}
        <dt>{t("institutions.officials")}</dt>
        <dd>
          {i.officials.length === 0 ? t("institutions.noOfficials") : i.officials.map((o) => o.display_name).join(", ")}
        </dd>
      </dl>
      <p>{t("institutions.updates", { count: number(i.progress_updates_count) })}</p>
      <RecordSection slug={i.slug} />
      <FeedLink path={`/institutions/${encodeURIComponent(i.slug)}/answers.atom`} kind="answers" />
      <section className="fr-mt-4w" aria-labelledby="inst-commitments">
        <h2 id="inst-commitments">{t("institutions.commitments")}</h2>
        {i.commitments.length === 0 ? (
          <p>{t("institutions.noCommitments")}</p>
        ) : (
          <DataTable caption={t("institutions.commitments.caption")} hideCaption>
            <thead>
              <tr>
                <th scope="col">{t("institutions.commitments")}</th>
                <th scope="col">{t("institutions.commitments.role")}</th>
              </tr>
            </thead>
            <tbody>
              {i.commitments.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={paths.commitment(c.code)}>
                      {c.code} — {c.title}
                    </Link>
                    {c.stale && (
                      <>
                        {" "}
                        <StaleBadge stale />
                      </>
                    )}
                  </td>
                  <td>{t(c.lead ? "institutions.commitments.lead" : "institutions.commitments.support")}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </section>
      <section className="fr-mt-4w" aria-labelledby="inst-actions">
        <h2 id="inst-actions">{t("institutions.actions")}</h2>
        {i.action_items.length === 0 ? (
          <p>{t("institutions.noActions")}</p>
        ) : (
          <ul>
            {i.action_items.map((a) => (
              <li key={a.id}>
                <Link to={paths.actionItem(a.id)}>{a.title}</Link> — {t(`status.action.${a.status}`)} ·{" "}
                <time dateTime={a.due_on}>{calendarDate(a.due_on)}</time>
                {a.overdue && (
                  <>
                    {" "}
                    <Badge small severity="error" as="span">
                      {t("progress.overdue")}
                    </Badge>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
