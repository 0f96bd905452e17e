// On a forum's page, when the forum is a meeting of the multi-stakeholder forum: its badge, its
// public record once held (attendance, the organisations named), one's consent to have one's
// organisation named (for those registered), and, for admins, the button that makes a forum a
// meeting or no longer one (after a confirmation).
import { useState } from "react";
import { Link } from "react-router";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import "./messages";
import { getMeeting, markMeeting, stakeholderForumKeys, unmarkMeeting, type Meeting } from "./queries";
import { OrganisationConsentBox } from "./OrganisationConsentBox";
import type { Forum } from "../../api/client";
import { isAdmin, useSession } from "../../auth/session";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import { useAction } from "../../components/actions";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";

const HEADING = "stakeholder-meeting";

function useMeeting(forum: string) {
  return useQuery({ queryKey: stakeholderForumKeys.meeting(forum), queryFn: () => getMeeting(forum) });
}

/** In the forum's badges (a `<li>`), when it is a meeting. */
export function MeetingBadge({ forum }: { forum: Forum }) {
  const { t } = useI18n();
  const meeting = useMeeting(forum.slug);
  if (!meeting.data) return null;
  return (
    <li>
      <Badge small noIcon severity="new" as="span">
        {t("meeting.badge")}
      </Badge>
    </li>
  );
}

export function MeetingSection({ forum }: { forum: Forum }) {
  const { user } = useSession();
  const admin = isAdmin(user?.role);
  const meeting = useMeeting(forum.slug);
  return (
    // Not a meeting: nothing, but for admins the button that makes it one (an archived forum is in no list).
    <QueryState query={meeting} isEmpty={(m) => m === null && (!admin || !!forum.archived_at)} empty={null}>
      {(m) => (m ? <AsMeeting forum={forum} meeting={m} admin={admin} /> : <NotMeeting forum={forum} />)}
    </QueryState>
  );
}

function AsMeeting({ forum, meeting, admin }: { forum: Forum; meeting: Meeting; admin: boolean }) {
  const { t, number } = useI18n();
  return (
    <section className="fr-mt-4w" aria-labelledby={HEADING}>
      <h2 id={HEADING}>{t("meeting.badge")}</h2>
      <p>
        {t("meeting.intro")} <Link to={paths.stakeholderForum()}>{t("meeting.forumLink")}</Link>
      </p>
      {meeting.held ? (
        <>
          <p>{t("meeting.attendance", { count: number(meeting.attendance ?? 0) })}</p>
          <h3 className="fr-h6">{t("meeting.organisations")}</h3>
          {meeting.organisations_present.length > 0 ? (
            <ul>
              {meeting.organisations_present.map((o) => (
                <li key={o}>{o}</li>
              ))}
            </ul>
          ) : (
            <p>{t("meeting.noOrganisation")}</p>
          )}
        </>
      ) : (
        <p>{t("meeting.beforeHeld")}</p>
      )}
      <OrganisationConsentBox forum={forum} />
      {admin && <Unmark forum={forum} />}
    </section>
  );
}

/** Admins: a forum that is not a meeting yet. */
function NotMeeting({ forum }: { forum: Forum }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const mark = useAction({
    mutationFn: () => markMeeting(forum.slug),
    onSuccess: async (saved) => {
      qc.setQueryData(stakeholderForumKeys.meeting(forum.slug), saved);
      await qc.invalidateQueries({ queryKey: stakeholderForumKeys.all });
    },
    done: "meeting.marked",
    focus: HEADING,
  });
  return (
    <section className="od-box fr-mt-4w" aria-labelledby={HEADING}>
      <h2 id={HEADING} className="fr-h5">
        {t("stakeholder.title")}
      </h2>
      <p>{t("meeting.notMeeting")}</p>
      {mark.isError && <ProblemAlert error={mark.error} focus />}
      <Button
        priority="secondary"
        iconPosition="left"
        iconId="fr-icon-team-line"
        disabled={mark.isPending}
        onClick={() => mark.mutate()}
      >
        {t("meeting.mark")}
      </Button>
    </section>
  );
}

function Unmark({ forum }: { forum: Forum }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const unmark = useAction({
    mutationFn: () => unmarkMeeting(forum.slug),
    onSuccess: async () => {
      qc.setQueryData(stakeholderForumKeys.meeting(forum.slug), null);
      await qc.invalidateQueries({ queryKey: stakeholderForumKeys.all });
    },
    done: "meeting.unmarked",
    focus: HEADING,
  });
  return (
    <div className="fr-mt-3w">
      {unmark.isError && <ProblemAlert error={unmark.error} focus />}
      <Button
        priority="tertiary"
        iconPosition="left"
        iconId="fr-icon-close-circle-line"
        disabled={unmark.isPending}
        onClick={() => setConfirming(true)}
      >
        {t("meeting.unmark")}
      </Button>
      <ConfirmDialog
        open={confirming}
        title={t("meeting.unmarkTitle")}
        confirmLabel={t("meeting.unmark")}
        busy={unmark.isPending}
        onConfirm={() => {
          setConfirming(false);
          unmark.mutate();
        }}
        onClose={() => setConfirming(false)}
      >
        <p>{t("meeting.unmarkBody")}</p>
      </ConfirmDialog>
    </div>
  );
}
