// On a commitment's page: the proposals of a co-creation it came from (« Issu de 2 propositions
// de la concertation »), each a link to its page. Nothing when it came from none.
import { Link } from "react-router";
import type { Commitment } from "../../api/client";
import { addMessages, useI18n } from "../../i18n";
import { fr } from "./i18n/origin.fr";
import { paths } from "../../app/resources";

// Its French text comes with the commitment's page, not with the home page.
addMessages("fr", fr);

export function FromProposals({ proposals }: { proposals: Commitment["from_proposals"] }) {
  const { t, locale, number } = useI18n();
  const count = proposals.length;
  if (count === 0) return null;
  const one = new Intl.PluralRules(locale).select(count) === "one";
  return (
    <section className="fr-mt-4w fr-mb-4w" aria-labelledby="from-proposals-title">
      <h2 id="from-proposals-title">{t(one ? "fromProposals.one" : "fromProposals.many", { count: number(count) })}</h2>
      <ul>
        {proposals.map((p) => (
          <li key={p.id}>
            <Link to={paths.proposal(p.id)}>{p.title}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
