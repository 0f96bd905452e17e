// A comment's text as the reader may see it: a tombstone once deleted; once hidden, the
// moderator's public reason (and, for moderators, the text kept from the public).
import type { Comment } from "../../api/client";
import { useI18n } from "../../i18n";
import { SanitizedHtml } from "../../components/SanitizedHtml";

export function CommentBody({ comment: c }: { comment: Comment }) {
  const { t } = useI18n();
  if (c.state === "deleted") {
    return <p className="od-tombstone">{t("discussion.deleted")}</p>;
  }
  if (c.state === "hidden") {
    return (
      <div className="od-tombstone">
        <p className="fr-mb-1v">{t("discussion.hidden")}</p>
        {c.hidden_reason && <p className="fr-mb-1v">{t("discussion.hiddenReason", { reason: c.hidden_reason })}</p>}
        {c.body !== null && c.body !== undefined && (
          <div className="od-hidden-body">
            <p className="fr-text--sm fr-mb-1v">{t("discussion.hiddenForModerators")}</p>
            {c.body_html ? <SanitizedHtml html={c.body_html} /> : <p>{c.body}</p>}
          </div>
        )}
      </div>
    );
  }
  return c.body_html ? (
    <SanitizedHtml html={c.body_html} className="od-comment__body" />
  ) : (
    <p className="od-comment__body">{c.body}</p>
  );
}
