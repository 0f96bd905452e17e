// What the account page's section and the admin page share: the form's fields, the secret shown
// once, and the table of tokens with their revocation.
import { useState, type ReactNode } from "react";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { DataTable } from "../../components/DataTable";
import { useFieldErrors } from "../../components/forms";
import { SecretShownOnce } from "../../components/SecretShownOnce";
import { useI18n } from "../../i18n";
import { useAction } from "../../components/actions";
import type { ApiToken, CreatedToken, Scope } from "./queries";

/** The end of the chosen day, in the reader's time zone, as the API wants it (RFC 3339). */
export const endOfDay = (day: string) => (day ? new Date(`${day}T23:59:59`).toISOString() : null);

type Fields = ReturnType<typeof useFieldErrors>;
type T = ReturnType<typeof useI18n>["t"];

/** Name, scopes and expiry: the fields both kinds of token have. A function of the form's render,
 *  not a component: the fields name themselves to the form's error summary (`fields.links`)
 *  before it is drawn. */
export function tokenFields(props: {
  t: T;
  fields: Fields;
  allowed: Scope[];
  name: string;
  setName: (v: string) => void;
  scopes: Scope[];
  setScopes: (v: Scope[]) => void;
  expires: string;
  setExpires: (v: string) => void;
  children?: ReactNode;
}) {
  const { t, fields } = props;
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  return (
    <>
      <Input
        label={t("tokens.name")}
        hintText={t("tokens.nameHint")}
        {...fields.state("name", t("tokens.name"))}
        nativeInputProps={{
          ...fields.native("name"),
          name: "name",
          required: true,
          maxLength: 100,
          value: props.name,
          onChange: (e) => props.setName(e.target.value),
        }}
      />
      {props.children}
      <Checkbox
        legend={t("tokens.scopes")}
        {...fields.state("scopes", t("tokens.scopes"))}
        options={props.allowed.map((scope) => ({
          label: t(`tokens.scope.${scope}`),
          nativeInputProps: {
            name: "scopes",
            value: scope,
            checked: props.scopes.includes(scope),
            onChange: (e) =>
              props.setScopes(e.target.checked ? [...props.scopes, scope] : props.scopes.filter((s) => s !== scope)),
          },
        }))}
      />
      <Input
        label={t("common.optional", { label: t("tokens.expiresAt") })}
        hintText={t("tokens.expiresAtHint")}
        {...fields.state("expires_at", t("tokens.expiresAt"))}
        nativeInputProps={{
          ...fields.native("expires_at"),
          type: "date",
          name: "expires_at",
          min: tomorrow,
          value: props.expires,
          onChange: (e) => props.setExpires(e.target.value),
        }}
      />
    </>
  );
}

/** The secret, shown this once, with a button that copies it. */
export function CreatedTokenNotice({ created }: { created: CreatedToken }) {
  const { t } = useI18n();
  return (
    <SecretShownOnce
      id="new-token"
      secret={created.token}
      title={t("tokens.createdTitle")}
      body={t("tokens.createdBody")}
      copy={t("tokens.copy")}
      copied={t("tokens.copied")}
    />
  );
}

/** The tokens, with their scopes, last use and a revoke button each. */
export function TokenTable(props: {
  caption: string;
  tokens: ApiToken[];
  revoke: (id: number) => Promise<unknown>;
  onRevoked: () => Promise<unknown>;
  showApp?: boolean;
}) {
  const { t, date, dateTime } = useI18n();
  const [asked, setAsked] = useState<ApiToken | null>(null);
  const revoke = useAction({
    mutationFn: (token: ApiToken) => props.revoke(token.id),
    onSuccess: async () => {
      setAsked(null);
      await props.onRevoked();
    },
    done: (_, token) => ({ key: "tokens.revoked", vars: { name: token.name } }),
    focus: "tokens-heading",
  });
  // When the table was first drawn: enough to say which tokens have expired.
  const [now] = useState(() => Date.now());
  return (
    <>
      <DataTable caption={props.caption} hideCaption className="od-table">
        <thead>
          <tr>
            <th scope="col">{t("tokens.name")}</th>
            {props.showApp && <th scope="col">{t("tokens.apps.contact")}</th>}
            <th scope="col">{t("tokens.scopes")}</th>
            <th scope="col">{t("tokens.prefix")}</th>
            <th scope="col">{t("tokens.expires")}</th>
            <th scope="col">{t("tokens.lastUsed")}</th>
            <th scope="col">{props.showApp ? t("tokens.apps.state") : t("tokens.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {props.tokens.map((token) => (
            <tr key={token.id}>
              <td>
                {token.name}
                {props.showApp && (
                  <>
                    <br />
                    <span className="fr-text--xs">{token.owner.display_name}</span>
                  </>
                )}
              </td>
              {props.showApp && <td>{token.contact}</td>}
              <td>{token.scopes.join(", ")}</td>
              <td>
                <code>{token.prefix}…</code>
              </td>
              <td>
                {token.expires_at
                  ? Date.parse(token.expires_at) <= now
                    ? t("tokens.expired")
                    : date(token.expires_at)
                  : t("tokens.never")}
              </td>
              <td>
                {token.last_used_at
                  ? t("tokens.lastUsedAt", { when: dateTime(token.last_used_at), family: token.last_used_family ?? "" })
                  : t("tokens.unused")}
              </td>
              <td>
                {token.revoked_at ? (
                  t("tokens.apps.revokedOn", { date: date(token.revoked_at) })
                ) : (
                  <Button size="small" priority="secondary" onClick={() => setAsked(token)}>
                    {t("tokens.revoke", { name: token.name })}
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <ConfirmDialog
        open={asked !== null}
        title={t("tokens.revokeTitle")}
        confirmLabel={t("tokens.revokeConfirm")}
        busy={revoke.isPending}
        onConfirm={() => asked && revoke.mutate(asked)}
        onClose={() => setAsked(null)}
      >
        <p>{asked?.name}</p>
        <p>{t("tokens.revokeBody")}</p>
      </ConfirmDialog>
    </>
  );
}
