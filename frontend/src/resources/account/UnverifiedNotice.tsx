// For a signed-in account whose address is not confirmed yet: what to do, and a button that
// mails the link again.
import { useMutation } from "@tanstack/react-query";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { resendVerification } from "./queries";
import { useSession } from "../../auth/session";
import { useI18n } from "../../i18n";
import { useErrorText } from "../../components/QueryState";

export function UnverifiedNotice({ className }: { className?: string }) {
  const { t } = useI18n();
  const { user } = useSession();
  const errorText = useErrorText();
  const resend = useMutation({ mutationFn: resendVerification });
  if (!user || user.email_verified) return null;
  return (
    <Alert
      severity="info"
      small
      className={className ?? "fr-mb-3w"}
      description={
        <>
          <span>{t("account.unverified", { email: user.email })}</span>{" "}
          {resend.isSuccess ? (
            <span role="status">{t("account.resent")}</span>
          ) : (
            <Button
              size="small"
              priority="secondary"
              className="fr-mt-1w"
              disabled={resend.isPending}
              onClick={() => resend.mutate()}
            >
              {resend.isPending ? t("common.loading") : t("account.resend")}
            </Button>
          )}
          {resend.isError && (
            <span role="alert" className="fr-error-text">
              {errorText(resend.error)}
            </span>
          )}
        </>
      }
    />
  );
}
