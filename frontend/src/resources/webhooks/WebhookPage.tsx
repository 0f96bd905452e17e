// Admins: one webhook endpoint — what it receives, turn it off or on, send a test, rotate its
// secret, delete it — and its delivery log, where any message can be sent again.
import { useState } from "react";
import { useNavigate, useParams } from "react-router";
import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Crumbs } from "../../components/Crumbs";
import { PageHeading } from "../../components/PageHeading";
import { DataTable } from "../../components/DataTable";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { LoadMore, QueryState } from "../../components/QueryState";
import { useAction } from "../../components/actions";
import { addMessages, useI18n, type MessageKey } from "../../i18n";
import { paths } from "../../app/resources";
import { fr as messages } from "./i18n/fr";
import {
  deleteEndpoint,
  getEndpoint,
  listAttempts,
  resend,
  rotateSecret,
  sendTest,
  updateEndpoint,
  webhookKeys,
  type Attempt,
  type Endpoint,
} from "./queries";
import { EndpointState, SecretNotice, useEventLabel } from "./parts";
import { webhooksPath, type Audience } from "./paths";

addMessages("fr", messages);

export function WebhookPage({ audience }: { audience: Audience }) {
  const { id = "" } = useParams();
  const numeric = Number(id);
  const { t } = useI18n();
  const query = useQuery({
    queryKey: webhookKeys.one(numeric),
    queryFn: () => getEndpoint(numeric),
    enabled: Number.isInteger(numeric) && numeric > 0,
  });
  return (
    <>
      <Crumbs
        segments={
          audience === "admin"
            ? [
                { label: t("admin.title"), to: paths.admin() },
                { label: t("webhooks.title"), to: webhooksPath("admin") },
              ]
            : [
                { label: t("webhooks.account"), to: paths.account() },
                { label: t("webhooks.mine"), to: webhooksPath("owner") },
              ]
        }
        current={t("webhooks.detail")}
      />
      <PageHeading title={t("webhooks.detail")} />
      <QueryState query={query}>{(endpoint) => <EndpointDetail endpoint={endpoint} audience={audience} />}</QueryState>
    </>
  );
}

function EndpointDetail({ endpoint, audience }: { endpoint: Endpoint; audience: Audience }) {
  const { t, dateTime } = useI18n();
  const label = useEventLabel();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [secret, setSecret] = useState<string | null>(null);
  const [asked, setAsked] = useState<"rotate" | "delete" | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: webhookKeys.all });
  const toggle = useAction({
    mutationFn: () => updateEndpoint(endpoint.id, { enabled: !endpoint.enabled }),
    onSuccess: refresh,
    done: (e) => (e.enabled ? "webhooks.turnedOn" : "webhooks.turnedOff"),
    focus: "endpoint-actions",
  });
  const test = useAction({
    mutationFn: () => sendTest(endpoint.id),
    onSuccess: refresh,
    done: "webhooks.testQueued",
  });
  const rotate = useAction({
    mutationFn: () => rotateSecret(endpoint.id),
    onSuccess: async (made) => {
      setAsked(null);
      setSecret(made.secret);
      await refresh();
    },
    done: "webhooks.rotated",
    focus: "new-secret",
  });
  const remove = useAction({
    mutationFn: () => deleteEndpoint(endpoint.id),
    onSuccess: async () => {
      setAsked(null);
      await refresh();
      void navigate(webhooksPath(audience));
    },
    done: "webhooks.deleted",
  });
  return (
    <>
      {secret && <SecretNotice secret={secret} />}
      <p className="fr-text--lead">
        <code>{endpoint.url}</code>
      </p>
      <dl className="od-dl od-dl--grid fr-mb-4w">
        <dt>{t("webhooks.state")}</dt>
        <dd>
          <EndpointState endpoint={endpoint} />
        </dd>
        <dt>{t("webhooks.owner")}</dt>
        <dd>
          {endpoint.app_token_id ? t("webhooks.appToken", { id: endpoint.app_token_id }) : t("webhooks.platform")}
        </dd>
        <dt>{t("webhooks.types")}</dt>
        <dd>{endpoint.event_types.map(label).join(", ")}</dd>
        {endpoint.subject && (
          <>
            <dt>{t("webhooks.subject")}</dt>
            <dd>
              {endpoint.subject.type} <code>{endpoint.subject.key}</code>
            </dd>
          </>
        )}
        {endpoint.description && (
          <>
            <dt>{t("webhooks.description")}</dt>
            <dd>{endpoint.description}</dd>
          </>
        )}
        {endpoint.secret_rotating_until && (
          <>
            <dt>{t("webhooks.secretTitle")}</dt>
            <dd>{t("webhooks.rotating", { date: dateTime(endpoint.secret_rotating_until) })}</dd>
          </>
        )}
      </dl>
      <ul className="fr-btns-group fr-btns-group--inline-sm" id="endpoint-actions" tabIndex={-1}>
        <li>
          <Button priority="secondary" onClick={() => test.mutate()} disabled={!endpoint.enabled || test.isPending}>
            {t("webhooks.test")}
          </Button>
        </li>
        <li>
          <Button priority="secondary" onClick={() => toggle.mutate()} disabled={toggle.isPending}>
            {endpoint.enabled ? t("webhooks.turnOff") : t("webhooks.turnOn")}
          </Button>
        </li>
        <li>
          <Button priority="secondary" onClick={() => setAsked("rotate")}>
            {t("webhooks.rotate")}
          </Button>
        </li>
        <li>
          <Button priority="tertiary" onClick={() => setAsked("delete")}>
            {t("webhooks.delete")}
          </Button>
        </li>
      </ul>
      <ConfirmDialog
        open={asked === "rotate"}
        title={t("webhooks.rotateTitle")}
        confirmLabel={t("webhooks.rotate")}
        busy={rotate.isPending}
        onConfirm={() => rotate.mutate()}
        onClose={() => setAsked(null)}
      >
        <p>{t("webhooks.rotateBody")}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={asked === "delete"}
        title={t("webhooks.deleteTitle")}
        confirmLabel={t("webhooks.delete")}
        busy={remove.isPending}
        onConfirm={() => remove.mutate()}
        onClose={() => setAsked(null)}
      >
        <p>
          <code lang="en">{endpoint.url}</code>
        </p>
        <p>{t("webhooks.deleteBody")}</p>
      </ConfirmDialog>
      <DeliveryLog endpoint={endpoint} />
    </>
  );
}

function DeliveryLog({ endpoint }: { endpoint: Endpoint }) {
  const { t, dateTime } = useI18n();
  const label = useEventLabel();
  const qc = useQueryClient();
  const query = useInfiniteQuery({
    queryKey: webhookKeys.attempts(endpoint.id),
    queryFn: ({ pageParam }) => listAttempts(endpoint.id, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const attempts = query.data?.pages.flatMap((p) => p.items) ?? [];
  const again = useAction({
    mutationFn: (a: Attempt) => resend(endpoint.id, a.delivery_id),
    onSuccess: () => qc.invalidateQueries({ queryKey: webhookKeys.attempts(endpoint.id) }),
    done: "webhooks.resent",
  });
  return (
    <>
      <h2 className="fr-h4 fr-mt-4w">{t("webhooks.log")}</h2>
      <QueryState query={query} isEmpty={() => attempts.length === 0} empty={t("webhooks.logEmpty")}>
        {() => (
          <DataTable caption={t("webhooks.logCaption")} className="od-table">
            <thead>
              <tr>
                <th scope="col">{t("webhooks.at")}</th>
                <th scope="col">{t("webhooks.event")}</th>
                <th scope="col">{t("webhooks.attempt")}</th>
                <th scope="col">{t("webhooks.status")}</th>
                <th scope="col">{t("webhooks.duration")}</th>
                <th scope="col">{t("webhooks.error")}</th>
                <th scope="col">{t("webhooks.message")}</th>
              </tr>
            </thead>
            <tbody>
              {attempts.map((a) => (
                <tr key={a.id}>
                  <td>{dateTime(a.at)}</td>
                  <td>
                    {label(a.event_type)}
                    <br />
                    <code className="fr-text--xs">{a.message_id}</code>
                  </td>
                  <td>{a.attempt}</td>
                  <td>{a.status_code ?? t("webhooks.noAnswer")}</td>
                  <td>{t("webhooks.ms", { ms: a.duration_ms })}</td>
                  <td lang={a.error ? "en" : undefined}>{a.error ?? ""}</td>
                  <td>
                    {t(`webhooks.delivery.${a.delivery_state}` as MessageKey)}
                    <br />
                    <Button
                      size="small"
                      priority="tertiary"
                      disabled={!endpoint.enabled || again.isPending}
                      onClick={() => again.mutate(a)}
                    >
                      {t("webhooks.resend", { id: a.delivery_id })}
                    </Button>
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
        label={t("webhooks.logMore")}
      />
    </>
  );
}
