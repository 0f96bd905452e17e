// What the webhooks' pages share: the event types an endpoint may ask for, an endpoint's state in
// words, and the secret shown once.
import { SecretShownOnce } from "../../components/SecretShownOnce";
import { addMessages, useI18n, type MessageKey } from "../../i18n";
import { fr as eventNames } from "../../components/i18n/events.fr";
import type { Endpoint, WebhookEventType } from "./queries";

// The event types' names come with the pages that show them.
addMessages("fr", eventNames);

/** Every type an endpoint may ask for (the contract's WebhookEventType: a new one does not
 *  compile until it is here), `*` aside. */
const TYPES: Record<Exclude<WebhookEventType, "*">, true> = {
  "action_plan.created": true,
  "action_plan.updated": true,
  "action_plan.deleted": true,
  "commitment.created": true,
  "commitment.updated": true,
  "commitment.archived": true,
  "commitment.restored": true,
  "commitment.deleted": true,
  "milestone.created": true,
  "milestone.updated": true,
  "milestone.archived": true,
  "milestone.restored": true,
  "milestone.deleted": true,
  "milestone.progress_reported": true,
  "action_plan.phase_added": true,
  "action_plan.phase_updated": true,
  "action_plan.phase_removed": true,
  "action_plan.timeline_published": true,
  "action_plan.phase_opened": true,
  "proposal.created": true,
  "proposal.answered": true,
  "proposal.merged": true,
  "proposal.commitment_linked": true,
  "proposal.commitment_unlinked": true,
  "commitment.proposal_linked": true,
  "commitment.proposal_unlinked": true,
  "forum.stakeholder_meeting_marked": true,
  "forum.stakeholder_meeting_unmarked": true,
  "cycle.created": true,
  "cycle.updated": true,
  "forum.created": true,
  "forum.updated": true,
  "forum.archived": true,
  "forum.restored": true,
  "forum.deleted": true,
  "forum.organiser_added": true,
  "forum.organiser_removed": true,
  "format.created": true,
  "format.updated": true,
  "format.version_published": true,
  "forum.minutes_published": true,
  "forum.minutes_updated": true,
  "action_item.created": true,
  "action_item.updated": true,
  "action_item.status_changed": true,
  "forum.feedback_response_published": true,
  "comment.created": true,
  "comment.updated": true,
  "comment.deleted": true,
  "comment.hidden": true,
  "comment.restored": true,
  "comment.reacted": true,
};
export const EVENT_TYPES = Object.keys(TYPES) as Exclude<WebhookEventType, "*">[];

/** An event type in words (the audit trail's names for the same actions). */
export function useEventLabel() {
  const { t } = useI18n();
  return (type: string) =>
    type === "*"
      ? t("webhooks.allTypes")
      : type === "webhook.test"
        ? t("webhooks.testEvent")
        : t(`event.${type}` as MessageKey);
}

/** Whether it is on, or why it is off, and since when it fails. */
export function EndpointState({ endpoint }: { endpoint: Endpoint }) {
  const { t, dateTime } = useI18n();
  const state = endpoint.enabled
    ? t("webhooks.on")
    : t(`webhooks.off.${endpoint.disabled_reason ?? "owner"}` as MessageKey);
  return (
    <>
      {state}
      {endpoint.failing_since && (
        <>
          <br />
          <span className="fr-text--xs">{t("webhooks.failingSince", { date: dateTime(endpoint.failing_since) })}</span>
        </>
      )}
    </>
  );
}

/** The signing secret, shown this once, with a button that copies it. */
export function SecretNotice({ secret }: { secret: string }) {
  const { t } = useI18n();
  return (
    <SecretShownOnce
      id="new-secret"
      secret={secret}
      title={t("webhooks.secretTitle")}
      body={t("webhooks.secretBody")}
      copy={t("webhooks.copy")}
      copied={t("webhooks.copied")}
    />
  );
}
