// What a comment's "Supprimer" and "Masquer" open in place: the question (its safe choice, keep
// the comment, comes first and takes the focus) and the moderator's reason for hiding it.
import { useState } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useI18n } from "../../i18n";

export function DeleteConfirm(p: { busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <div className="od-confirm" role="group" aria-label={t("discussion.confirmDelete")}>
      <p className="fr-mb-1w">{t("discussion.confirmDelete")}</p>
      {/* The safe choice comes first and takes the focus: Enter pressed by habit keeps the
          comment, and Tab goes on to the other choice (after it, not before: a screen reader
          that lands on "Annuler" meets "Confirmer la suppression" next, inside the question). */}
      <ul className="fr-btns-group fr-btns-group--inline-sm">
        <li>
          <Button priority="secondary" onClick={p.onCancel} nativeButtonProps={{ autoFocus: true }}>
            {t("common.cancel")}
          </Button>
        </li>
        <li>
          <Button iconPosition="left" iconId="fr-icon-delete-line" disabled={p.busy} onClick={p.onConfirm}>
            {t("discussion.confirm")}
          </Button>
        </li>
      </ul>
    </div>
  );
}

export function HideForm(p: { busy: boolean; onHide: (reason: string | null) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState("");
  return (
    <form
      className="od-confirm"
      onSubmit={(e) => {
        e.preventDefault();
        p.onHide(reason.trim() || null);
      }}
    >
      <Input
        label={t("discussion.hideReason")}
        nativeInputProps={{
          value: reason,
          onChange: (e) => setReason(e.target.value),
          autoFocus: true,
          maxLength: 500,
        }}
      />
      <ul className="fr-btns-group fr-btns-group--inline-sm">
        <li>
          <Button type="submit" iconPosition="left" iconId="fr-icon-eye-off-line" disabled={p.busy}>
            {t("discussion.hideConfirm")}
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={p.onCancel}>
            {t("common.cancel")}
          </Button>
        </li>
      </ul>
    </form>
  );
}
