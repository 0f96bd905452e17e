// One forum: when and where, what it is about, the commitments it works on, its documents (to
// read before it, and what came out of it), its discussion.
import { Link, useParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Tag } from "@codegouvfr/react-dsfr/Tag";
import { canEditContent, useSession } from "../../auth/session";
import { Crumbs } from "../../components/Crumbs";
import { ArchivedNotice } from "../../components/ArchivedNotice";
import { Discussion } from "../comments/Discussion";
import { PageHeading } from "../../components/PageHeading";
import { FollowButton } from "../notifications/FollowButton";
import { QueryState, useStateTitle } from "../../components/QueryState";
import { SanitizedHtml } from "../../components/SanitizedHtml";
import { useCanonicalPath } from "../../components/useCanonicalPath";
import { ForumStatusBadge } from "../../components/StatusBadge";
import { useI18n } from "../../i18n";
import { useLangOf } from "../../components/lang";
import { forumKeys, getForum } from "./queries";
import { RegistrationBox } from "../registrations/Registrations";
import { RegistrantsTable } from "../registrations/RegistrantsTable";
import { forumCalendarUrl } from "../formats/queries";
import { ForumRecord } from "./ForumRecord";
import { ForumFeedbackSection } from "../feedback/Feedback";
import { ForumOrganisersSection } from "./ForumOrganisers";
import { paths } from "../../app/resources";
import { FeedLink } from "../../components/FeedLink";
import { MeetingBadge, MeetingSection } from "../stakeholderForum/MeetingSection";
import { DocumentsSection } from "../documents/Documents";

export default function ForumPage() {
  const { slug = "" } = useParams();
  const { t, range, number, dateTime } = useI18n();
  const langOf = useLangOf();
  const { user } = useSession();
  const q = useQuery({
    queryKey: forumKeys.one(slug),
    queryFn: () => getForum(slug),
  });
  useCanonicalPath(
    slug,
    q.data && { key: q.data.slug, path: paths.forum(q.data.slug), queryKey: forumKeys.one(q.data.slug), data: q.data },
  );

  const stateTitle = useStateTitle();
  if (q.isPending || q.isError) {
    return (
      <>
        <Crumbs segments={[{ label: t("forums.title"), to: paths.forums() }]} current={slug} />
        <PageHeading title={stateTitle(q.isPending, q.error)} />
        <QueryState query={q} />
      </>
    );
  }
  const f = q.data;
  return (
    <>
      <Crumbs segments={[{ label: t("forums.title"), to: paths.forums() }]} current={f.title} />
      <div className="od-title-row">
        <PageHeading title={f.title}>
          <span {...langOf(f.lang)}>{f.title}</span>
        </PageHeading>
        <FollowButton kind="forum" subjectKey={f.slug} />
        {canEditContent(user?.role) && (
          <Button
            priority="secondary"
            iconPosition="left"
            iconId="fr-icon-edit-line"
            linkProps={{ to: paths.editForum(f.slug) }}
          >
            {t("admin.editForum")}
          </Button>
        )}
      </div>
      <ul className="fr-badges-group fr-mb-2w">
        <li>
          <ForumStatusBadge status={f.status} />
        </li>
        <MeetingBadge forum={f} />
      </ul>
      {/* A <div>: the DSFR tag is itself a <p>, which no <p> may contain (RGAA 8.2). */}
      <div className="fr-mb-3w">
        <Tag small>{t("forums.theme.label", { theme: f.theme })}</Tag>
      </div>

      <ArchivedNotice archivedAt={f.archived_at} kind="forum" />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-8">
          <h2>{t("forums.about")}</h2>
          <div {...langOf(f.lang)}>
            <SanitizedHtml html={f.description_html} />
          </div>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <section className="od-box" aria-labelledby="forum-details">
            <h2 id="forum-details" className="fr-h5">
              {t("forums.details")}
            </h2>
            <dl className="od-dl">
              <dt>{t("forums.when")}</dt>
              <dd>
                <time dateTime={f.starts_at}>{range(f.starts_at, f.ends_at)}</time> ({t("forums.timezone")})
              </dd>
              {f.location && (
                <>
                  <dt>{t("forums.where")}</dt>
                  <dd>{f.location}</dd>
                </>
              )}
              {f.online_url && (
                <>
                  <dt>{t("forums.online")}</dt>
                  <dd>
                    <a href={f.online_url} rel="noopener noreferrer" className="fr-link">
                      {t("forums.onlineLink")}
                    </a>
                  </dd>
                </>
              )}
              {f.capacity != null && (
                <>
                  <dt>{t("forums.capacity")}</dt>
                  <dd>
                    {number(f.capacity)}
                    {f.reserved_seats && (
                      <>
                        {" "}
                        {t(`forums.reserved.${f.reserved_seats.category}`, { seats: number(f.reserved_seats.seats) })}
                      </>
                    )}
                    {f.reserved_seats_until && (
                      <>
                        <br />
                        <span className="fr-text--sm">
                          {t(
                            new Date(f.reserved_seats_until) > new Date()
                              ? "forums.reserved.until"
                              : "forums.reserved.released",
                            { date: dateTime(f.reserved_seats_until) },
                          )}
                        </span>
                      </>
                    )}
                  </dd>
                </>
              )}
              {f.cycle && (
                <>
                  <dt>{t("forums.cycle")}</dt>
                  <dd>
                    <Link to={paths.cycle(f.cycle.slug)}>{f.cycle.title}</Link>
                  </dd>
                </>
              )}
              {f.format && (
                <>
                  <dt>{t("forums.format")}</dt>
                  <dd>
                    <Link to={paths.format(f.format.slug, f.format.version)}>
                      {t("forums.formatLink", { name: f.format.name, version: f.format.version })}
                    </Link>
                    {f.format.superseded && <> ({t("forums.formatSuperseded")})</>}
                  </dd>
                </>
              )}
            </dl>
            <a
              className="fr-link fr-icon-calendar-line fr-link--icon-left"
              href={forumCalendarUrl(f.slug)}
              download={`${f.slug}.ics`}
            >
              {t("forums.addToCalendar")}
            </a>
          </section>
          <RegistrationBox forum={f} />
        </div>
      </div>

      <section className="fr-mt-4w" aria-labelledby="forum-commitments">
        <h2 id="forum-commitments">{t("forums.commitments")}</h2>
        {f.commitments.length === 0 ? (
          <p>{t("forums.noCommitments")}</p>
        ) : (
          <ul>
            {f.commitments.map((c) => (
              <li key={c.id}>
                <Link to={paths.commitment(c.code)}>
                  {c.code} — {c.title}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <DocumentsSection parent={{ kind: "forum", key: f.slug }} closed={!!f.archived_at} />

      <ForumOrganisersSection forum={f} />

      <MeetingSection forum={f} />

      <ForumRecord forum={f} />
      <ForumFeedbackSection forum={f} />

      <RegistrantsTable forum={f} />

      {/* The discussion's section carries the "#discussion" anchor itself (ids are unique, RGAA 8.2). */}
      <FeedLink path={`/forums/${encodeURIComponent(f.slug)}/comments.atom`} kind="comments" />
      <Discussion target={{ kind: "forum", id: f.slug }} closed={!!f.archived_at} />
    </>
  );
}
