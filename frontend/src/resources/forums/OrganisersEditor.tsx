// Admins, on a forum's page: name organisers (an account found by name or address) and take
// them off the list. A chunk of its own, fetched only for admins. What happened is said in a
// status message; focus goes where the reader can go on (the search field, the list).
import { useRef, useState, type FormEvent } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useAction } from "../../components/actions";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import type { Account, Forum } from "../../api/client";
import { addOrganiser, organiserKeys, removeOrganiser, type ForumOrganisers, type Organiser } from "./organisers";
import { listUsers, userKeys } from "../users/queries";
import { ORGANISERS_PEOPLE_ID, OrganisersList } from "./ForumOrganisers";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import { addMessages, useI18n } from "../../i18n";
import { fr as adminMessages } from "../../admin/i18n/fr";

// The admin area's French messages (English ones are in the English chunk).
addMessages("fr", adminMessages);

export default function OrganisersEditor({ forum, organisers }: { forum: Forum; organisers: ForumOrganisers }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const search = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState("");
  const [term, setTerm] = useState("");
  const found = useQuery({
    queryKey: userKeys.list({ q: term, limit: 10 }),
    queryFn: () => listUsers({ q: term, limit: 10 }),
    enabled: term !== "",
  });
  const saved = (next: ForumOrganisers) => qc.setQueryData(organiserKeys.forum(forum.slug), next);
  // Said in the status region (the notice under the list is its visible copy, not live); the
  // focus goes back to the search for the next name, or to the list once one is removed.
  const add = useAction({
    mutationFn: (a: Account) => addOrganiser(forum.slug, a.id),
    onSuccess: (next, a) => {
      saved(next);
      setNotice(t("admin.organisers.added", { name: a.display_name }));
      setTerm("");
      setDraft("");
    },
    done: (_, a) => ({ key: "admin.organisers.added", vars: { name: a.display_name } }),
    focus: () => search.current,
  });
  const remove = useAction({
    mutationFn: (p: Organiser) => removeOrganiser(forum.slug, p.id),
    onSuccess: (next, p) => {
      saved(next);
      setNotice(t("admin.organisers.removed", { name: p.display_name }));
    },
    done: (_, p) => ({ key: "admin.organisers.removed", vars: { name: p.display_name } }),
    focus: ORGANISERS_PEOPLE_ID,
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    setNotice(null);
    setTerm(draft.trim());
  }
  const named = new Set(organisers.people.map((p) => p.id));
  const accounts = found.data?.items ?? [];

  return (
    <>
      <OrganisersList
        organisers={organisers}
        action={(p) => (
          <Button
            size="small"
            priority="tertiary"
            className="fr-ml-1w"
            iconId="fr-icon-close-line"
            iconPosition="left"
            disabled={remove.isPending}
            onClick={() => {
              setNotice(null);
              remove.mutate(p);
            }}
            nativeButtonProps={{ "aria-label": t("admin.organisers.removeOf", { name: p.display_name }) }}
          >
            {t("admin.organisers.remove")}
          </Button>
        )}
      />
      <p className={notice ? "fr-message fr-message--valid fr-mb-2w" : "fr-sr-only"}>{notice}</p>
      {(add.isError || remove.isError) && <ProblemAlert error={add.error ?? remove.error} />}
      <form className="od-box fr-mt-2w" onSubmit={submit} aria-labelledby="organisers-add">
        <h3 id="organisers-add" className="fr-h6">
          {t("admin.organisers.add")}
        </h3>
        <div className="od-inline-form">
          <Input
            label={t("admin.organisers.search")}
            nativeInputProps={{
              ref: search,
              type: "search",
              value: draft,
              onChange: (e) => setDraft(e.target.value),
              autoComplete: "off",
              maxLength: 200,
            }}
          />
          <Button type="submit" iconId="fr-icon-search-line" iconPosition="left">
            {t("admin.organisers.searchSubmit")}
          </Button>
        </div>
        {term !== "" && (
          <QueryState query={found}>
            {() => (
              <>
                <p role="status" className="fr-text--sm fr-mb-1w">
                  {accounts.length === 0
                    ? t("admin.organisers.none", { q: term })
                    : t("admin.organisers.found", { count: accounts.length })}
                </p>
                {accounts.length > 0 && (
                  <ul className="od-plain-list" aria-label={t("admin.organisers.results")}>
                    {accounts.map((a) => (
                      <li key={a.id} className="fr-mb-1w">
                        {a.display_name} — {a.email} ({t(`role.${a.role}`)}){" "}
                        {named.has(a.id) ? (
                          <em>{t("admin.organisers.already")}</em>
                        ) : (
                          <Button
                            size="small"
                            priority="secondary"
                            disabled={add.isPending}
                            onClick={() => add.mutate(a)}
                            nativeButtonProps={{ "aria-label": t("admin.organisers.nameOf", { name: a.display_name }) }}
                          >
                            {t("admin.organisers.name")}
                          </Button>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </>
            )}
          </QueryState>
        )}
      </form>
    </>
  );
}
