// The warning shown two minutes before a session ends (RGAA 13.1): a modal dialog that says when,
// with "stay signed in" focused first. Staying asks the API for a new token and gives the focus
// back to where it was; the outcome is said in the status region. Closing the dialog (Escape)
// leaves the session to end at its time, as the page then says. Loaded only when shown.
import { useEffect, useRef, useState } from "react";
import { addMessages, useI18n } from "../i18n";
import { announce, announceError } from "../components/announce";
import { useErrorText } from "../components/QueryState";
import { useSession } from "./session";
import { fr } from "./i18n/expiry.fr";

addMessages("fr", fr);

export default function SessionExpiry() {
  const { expiresAt, extend, signOut } = useSession();
  const { t, locale } = useI18n();
  const errorText = useErrorText();
  const dialog = useRef<HTMLDialogElement>(null);
  const stayButton = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  // Opened as a modal once on the page; focus goes back to where it was when it closes.
  useEffect(() => {
    const el = dialog.current;
    if (!el || el.open) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    el.showModal();
    stayButton.current?.focus();
    return () => {
      if (el.open) el.close();
      if (before?.isConnected) before.focus();
    };
  }, []);

  const time = (iso: string) => new Intl.DateTimeFormat(locale, { timeStyle: "short" }).format(new Date(iso));

  const stay = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const session = await extend();
      announce({ key: "session.extended", vars: { time: time(session.expires_at) } });
    } catch (error) {
      setFailure(error);
      announceError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      className="od-dialog"
      aria-labelledby="od-session-title"
      aria-describedby="od-session-body"
      data-testid="session-expiry"
    >
      <h2 id="od-session-title" className="fr-h4">
        {t("session.expiring.title")}
      </h2>
      <p id="od-session-body">{expiresAt && t("session.expiring.body", { time: time(expiresAt) })}</p>
      {failure !== null && <p className="fr-error-text fr-mt-0 fr-mb-2w">{errorText(failure)}</p>}
      <ul className="fr-btns-group fr-btns-group--inline-sm">
        <li>
          <button type="button" className="fr-btn" ref={stayButton} disabled={busy} onClick={() => void stay()}>
            {t("session.expiring.extend")}
          </button>
        </li>
        <li>
          <button type="button" className="fr-btn fr-btn--secondary" onClick={signOut}>
            {t("session.expiring.signOut")}
          </button>
        </li>
      </ul>
    </dialog>
  );
}
