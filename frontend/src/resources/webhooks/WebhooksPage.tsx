// Admins: every webhook endpoint (apps' and the platform's), each with its state and a link to
// its delivery log; register one for the platform (the secret shown once).
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Crumbs } from "../../components/Crumbs";
import { PageHeading } from "../../components/PageHeading";
import { DataTable } from "../../components/DataTable";
import { LoadMore, ProblemAlert, QueryState } from "../../components/QueryState";
import { useFieldErrors } from "../../components/forms";
import { useAction } from "../../components/actions";
import { addMessages, useI18n } from "../../i18n";
import { paths } from "../../app/resources";
import { fr as messages } from "./i18n/fr";
import { createEndpoint, listEndpoints, webhookKeys, type EndpointWithSecret, type WebhookEventType } from "./queries";
import { EndpointState, EVENT_TYPES, SecretNotice, useEventLabel } from "./parts";
import { webhookPath, type Audience } from "./paths";

addMessages("fr", messages);

export function WebhooksPage({ audience }: { audience: Audience }) {
  const { t } = useI18n();
  const admin = audience === "admin";
  const label = useEventLabel();
  const qc = useQueryClient();
  const query = useInfiniteQuery({
    queryKey: webhookKeys.list(),
    queryFn: ({ pageParam }) => listEndpoints(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const endpoints = query.data?.pages.flatMap((p) => p.items) ?? [];
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [all, setAll] = useState(true);
  const [types, setTypes] = useState<WebhookEventType[]>([]);
  const [created, setCreated] = useState<EndpointWithSecret | null>(null);
  const create = useAction({
    mutationFn: () =>
      createEndpoint({ url: url.trim(), description: description.trim(), event_types: all ? ["*"] : types }),
    onSuccess: async (made) => {
      setCreated(made);
      setUrl("");
      setDescription("");
      setAll(true);
      setTypes([]);
      await qc.invalidateQueries({ queryKey: webhookKeys.all });
    },
    done: "webhooks.created",
    focus: "new-secret",
  });
  const fields = useFieldErrors(create.error);
  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate();
  }
  return (
    <>
      <Crumbs
        segments={[
          admin
            ? { label: t("admin.title"), to: paths.admin() }
            : { label: t("webhooks.account"), to: paths.account() },
        ]}
        current={admin ? t("webhooks.title") : t("webhooks.mine")}
      />
      <PageHeading title={admin ? t("webhooks.title") : t("webhooks.mine")} />
      <p>{admin ? t("webhooks.intro") : t("webhooks.introMine")}</p>
      {created && <SecretNotice secret={created.secret} />}
      <h2 id="webhooks-heading" className="fr-h4">
        {t("webhooks.caption")}
      </h2>
      <QueryState
        query={query}
        isEmpty={() => endpoints.length === 0}
        empty={admin ? t("webhooks.empty") : t("webhooks.emptyMine")}
      >
        {() => (
          <DataTable caption={t("webhooks.caption")} hideCaption className="od-table">
            <thead>
              <tr>
                <th scope="col">{t("webhooks.url")}</th>
                <th scope="col">{t("webhooks.owner")}</th>
                <th scope="col">{t("webhooks.types")}</th>
                <th scope="col">{t("webhooks.state")}</th>
              </tr>
            </thead>
            <tbody>
              {endpoints.map((e) => (
                <tr key={e.id}>
                  <td>
                    <Link to={webhookPath(e.id, audience)} aria-label={t("webhooks.open", { url: e.url })}>
                      <code lang="en">{e.url}</code>
                    </Link>
                    {e.description && (
                      <>
                        <br />
                        <span className="fr-text--xs">{e.description}</span>
                      </>
                    )}
                  </td>
                  <td>{e.app_token_id ? t("webhooks.appToken", { id: e.app_token_id }) : t("webhooks.platform")}</td>
                  <td>
                    {e.event_types.map(label).join(", ")}
                    {e.subject && (
                      <>
                        <br />
                        <span className="fr-text--xs">
                          {t("webhooks.subject")} {e.subject.type} <code>{e.subject.key}</code>
                        </span>
                      </>
                    )}
                  </td>
                  <td>
                    <EndpointState endpoint={e} />
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </QueryState>
      <LoadMore
        hasMore={query.hasNextPage}
        loading={query.isFetchingNextPage}
        onClick={() => void query.fetchNextPage()}
        label={t("webhooks.loadMore")}
      />
      {admin && (
        <form onSubmit={submit} aria-labelledby="webhook-new" noValidate className="fr-mt-4w">
          <h2 id="webhook-new" className="fr-h4">
            {t("webhooks.new")}
          </h2>
          <p className="fr-text--sm">{t("common.requiredHint")}</p>
          {create.isError && <ProblemAlert error={create.error} fieldLinks={fields.links} focus />}
          <Input
            label={t("webhooks.url")}
            hintText={t("webhooks.urlHint")}
            {...fields.state("url", t("webhooks.url"))}
            nativeInputProps={{
              ...fields.native("url"),
              name: "url",
              type: "url",
              required: true,
              maxLength: 2000,
              spellCheck: false,
              value: url,
              onChange: (e) => setUrl(e.target.value),
            }}
          />
          <Input
            label={t("common.optional", { label: t("webhooks.description") })}
            {...fields.state("description", t("webhooks.description"))}
            nativeInputProps={{
              ...fields.native("description"),
              name: "description",
              maxLength: 500,
              value: description,
              onChange: (e) => setDescription(e.target.value),
            }}
          />
          <Checkbox
            legend={t("webhooks.types")}
            hintText={t("webhooks.typesHint")}
            {...fields.state("event_types", t("webhooks.types"))}
            options={[
              {
                label: t("webhooks.allTypes"),
                nativeInputProps: { name: "all", checked: all, onChange: (e) => setAll(e.target.checked) },
              },
              ...(all
                ? []
                : EVENT_TYPES.map((type) => ({
                    label: label(type),
                    nativeInputProps: {
                      name: "event_types",
                      value: type,
                      checked: types.includes(type),
                      onChange: (e: React.ChangeEvent<HTMLInputElement>) =>
                        setTypes(e.target.checked ? [...types, type] : types.filter((x) => x !== type)),
                    },
                  }))),
            ]}
          />
          <Button type="submit" disabled={create.isPending || !url.trim() || (!all && types.length === 0)}>
            {create.isPending ? t("common.saving") : t("webhooks.create")}
          </Button>
        </form>
      )}
    </>
  );
}
