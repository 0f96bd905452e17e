// The forum's meetings, latest first: when, which forum (its page), held or to come, how many
// attended, the organisations named by those present who agreed, and the minutes once published.
import { Link } from "react-router";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import "./messages";
import type { Meeting } from "./queries";
import { Empty } from "../../components/QueryState";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";

/** Held, cancelled or to come. */
export function MeetingStateBadge({ meeting }: { meeting: Meeting }) {
  const { t } = useI18n();
  if (meeting.held)
    return (
      <Badge small severity="success" as="span">
        {t("meeting.held")}
      </Badge>
    );
  if (meeting.forum.status === "cancelled")
    return (
      <Badge small severity="error" as="span">
        {t("meeting.cancelled")}
      </Badge>
    );
  return (
    <Badge small severity="info" as="span">
      {t("meeting.toCome")}
    </Badge>
  );
}

/** The organisations present (or that none was named) and the attendance, once held. */
export function MeetingRecord({ meeting }: { meeting: Meeting }) {
  const { t, number } = useI18n();
  if (!meeting.held) return null;
  return (
    <>
      <p className="fr-mb-1w">{t("meeting.attendance", { count: number(meeting.attendance ?? 0) })}</p>
      <p className="fr-mb-1w">
        {meeting.organisations_present.length > 0
          ? t("meeting.organisationsList", { list: meeting.organisations_present.join(", ") })
          : t("meeting.noOrganisation")}
      </p>
    </>
  );
}

export function MeetingList({ meetings }: { meetings: Meeting[] }) {
  const { t, range } = useI18n();
  if (meetings.length === 0) return <Empty>{t("meetings.empty")}</Empty>;
  return (
    <ul className="od-plain-list">
      {meetings.map((m) => (
        <li key={m.forum.id} className="od-box fr-mb-2w">
          <h3 className="fr-h6 fr-mb-1w">
            <Link to={paths.forum(m.forum.slug)}>{m.forum.title}</Link>
          </h3>
          <p className="fr-mb-1w">
            <time dateTime={m.forum.starts_at}>{range(m.forum.starts_at, m.forum.ends_at)}</time>{" "}
            <MeetingStateBadge meeting={m} />
          </p>
          <MeetingRecord meeting={m} />
          {m.minutes_published && (
            <Link
              className="fr-link fr-icon-file-text-line fr-link--icon-left"
              to={paths.forum(m.forum.slug, "minutes")}
            >
              {t("meeting.minutes")}
              <span className="fr-sr-only"> — {m.forum.title}</span>
            </Link>
          )}
        </li>
      ))}
    </ul>
  );
}
