// An Atom feed of what a page shows (its comments, a commitment's progress, an institution's
// answers, the forums): announced in the document's head, where feed readers and browsers look
// for it (React places a rendered <link> there), and offered as a link people can copy into
// their reader.
import { addMessages, useI18n } from "../i18n";
import { fr } from "./i18n/feed.fr";

// Its French text comes with the pages that show a feed, not with the home page.
addMessages("fr", fr);

/** The API's address of a feed, from its path under /api/v1 (e.g. `/forums.atom`). */
export const feedUrl = (path: string) => `/api/v1${path}`;

export type FeedKind = "comments" | "progress" | "answers" | "forums";

/** `path`: the feed's path under /api/v1; `kind`: what it carries, which names the link. */
export function FeedLink({ path, kind }: { path: string; kind: FeedKind }) {
  const { t } = useI18n();
  const href = feedUrl(path);
  const label = t(`feed.${kind}`);
  return (
    <p className="fr-mb-2w">
      <link rel="alternate" type="application/atom+xml" title={label} href={href} />
      <a className="fr-link fr-icon-rss-line fr-link--icon-left" href={href} type="application/atom+xml">
        {label}
      </a>
    </p>
  );
}
