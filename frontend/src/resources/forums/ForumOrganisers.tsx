// A forum's "Organisation" section, public: the people named organisers and the institutions
// whose officials organise it (those of its commitments). Admins name and remove people here,
// with a form that comes in its own chunk (pages/admin/OrganisersEditor.tsx).
import { lazy, Suspense, type ReactNode } from "react";
import { Link } from "react-router";
import { useQuery } from "@tanstack/react-query";
import type { Forum } from "../../api/client";
import { getOrganisers, organiserKeys, type ForumOrganisers, type Organiser } from "./organisers";
import { isAdmin, useSession } from "../../auth/session";
import { useI18n } from "../../i18n";
import { Loading, QueryState } from "../../components/QueryState";
import { paths } from "../../app/resources";

const OrganisersEditor = lazy(() => import("./OrganisersEditor"));

export const ORGANISERS_PEOPLE_ID = "forum-organisers-people";

export function ForumOrganisersSection({ forum }: { forum: Forum }) {
  const { t } = useI18n();
  const { user } = useSession();
  const q = useQuery({ queryKey: organiserKeys.forum(forum.slug), queryFn: () => getOrganisers(forum.slug) });
  return (
    <section className="fr-mt-4w" aria-labelledby="forum-organisers">
      <h2 id="forum-organisers">{t("organisers.title")}</h2>
      <p className="fr-text--sm">{t("organisers.intro")}</p>
      <QueryState query={q}>
        {(organisers) =>
          isAdmin(user?.role) ? (
            <Suspense fallback={<Loading />}>
              <OrganisersEditor forum={forum} organisers={organisers} />
            </Suspense>
          ) : (
            <OrganisersList organisers={organisers} />
          )
        }
      </QueryState>
    </section>
  );
}

/** The two lists; `action` adds something after each person (the admins' remove button). */
export function OrganisersList({
  organisers,
  action,
}: {
  organisers: ForumOrganisers;
  action?: (p: Organiser) => ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      <div className="fr-col-12 fr-col-md-6">
        <h3 className="fr-h6" id={ORGANISERS_PEOPLE_ID} tabIndex={-1}>
          {t("organisers.people")}
        </h3>
        {organisers.people.length === 0 ? (
          <p>{t("organisers.noPeople")}</p>
        ) : (
          <ul className="od-plain-list">
            {organisers.people.map((p) => (
              <li key={p.id} className="fr-mb-1w">
                {p.display_name}
                {p.organisation && <span className="od-comment__org"> ({p.organisation})</span>}
                {action?.(p)}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="fr-col-12 fr-col-md-6">
        <h3 className="fr-h6">{t("organisers.institutions")}</h3>
        {organisers.institutions.length === 0 ? (
          <p>{t("organisers.noInstitutions")}</p>
        ) : (
          <ul>
            {organisers.institutions.map((i) => (
              <li key={i.id}>
                <Link to={paths.institution(i.slug)}>{i.name}</Link>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
