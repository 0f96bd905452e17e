import { Card } from "@codegouvfr/react-dsfr/Card";
import type { Forum } from "../api/client";
import { useI18n } from "../i18n";
import { ForumStatusBadge } from "./StatusBadge";

export function ForumCard({ forum, headingLevel = "h3" }: { forum: Forum; headingLevel?: "h2" | "h3" }) {
  const { t, range } = useI18n();
  const place = [forum.location, forum.online_url ? t("forums.online") : null].filter(Boolean).join(" · ");
  return (
    <Card
      title={forum.title}
      titleAs={headingLevel}
      linkProps={{ to: `/forums/${forum.slug}` }}
      enlargeLink
      size="medium"
      start={
        <ul className="fr-badges-group">
          <li>
            <ForumStatusBadge status={forum.status} />
          </li>
        </ul>
      }
      detail={forum.theme}
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
