// "Suivre" on a subject's page (signed-in members only): new comments, progress, answers and
// changes to it then come as notifications. A toggle button (aria-pressed), with the number of
// members who follow.
import { useId } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useSession } from "../../auth/session";
import { follow, followState, notificationKeys, unfollow, type FollowState } from "./queries";
import type { SubjectKind } from "../../subjects";
import { useI18n } from "../../i18n";
import { useAction } from "../../components/actions";

export function FollowButton({ kind, subjectKey }: { kind: SubjectKind; subjectKey: string }) {
  const { user } = useSession();
  if (!user) return null;
  return <Toggle kind={kind} subjectKey={subjectKey} />;
}

function Toggle({ kind, subjectKey }: { kind: SubjectKind; subjectKey: string }) {
  const { t, number } = useI18n();
  const qc = useQueryClient();
  const key = notificationKeys.follow(kind, subjectKey);
  const state = useQuery({ queryKey: key, queryFn: () => followState(kind, subjectKey) });
  const id = useId();
  // Said in the status region; the focus stays on the button (disabled while the change is sent).
  const change = useAction({
    mutationFn: (on: boolean) => (on ? follow(kind, subjectKey) : unfollow(kind, subjectKey)),
    onSuccess: (s: FollowState) => {
      qc.setQueryData(key, s);
      void qc.invalidateQueries({ queryKey: notificationKeys.follows });
    },
    done: (s) => (s.following ? "follow.done.on" : "follow.done.off"),
    focus: id,
  });
  // Nothing to offer until the state is known (a failed read leaves the page as it was).
  if (!state.data) return null;
  const following = state.data.following;
  return (
    <div className="od-follow">
      <Button
        priority={following ? "secondary" : "tertiary"}
        iconPosition="left"
        iconId={following ? "fr-icon-notification-3-fill" : "fr-icon-notification-3-line"}
        disabled={change.isPending}
        nativeButtonProps={{ id, "aria-pressed": following, "data-testid": "follow" }}
        onClick={() => change.mutate(!following)}
      >
        {following ? t("follow.following") : t("follow.follow")}
      </Button>
      {/* Not a live region: the outcome (or the failure) is said in the page's status region. */}
      <p className="fr-text--xs fr-mb-0 fr-mt-1v">
        {t("follow.followers", { count: number(state.data.followers) })}
        {change.isError && <span className="fr-error-text fr-mt-0">{t("follow.failed")}</span>}
      </p>
    </div>
  );
}
