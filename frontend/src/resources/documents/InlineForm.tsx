import type { FormEvent, ReactNode } from "react";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { ProblemAlert } from "../../components/QueryState";
import { useI18n } from "../../i18n";

/**
 * The frame a document item's two inline forms share (changing the document, sending its next
 * file version): a box titled for the screen reader's form list, the problem when saving
 * failed (its field links lead to the fields), the fields, then the form's own submit button
 * and « Annuler ».
 */
export function InlineForm({
  titleId,
  title,
  error,
  fieldLinks,
  pending,
  onSubmit,
  onCancel,
  submit,
  children,
}: {
  titleId: string;
  title: string;
  error: unknown;
  fieldLinks: Record<string, { id: string; label: string }>;
  pending: boolean;
  onSubmit: () => void;
  onCancel: () => void;
  submit: ReactNode;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <form
      className="od-box fr-mt-2w"
      aria-labelledby={titleId}
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <p id={titleId} className="fr-text--bold fr-mb-2w" tabIndex={-1}>
        {title}
      </p>
      {error != null && <ProblemAlert error={error} fieldLinks={fieldLinks} focus />}
      {children}
      <ul className="fr-btns-group fr-btns-group--inline-sm">
        <li>{submit}</li>
        <li>
          <Button type="button" priority="secondary" disabled={pending} onClick={onCancel}>
            {t("common.cancel")}
          </Button>
        </li>
      </ul>
    </form>
  );
}
