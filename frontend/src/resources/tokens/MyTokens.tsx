// The account page's "API tokens" section: one's personal tokens, a form to create one, and the
// secret shown once.
import { useState, type FormEvent } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { Role } from "../../api/client";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import { useFieldErrors } from "../../components/forms";
import { useAction } from "../../components/actions";
import { addMessages, useI18n } from "../../i18n";
import { fr as messages } from "./i18n/fr";
import { paths } from "../../app/resources";
import { anyEndpoint } from "../webhooks/queries";
import {
  createMyToken,
  listMyTokens,
  revokeMyToken,
  scopesFor,
  tokenKeys,
  type CreatedToken,
  type Scope,
} from "./queries";
import { CreatedTokenNotice, endOfDay, tokenFields, TokenTable } from "./parts";

// The section's French text comes with the account page's chunk.
addMessages("fr", messages);

export function MyTokens({ role }: { role: Role }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const tokens = useQuery({ queryKey: tokenKeys.mine, queryFn: listMyTokens });
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<Scope[]>(["read"]);
  const [expires, setExpires] = useState("");
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const create = useAction({
    mutationFn: () => createMyToken({ name: name.trim(), scopes, expires_at: endOfDay(expires) }),
    onSuccess: async (token) => {
      setCreated(token);
      setName("");
      setExpires("");
      await qc.invalidateQueries({ queryKey: tokenKeys.mine });
    },
    done: "tokens.createdTitle",
    focus: "new-token",
  });
  const fields = useFieldErrors(create.error);
  // Built before the error summary, which links to the fields it names.
  const inputs = tokenFields({
    t,
    fields,
    allowed: scopesFor(role),
    name,
    setName,
    scopes,
    setScopes,
    expires,
    setExpires,
  });
  const form = (
    <>
      {create.isError && <ProblemAlert error={create.error} fieldLinks={fields.links} focus />}
      {inputs}
    </>
  );
  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate();
  }
  return (
    <section id="jetons" aria-labelledby="tokens-heading" className="od-box fr-mb-4w">
      <h2 id="tokens-heading" className="fr-h5" tabIndex={-1}>
        {t("tokens.title")}
      </h2>
      <p className="fr-text--sm">
        {t("tokens.intro")}{" "}
        <a className="fr-link" href="/api/docs/" lang="en">
          {t("tokens.docs")}
        </a>
      </p>
      <AppsWebhooksLink />
      {created && <CreatedTokenNotice created={created} />}
      <QueryState query={tokens} isEmpty={(d) => d.items.length === 0} empty={t("tokens.empty")}>
        {(d) => (
          <TokenTable
            caption={t("tokens.caption")}
            tokens={d.items}
            revoke={revokeMyToken}
            onRevoked={() => qc.invalidateQueries({ queryKey: tokenKeys.mine })}
          />
        )}
      </QueryState>
      <form onSubmit={submit} aria-labelledby="tokens-new" noValidate className="fr-mt-3w">
        <h3 id="tokens-new" className="fr-h6">
          {t("tokens.new")}
        </h3>
        {form}
        <Button type="submit" disabled={create.isPending || !name.trim() || scopes.length === 0}>
          {create.isPending ? t("common.saving") : t("tokens.create")}
        </Button>
      </form>
    </section>
  );
}

/** For an account whose apps have registered webhook endpoints: the way to their page. */
function AppsWebhooksLink() {
  const { t } = useI18n();
  const mine = useQuery({ queryKey: ["webhooks", "mine", "any"], queryFn: anyEndpoint });
  if (!mine.data?.items.length) return null;
  return (
    <p className="fr-text--sm">
      <Link className="fr-link fr-icon-send-plane-line fr-link--icon-left" to={paths.myWebhooks()}>
        {t("tokens.webhooks")}
      </Link>
    </p>
  );
}
