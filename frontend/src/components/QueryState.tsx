// Loading, empty and error states shared by every page.
import { useEffect, useRef, type ReactNode } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { ApiError, type ErrorCode } from "../api/errors";
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
 *  English `detail` only for a code this app does not know); `wording` words some codes as the
 *  page means them (a 401 on sign-in is a wrong email or password). */
export function useErrorText() {
  const { t } = useI18n();
  return (error: unknown, wording?: Partial<Record<ErrorCode, MessageKey>>): string => {
    if (error instanceof ApiError) {
      const key = wording?.[error.code as ErrorCode] ?? errorKey(error.code);
      if (key) return t(key);
      if (error.detail) return error.detail;
      if (error.status === 0) return t("common.networkError");
      return error.title || t("common.httpError", { status: error.status });
    }
    return error instanceof Error && error.message ? error.message : t("common.errorTitle");
  };
}

/** The errors already said in the status region (the failed actions: ./announce.tsx). Their
 *  alert shows the summary without being a live region too: it would be read twice. */
const said = new WeakSet<object>();
export const markSaid = (error: unknown) => error instanceof Object && said.add(error);

/** A problem, in the reader's language, with its field errors (linked to their fields when the
 *  form names them: `fieldLinks`) and a retry button when asking again may help. After an action
 *  (`focus`), the keyboard focus moves to it: the message that says what happened. */
export function ProblemAlert({
  error,
  onRetry,
  titleKey,
  fieldLinks,
  wording,
  focus,
}: {
  error: unknown;
  onRetry?: () => void;
  titleKey?: MessageKey;
  fieldLinks?: Record<string, { id: string; label: string }>;
  wording?: Partial<Record<ErrorCode, MessageKey>>;
  focus?: boolean;
}) {
  const { t } = useI18n();
  const text = useErrorText()(error, wording);
  const fields = error instanceof ApiError ? error.fieldErrors : [];
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus, error]);
  const alert = (
    <Alert
      severity="error"
      className="fr-mb-4w"
      title={t(titleKey ?? "common.errorTitle")}
      role={error instanceof Object && said.has(error) ? undefined : "alert"}
      description={
        <>
          <span>{text}</span>
          {fields.length > 0 && (
            <>
              <span className="fr-sr-only"> {t("common.fieldErrors")}</span>
              <ul>
                {fields.map((f) => {
                  const to = fieldLinks?.[f.field];
                  const message = localizeFieldError(t, f);
                  return (
                    <li key={f.field + f.code}>
                      {to ? (
                        <>
                          <a href={`#${to.id}`}>{to.label}</a> : {message}
                        </>
                      ) : (
                        t("common.labelled", { label: f.field, value: message })
                      )}
                    </li>
                  );
                })}
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
  if (!focus) return alert;
  return (
    <div ref={ref} tabIndex={-1} className="od-problem">
      {alert}
    </div>
  );
}

/** The heading of a page whose record is loading or cannot be shown: loading; "Page introuvable"
 *  when there is no such record (a 404, or an address that cannot name one: no `error`); else
 *  "Une erreur est survenue". */
export function useStateTitle() {
  const { t } = useI18n();
  return (pending: boolean, error: unknown): string =>
    pending
      ? t("common.loading")
      : !error || (error instanceof ApiError && error.status === 404)
        ? t("notFound.title")
        : t("common.errorTitle");
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

/** What `QueryState` reads of a query (TanStack's `useQuery` and `useInfiniteQuery` results). */
type QueryLike<T> = {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
  refetch: () => unknown;
};

/** The one way a page shows a query: loading, its problem (translated, with a retry button), an
 *  empty state when `isEmpty` says so, else `children` with the data. */
export function QueryState<T>(props: {
  query: QueryLike<T>;
  /** What to show with the data (nothing: the caller shows it, e.g. after an early return). */
  children?: (data: T) => ReactNode;
  isEmpty?: (data: T) => boolean;
  /** Shown when the data is empty: a sentence (in the DSFR's lead style) or an element. */
  empty?: ReactNode;
  loadingLabel?: string;
  /** `false` where asking again cannot help. */
  retry?: boolean;
}) {
  const { query, retry = true } = props;
  if (query.isPending) return <Loading label={props.loadingLabel} />;
  if (query.isError || query.data === undefined) {
    return <ProblemAlert error={query.error} onRetry={retry ? () => void query.refetch() : undefined} />;
  }
  if (props.isEmpty?.(query.data)) {
    return typeof props.empty === "string" ? <Empty>{props.empty}</Empty> : (props.empty ?? null);
  }
  return <>{props.children?.(query.data)}</>;
}
