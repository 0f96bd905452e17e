// A confirmation before an action that cannot be taken back: a modal <dialog> (focus kept inside,
// Escape closes it), with the consequences spelled out and the action's own name on its button.
import { useEffect, useId, useRef, type ReactNode } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useI18n } from "../i18n";

export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) {
      d.showModal?.();
      // React's autoFocus focuses on mount, not when the dialog opens: the safe choice is
      // focused here.
      d.querySelector<HTMLButtonElement>("[data-safe-choice]")?.focus();
    }
    if (!props.open && d.open) d.close();
  }, [props.open]);
  return (
    <dialog ref={ref} className="od-dialog" aria-labelledby={titleId} onClose={props.onClose} onCancel={props.onClose}>
      <h2 id={titleId} className="fr-h4">
        {props.title}
      </h2>
      <div className="fr-mb-3w">{props.children}</div>
      <ul className="fr-btns-group fr-btns-group--inline-sm">
        <li>
          <Button priority="primary" className="od-danger" onClick={props.onConfirm} disabled={props.busy}>
            {props.busy ? t("common.saving") : props.confirmLabel}
          </Button>
        </li>
        <li>
          {/* The safe choice takes the focus first (the dialog gives it back to its opener on close). */}
          <Button
            priority="secondary"
            onClick={props.onClose}
            disabled={props.busy}
            nativeButtonProps={{ "data-safe-choice": true }}
          >
            {t("common.cancel")}
          </Button>
        </li>
      </ul>
    </dialog>
  );
}
