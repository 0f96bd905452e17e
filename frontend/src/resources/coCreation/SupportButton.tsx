// Supporting a proposal: how many members do, and for a signed-in member « Soutenir » or « Retirer
// mon soutien ». The change is said in the page's status region with the new count; the keyboard
// stays on the button.
import { useId } from "react";
import { Link, useLocation } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import "./messages";
import { coCreationKeys, support, withdrawSupport, type Proposal } from "./queries";
import { useSession } from "../../auth/session";
import { useAction } from "../../components/actions";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";

/** `open`: whether new supports are taken (the plan is in preparation, the proposal not merged). */
export function SupportButton({ proposal: p, open }: { proposal: Proposal; open: boolean }) {
  const { t, number } = useI18n();
  const { user } = useSession();
  const location = useLocation();
  const qc = useQueryClient();
  const id = useId();
  const change = useAction({
    mutationFn: (on: boolean) => (on ? support(p.id) : withdrawSupport(p.id)),
    onSuccess: async (s) => {
      qc.setQueryData<Proposal>(coCreationKeys.proposal(p.id), (old) =>
        old ? { ...old, support_count: s.support_count, supported: s.supported } : old,
      );
      // The lists and the counts elsewhere show it too.
      await qc.invalidateQueries({ queryKey: coCreationKeys.all, refetchType: "none" });
    },
    done: (s) => ({
      key: s.supported ? "support.done.on" : "support.done.off",
      vars: { count: number(s.support_count) },
    }),
    focus: id,
  });
  const supported = p.supported === true;
  return (
    <div className="od-box fr-mb-3w">
      <p className="fr-text--lg fr-text--bold fr-mb-1w" data-testid="support-count">
        {t("support.count", { count: number(p.support_count) })}
      </p>
      {!user
        ? open && (
            <p className="fr-mb-0">
              <Link to={paths.signIn()} state={{ from: location.pathname }}>
                {t("support.signIn")}
              </Link>
            </p>
          )
        : (open || supported) && (
            <Button
              priority={supported ? "secondary" : "primary"}
              iconPosition="left"
              iconId={supported ? "fr-icon-close-line" : "fr-icon-thumb-up-line"}
              disabled={change.isPending}
              nativeButtonProps={{ id }}
              onClick={() => change.mutate(!supported)}
            >
              {supported ? t("support.withdraw") : t("support.support")}
            </Button>
          )}
    </div>
  );
}
