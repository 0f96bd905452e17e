// Loading, empty and error states shared by every page.
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { ApiError } from "../api/errors";
import { catalogues, useI18n, type MessageKey } from "../i18n";
import { localizeFieldError } from "./forms";

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <p role="status" className="od-loading">
      <span className="fr-icon-refresh-line fr-mr-1w" aria-hidden="true" />
      {label ?? t("common.loading")}
    </p>
  );
}

/** The catalogue key of a problem's code, when it is one the API documents. */
export function errorKey(code: string): MessageKey | null {
  const key = `error.${code}`;
  return key in catalogues.fr ? (key as MessageKey) : null;
}

/** The text to show for an error: what its code means, in the reader's language (the API's
 *  English `detail` only for a code this app does not know). */
export function useErrorText() {
  const { t } = useI18n();
  return (error: unknown): string => {
    if (error instanceof ApiError) {
      const key = errorKey(error.code);
      if (key) return t(key);
      if (error.detail) return error.detail;
      if (error.status === 0) return t("common.networkError");
      return error.title || t("common.httpError", { status: error.status });
    }
    return error instanceof Error && error.message ? error.message : t("common.errorTitle");
  };
}

export function ProblemAlert({
  error,
  onRetry,
  titleKey,
}: {
  error: unknown;
  onRetry?: () => void;
  titleKey?: MessageKey;
}) {
  const { t } = useI18n();
  const text = useErrorText()(error);
  const fields = error instanceof ApiError ? error.fieldErrors : [];
  return (
    <Alert
      severity="error"
      className="fr-mb-4w"
      title={t(titleKey ?? "common.errorTitle")}
      role="alert"
      description={
        <>
          <span>{text}</span>
          {fields.length > 0 && (
            <>
              <span className="fr-sr-only"> {t("common.fieldErrors")}</span>
              <ul>
                {fields.map((f) => (
                  <li key={f.field + f.code}>
                    {t("common.labelled", { label: f.field, value: localizeFieldError(t, f) })}
                  </li>
                ))}
              </ul>
            </>
          )}
          {onRetry && (
            <Button priority="secondary" size="small" className="fr-mt-2w" onClick={onRetry}>
              {t("common.retry")}
            </Button>
          )}
        </>
      }
    />
  );
}

export function Empty({ children }: { children: string }) {
  return <p className="fr-text--lg od-empty">{children}</p>;
}

/** "Load more" for keyset-paged lists. */
export function LoadMore({
  hasMore,
  loading,
  onClick,
  label,
}: {
  hasMore: boolean;
  loading: boolean;
  onClick: () => void;
  label: string;
}) {
  const { t } = useI18n();
  if (!hasMore) return null;
  return (
    <div className="fr-mt-4w od-center">
      <Button
        priority="secondary"
        onClick={onClick}
        disabled={loading}
        iconPosition="left"
        iconId="fr-icon-arrow-down-line"
      >
        {loading ? t("common.loading") : label}
      </Button>
    </div>
  );
}
