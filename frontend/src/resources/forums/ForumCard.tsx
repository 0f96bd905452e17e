import { Card } from "@codegouvfr/react-dsfr/Card";
import type { Forum } from "../../api/client";
import { useI18n } from "../../i18n";
import { ForumStatusBadge } from "../../components/StatusBadge";
import { useLangOf } from "../../components/lang";
import { paths } from "../../app/resources";

export function ForumCard({ forum, headingLevel = "h3" }: { forum: Forum; headingLevel?: "h2" | "h3" }) {
  const { t, range } = useI18n();
  const langOf = useLangOf();
  const place = [forum.location, forum.online_url ? t("forums.online") : null].filter(Boolean).join(" · ");
  return (
    <Card
      title={<span {...langOf(forum.lang)}>{forum.title}</span>}
      titleAs={headingLevel}
      linkProps={{ to: paths.forum(forum.slug) }}
      enlargeLink
      size="medium"
      start={
        <ul className="fr-badges-group">
          <li>
            <ForumStatusBadge status={forum.status} />
          </li>
        </ul>
      }
      detail={<span {...langOf(forum.lang)}>{forum.theme}</span>}
      desc={
        <>
          <time dateTime={forum.starts_at}>{range(forum.starts_at, forum.ends_at)}</time>
          {place && (
            <>
              <br />
              {place}
            </>
          )}
        </>
      }
    />
  );
}
