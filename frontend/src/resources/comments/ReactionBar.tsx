// A comment's reactions ("utile", agree, disagree): counts, and the toggles of other members.
import { useMutation } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { Comment } from "../../api/client";
import { setReaction, type Stance } from "./queries";
import { useI18n } from "../../i18n";
import { ProblemAlert } from "../../components/QueryState";

/** A comment's reactions: counts for everyone; for other members, toggles for "utile" and for
 * agreeing or disagreeing (one of each per person). */
export function ReactionBar({
  comment: c,
  canReact,
  onChanged,
}: {
  comment: Comment;
  canReact: boolean;
  onChanged: () => Promise<unknown>;
}) {
  const { t, number } = useI18n();
  const mine = c.my_reaction ?? null;
  const react = useMutation({
    mutationFn: ({ useful, stance }: { useful: boolean; stance: Stance | null }) => setReaction(c.id, useful, stance),
    onSuccess: onChanged,
  });
  const useful = mine?.useful ?? false;
  const stance = mine?.stance ?? null;
  const counts = t("reactions.counts", {
    useful: number(c.reactions.useful),
    agree: number(c.reactions.agree),
    disagree: number(c.reactions.disagree),
  });
  if (!canReact) {
    return <p className="fr-text--xs fr-mb-1v od-reactions">{counts}</p>;
  }
  const toggle = (label: string, pressed: boolean, next: { useful: boolean; stance: Stance | null }, n: number) => (
    <li>
      <Button
        priority="tertiary"
        size="small"
        disabled={react.isPending}
        onClick={() => react.mutate(next)}
        nativeButtonProps={{ "aria-pressed": pressed }}
      >
        {label} ({number(n)})
      </Button>
    </li>
  );
  return (
    <div className="od-reactions">
      {react.isError && <ProblemAlert error={react.error} />}
      <ul className="fr-btns-group fr-btns-group--inline-sm" aria-label={t("reactions.label")}>
        {toggle(t("reactions.useful"), useful, { useful: !useful, stance }, c.reactions.useful)}
        {toggle(
          t("reactions.agree"),
          stance === "agree",
          { useful, stance: stance === "agree" ? null : "agree" },
          c.reactions.agree,
        )}
        {toggle(
          t("reactions.disagree"),
          stance === "disagree",
          { useful, stance: stance === "disagree" ? null : "disagree" },
          c.reactions.disagree,
        )}
      </ul>
    </div>
  );
}
