// The account an app's token acts for, found by name or address among the accounts (what
// "Utilisateurs et rôles" lists), then picked from the matches: an admin never types an internal
// account number.
import { useState, type KeyboardEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { QueryState } from "../../components/QueryState";
import { useFieldErrors } from "../../components/forms";
import { useI18n } from "../../i18n";
import { listUsers, userKeys } from "../users/queries";

/** How many matches are offered: a search narrow enough to pick from. */
const MATCHES = 20;

export function OwnerPicker({
  owner,
  setOwner,
  fields,
}: {
  owner: string;
  setOwner: (id: string) => void;
  fields: ReturnType<typeof useFieldErrors>;
}) {
  const { t } = useI18n();
  const [text, setText] = useState("");
  const [q, setQ] = useState<string | null>(null);
  const found = useQuery({
    queryKey: userKeys.list({ q, limit: MATCHES }),
    queryFn: () => listUsers({ q: q ?? undefined, limit: MATCHES }),
    enabled: q !== null,
  });
  function search() {
    const wanted = text.trim();
    if (wanted) {
      setOwner("");
      setQ(wanted);
    }
  }
  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    // Enter searches here; it must not send the token's form.
    if (e.key === "Enter") {
      e.preventDefault();
      search();
    }
  }
  const label = t("tokens.apps.owner");
  return (
    <div className="fr-mb-3w">
      <Input
        label={t("tokens.apps.ownerSearch")}
        hintText={t("tokens.apps.ownerHint")}
        {...fields.state("owner_id", label)}
        nativeInputProps={{
          ...fields.native("owner_id"),
          type: "search",
          name: "owner_search",
          autoComplete: "off",
          value: text,
          onChange: (e) => setText(e.target.value),
          onKeyDown,
        }}
      />
      <Button type="button" priority="secondary" size="small" iconId="fr-icon-search-line" onClick={search}>
        {t("tokens.apps.ownerSearchButton")}
      </Button>
      {q !== null && (
        <div className="fr-mt-2w">
          <QueryState query={found}>
            {(page) => (
              <>
                {/* Said once the search answers, as the organisers' search does. */}
                <p role="status" className="fr-text--sm fr-mb-1w">
                  {page.items.length === 0
                    ? t("tokens.apps.ownerNone", { q })
                    : t("tokens.apps.ownerFound", { count: page.items.length })}
                </p>
                {page.items.length > 0 && (
                  <RadioButtons
                    legend={label}
                    name="owner_id"
                    options={page.items.map((account) => ({
                      label: `${account.display_name} — ${account.email}`,
                      hintText: account.suspended_at ? t("tokens.apps.ownerSuspended") : t(`role.${account.role}`),
                      nativeInputProps: {
                        value: String(account.id),
                        checked: owner === String(account.id),
                        onChange: () => setOwner(String(account.id)),
                      },
                    }))}
                  />
                )}
              </>
            )}
          </QueryState>
        </div>
      )}
    </div>
  );
}
