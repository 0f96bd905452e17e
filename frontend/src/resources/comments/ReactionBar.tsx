// A comment's reactions ("utile", agree, disagree): counts, and the toggles of other members.
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { Comment } from "../../api/client";
import { setReaction, type Stance } from "./queries";
import { useI18n } from "../../i18n";
import { ProblemAlert } from "../../components/QueryState";
import { useAction } from "../../components/actions";

/** A change of reaction, and the toggle it came from (its id, its label, pressed or not once done). */
type Next = { useful: boolean; stance: Stance | null; id: string; label: string; pressed: boolean };

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
  // Each toggle is disabled while a change is sent: the focus comes back to the one pressed, and
  // the status region says what the reader's reaction is now.
  const react = useAction({
    mutationFn: ({ useful, stance }: Next) => setReaction(c.id, useful, stance),
    onSuccess: onChanged,
    done: (_, next) =>
      next.pressed
        ? { key: "reactions.done.on", vars: { label: next.label } }
        : { key: "reactions.done.off", vars: { label: next.label } },
    focus: (_, next) => next.id,
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
  const toggle = (
    kind: "useful" | Stance,
    pressed: boolean,
    next: { useful: boolean; stance: Stance | null },
    n: number,
  ) => {
    const label = t(`reactions.${kind}`);
    const id = `comment-${c.id}-react-${kind}`;
    return (
      <li>
        <Button
          priority="tertiary"
          size="small"
          disabled={react.isPending}
          onClick={() => react.mutate({ ...next, id, label, pressed: !pressed })}
          nativeButtonProps={{ id, "aria-pressed": pressed }}
        >
          {label} ({number(n)})
        </Button>
      </li>
    );
  };
  return (
    <div className="od-reactions">
      {react.isError && <ProblemAlert error={react.error} />}
      <ul className="fr-btns-group fr-btns-group--inline-sm" aria-label={t("reactions.label")}>
        {toggle("useful", useful, { useful: !useful, stance }, c.reactions.useful)}
        {toggle(
          "agree",
          stance === "agree",
          { useful, stance: stance === "agree" ? null : "agree" },
          c.reactions.agree,
        )}
        {toggle(
          "disagree",
          stance === "disagree",
          { useful, stance: stance === "disagree" ? null : "disagree" },
          c.reactions.disagree,
        )}
      </ul>
    </div>
  );
}
