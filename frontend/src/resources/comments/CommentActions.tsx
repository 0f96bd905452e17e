// The buttons under a comment: reply, edit, delete, report; hide or restore for moderators.
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useI18n } from "../../i18n";

export function CommentActions(p: {
  /** Each button's id is this and its action ("-edit"): focus comes back to it when its form closes. */
  idPrefix: string;
  canReport: boolean;
  onReport: () => void;
  canReply: boolean;
  canChange: boolean;
  canDelete: boolean;
  moderator: boolean;
  hidden: boolean;
  replying: boolean;
  busy: boolean;
  onReply: () => void;
  onEdit: () => void;
  onDelete: () => void;
  onHide: () => void;
  onUnhide: () => void;
}) {
  const { t } = useI18n();
  if (!p.canReply && !p.canChange && !p.canDelete && !p.moderator && !p.canReport) return null;
  return (
    <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left od-comment__actions">
      {p.canReply && (
        <li>
          <Button
            priority="tertiary"
            size="small"
            iconPosition="left"
            iconId="fr-icon-reply-line"
            onClick={p.onReply}
            nativeButtonProps={{ id: `${p.idPrefix}-reply`, "aria-expanded": p.replying }}
          >
            {t("discussion.reply")}
          </Button>
        </li>
      )}
      {p.canChange && (
        <li>
          <Button
            priority="tertiary"
            size="small"
            iconPosition="left"
            iconId="fr-icon-edit-line"
            onClick={p.onEdit}
            nativeButtonProps={{ id: `${p.idPrefix}-edit` }}
          >
            {t("discussion.edit")}
          </Button>
        </li>
      )}
      {p.canDelete && (
        <li>
          <Button
            priority="tertiary"
            size="small"
            iconPosition="left"
            iconId="fr-icon-delete-line"
            onClick={p.onDelete}
            nativeButtonProps={{ id: `${p.idPrefix}-delete` }}
          >
            {t("discussion.delete")}
          </Button>
        </li>
      )}
      {p.canReport && (
        <li>
          <Button
            priority="tertiary"
            size="small"
            iconPosition="left"
            iconId="fr-icon-flag-line"
            onClick={p.onReport}
            nativeButtonProps={{ id: `${p.idPrefix}-report` }}
          >
            {t("report.action")}
          </Button>
        </li>
      )}
      {p.moderator &&
        (p.hidden ? (
          <li>
            <Button
              priority="tertiary"
              size="small"
              iconPosition="left"
              iconId="fr-icon-eye-line"
              onClick={p.onUnhide}
              disabled={p.busy}
            >
              {t("discussion.unhide")}
            </Button>
          </li>
        ) : (
          <li>
            <Button
              priority="tertiary"
              size="small"
              iconPosition="left"
              iconId="fr-icon-eye-off-line"
              onClick={p.onHide}
              nativeButtonProps={{ id: `${p.idPrefix}-hide` }}
            >
              {t("discussion.hide")}
            </Button>
          </li>
        ))}
    </ul>
  );
}
