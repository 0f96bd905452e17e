// Admins: tokens issued to organisations' apps — issue one (the secret shown once), list them with
// their last use, revoke.
import { useState, type FormEvent } from "react";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Crumbs } from "../../components/Crumbs";
import { PageHeading } from "../../components/PageHeading";
import { LoadMore, ProblemAlert, QueryState } from "../../components/QueryState";
import { useFieldErrors } from "../../components/forms";
import { useAction } from "../../components/actions";
import { addMessages, useI18n } from "../../i18n";
import { paths } from "../../app/resources";
import { fr as messages } from "./i18n/fr";
import { createAppToken, listAppTokens, revokeAppToken, tokenKeys, type CreatedToken, type Scope } from "./queries";
import { CreatedTokenNotice, endOfDay, tokenFields, TokenTable } from "./parts";
import { OwnerPicker } from "./OwnerPicker";

addMessages("fr", messages);

const ALL_SCOPES: Scope[] = [
  "read",
  "comment",
  "register",
  "follow",
  "content",
  "respond",
  "moderate",
  "admin",
  "webhooks",
];

export function AppTokensPage() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const query = useInfiniteQuery({
    queryKey: tokenKeys.apps,
    queryFn: ({ pageParam }) => listAppTokens(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const tokens = query.data?.pages.flatMap((p) => p.items) ?? [];
  const [name, setName] = useState("");
  const [contact, setContact] = useState("");
  const [owner, setOwner] = useState("");
  const [scopes, setScopes] = useState<Scope[]>(["read"]);
  const [expires, setExpires] = useState("");
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const create = useAction({
    mutationFn: () =>
      createAppToken({
        name: name.trim(),
        contact: contact.trim(),
        owner_id: Number(owner),
        scopes,
        expires_at: endOfDay(expires),
      }),
    onSuccess: async (token) => {
      setCreated(token);
      setName("");
      setContact("");
      setOwner("");
      setExpires("");
      await qc.invalidateQueries({ queryKey: tokenKeys.apps });
    },
    done: "tokens.createdTitle",
    focus: "new-token",
  });
  const fields = useFieldErrors(create.error);
  const inputs = tokenFields({
    t,
    fields,
    // The owner's role limits them: the server says which one it refuses (`scope_not_allowed`).
    allowed: ALL_SCOPES,
    name,
    setName,
    scopes,
    setScopes,
    expires,
    setExpires,
    children: (
      <>
        <Input
          label={t("tokens.apps.contact")}
          hintText={t("tokens.apps.contactHint")}
          {...fields.state("contact", t("tokens.apps.contact"))}
          nativeInputProps={{
            ...fields.native("contact"),
            name: "contact",
            required: true,
            maxLength: 200,
            value: contact,
            onChange: (e) => setContact(e.target.value),
          }}
        />
        <OwnerPicker owner={owner} setOwner={setOwner} fields={fields} />
      </>
    ),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate();
  }
  return (
    <>
      <Crumbs segments={[{ label: t("admin.title"), to: paths.admin() }]} current={t("tokens.apps.title")} />
      <PageHeading title={t("tokens.apps.title")} />
      <p>{t("tokens.apps.intro")}</p>
      {created && <CreatedTokenNotice created={created} />}
      <h2 id="tokens-heading" className="fr-h4" tabIndex={-1}>
        {t("tokens.apps.caption")}
      </h2>
      <QueryState query={query} isEmpty={() => tokens.length === 0} empty={t("tokens.apps.empty")}>
        {() => (
          <TokenTable
            caption={t("tokens.apps.caption")}
            tokens={tokens}
            showApp
            revoke={revokeAppToken}
            onRevoked={() => qc.invalidateQueries({ queryKey: tokenKeys.apps })}
          />
        )}
      </QueryState>
      <LoadMore
        hasMore={query.hasNextPage}
        loading={query.isFetchingNextPage}
        onClick={() => void query.fetchNextPage()}
        label={t("tokens.apps.loadMore")}
      />
      <form onSubmit={submit} aria-labelledby="app-token-new" noValidate className="fr-mt-4w">
        <h2 id="app-token-new" className="fr-h4">
          {t("tokens.new")}
        </h2>
        <p className="fr-text--sm">{t("common.requiredHint")}</p>
        {create.isError && <ProblemAlert error={create.error} fieldLinks={fields.links} focus />}
        {inputs}
        <Button
          type="submit"
          disabled={create.isPending || !name.trim() || !contact.trim() || !owner || scopes.length === 0}
        >
          {create.isPending ? t("common.saving") : t("tokens.create")}
        </Button>
      </form>
    </>
  );
}
