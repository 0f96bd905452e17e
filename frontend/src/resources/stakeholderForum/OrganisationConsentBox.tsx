// One's consent to have one's organisation (as on one's profile) named among the organisations
// present at a meeting of the multi-stakeholder forum: for a signed-in person registered for it
// (waitlisted included, as the API has it). Without an organisation on one's profile, where to set one.
import { Link } from "react-router";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import "./messages";
import { getConsent, giveConsent, stakeholderForumKeys, withdrawConsent } from "./queries";
import { getMyRegistration, registrationKeys } from "../registrations/queries";
import type { Forum } from "../../api/client";
import { useSession } from "../../auth/session";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import { useAction } from "../../components/actions";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";

const CHECKBOX = "organisation-consent";

export function OrganisationConsentBox({ forum }: { forum: Forum }) {
  const { t } = useI18n();
  const { user } = useSession();
  // The same query as the forum's registration box: one request for both.
  const mine = useQuery({
    queryKey: registrationKeys.mine(forum.slug),
    queryFn: () => getMyRegistration(forum.slug),
    enabled: !!user,
  });
  const registered = !!mine.data && mine.data.status !== "cancelled";
  const consent = useQuery({
    queryKey: stakeholderForumKeys.consent(forum.slug),
    queryFn: () => getConsent(forum.slug),
    enabled: registered,
  });
  if (!registered) return null;
  return (
    <div className="od-box fr-mt-3w">
      <h3 id="consent-title" className="fr-h6">
        {t("consent.title")}
      </h3>
      <QueryState query={consent}>
        {(c) =>
          c.organisation ? (
            <ConsentCheckbox forum={forum.slug} organisation={c.organisation} given={c.given_at != null} />
          ) : (
            <p className="fr-mb-0">
              {t("consent.noOrganisation")}{" "}
              <Link to={paths.account("profile-edit")}>{t("consent.setOrganisation")}</Link>
            </p>
          )
        }
      </QueryState>
    </div>
  );
}

function ConsentCheckbox({ forum, organisation, given }: { forum: string; organisation: string; given: boolean }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  // The box stays usable while the answer comes (a change meanwhile is ignored): the keyboard
  // focus stays on it, and the status region says what changed.
  const toggle = useAction({
    mutationFn: (give: boolean) => (give ? giveConsent(forum) : withdrawConsent(forum)),
    onSuccess: () => qc.invalidateQueries({ queryKey: stakeholderForumKeys.all }),
    done: (_, give) => (give ? "consent.given" : "consent.withdrawn"),
  });
  const checked = toggle.isPending ? toggle.variables : given;
  return (
    <>
      {toggle.isError && <ProblemAlert error={toggle.error} />}
      <div className="fr-checkbox-group">
        <input
          type="checkbox"
          id={CHECKBOX}
          name="organisation_consent"
          checked={checked}
          onChange={(e) => {
            if (!toggle.isPending) toggle.mutate(e.target.checked);
          }}
        />
        <label className="fr-label" htmlFor={CHECKBOX}>
          {t("consent.label", { organisation })}
          <span className="fr-hint-text">{t("consent.hint")}</span>
        </label>
      </div>
    </>
  );
}
