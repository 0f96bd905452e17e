// "Journal": the audit trail (admins). Who did what, when, to which record, with what it was
// before and after; filters by action, kind of record, record, author and dates.
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { Schemas } from "../../api/client";
import { auditKeys, listAudit, type AuditQuery } from "./queries";
import { Crumbs } from "../../components/Crumbs";
import { PageHeading } from "../../components/PageHeading";
import { LoadMore, QueryState } from "../../components/QueryState";
import { parisLocalToIso } from "../../i18n/format";
import { DataTable } from "../../components/DataTable";
import { addMessages, useI18n, type MessageKey } from "../../i18n";
import { fr as eventNames } from "../../components/i18n/events.fr";
import { SUBJECTS, type SubjectKind } from "../../subjects";
import { paths } from "../../app/resources";

// The event types' names come with the pages that show them.
addMessages("fr", eventNames);

type AuditEntry = Schemas["AuditEntry"];
type EventType = Schemas["EventType"];

/** Every action there is (the contract's EventType: a new one does not compile until it is
 *  here), and whether the filter offers it (administrative writes: what the trail holds). */
const OFFERED: Record<EventType, boolean> = {
  "forum.created": true,
  "forum.updated": true,
  "forum.archived": true,
  "forum.restored": true,
  "forum.deleted": true,
  "forum.organiser_added": true,
  "forum.organiser_removed": true,
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
  "api_token.created": true,
  "api_token.revoked": true,
  "webhook_endpoint.created": true,
  "webhook_endpoint.updated": true,
  "webhook_endpoint.disabled": true,
  "webhook_endpoint.secret_rotated": true,
  "webhook_endpoint.deleted": true,
  "action_plan.created": true,
  "action_plan.updated": true,
  "action_plan.deleted": true,
  "action_plan.phase_added": true,
  "action_plan.phase_updated": true,
  "action_plan.phase_removed": true,
  "action_plan.timeline_published": true,
  // A phase opens by the calendar, not by someone's hand.
  "action_plan.phase_opened": false,
  // Proposals are public on their pages; what the coordinating institution drafted, published
  // and merged is audited, and who supports what stays private.
  "proposal.created": true,
  "proposal.supported": false,
  "proposal.support_withdrawn": false,
  "proposal.response_drafted": true,
  "proposal.answered": true,
  "proposal.merged": true,
  // Which proposals a commitment came from: said on both records' pages, and in the trail of each.
  "proposal.commitment_linked": true,
  "proposal.commitment_unlinked": true,
  "commitment.proposal_linked": true,
  "commitment.proposal_unlinked": true,
  // The multi-stakeholder forum: its members and meetings are admins' writes; a person's
  // consent to name their organisation is theirs (audited, not offered here).
  "stakeholder_member.added": true,
  "stakeholder_member.updated": true,
  "stakeholder_member.removed": true,
  "forum.stakeholder_meeting_marked": true,
  "forum.stakeholder_meeting_unmarked": true,
  "forum.organisation_shared": false,
  "forum.organisation_unshared": false,
  // Documents attached, changed, their files uploaded and removed: staff writes, audited.
  "document.added": true,
  "document.updated": true,
  "document.file_uploaded": true,
  "document.removed": true,
  "comment.hidden": true,
  "comment.restored": true,
  "comment.reacted": false,
  "comment.deleted": true,
  "comment.created": false,
  "comment.updated": false,
  "user.updated": true,
  "user.created": false,
  "user.verified": false,
  "user.password_changed": false,
  // Registrations are private and not audited.
  "registration.created": false,
  "registration.promoted": false,
  "registration.cancelled": false,
  "registration.checked_in": false,
  "format.created": true,
  "format.updated": true,
  "format.version_published": true,
  "forum.minutes_published": true,
  "forum.minutes_updated": true,
  "cycle.created": true,
  "cycle.updated": true,
  "forum.feedback_response_published": true,
  // Who gave feedback is private and not audited.
  "feedback.given": false,
  "action_item.created": true,
  "action_item.updated": true,
  "action_item.status_changed": true,
  "institution.created": true,
  "institution.updated": true,
  "milestone.progress_reported": true,
  // Questions and answers are public on their pages; the calendar's changes are audited.
  "question.asked": false,
  "question.answered": false,
  "question.answer_rejected": false,
  "holiday.added": true,
  "holiday.removed": true,
  // Who reported what stays private; what moderators did is audited.
  "comment.reported": false,
  "comment.reports_dismissed": true,
  "user.suspended": true,
  "user.unsuspended": true,
  "user.erased": true,
  "user.sessions_ended": true,
  "user.two_factor_on": true,
  "user.two_factor_off": true,
  "user.identity_linked": true,
  "user.identity_unlinked": true,
};
export const ACTIONS = (Object.keys(OFFERED) as EventType[]).filter((a) => OFFERED[a]);
const KINDS = [
  "forum",
  "commitment",
  "milestone",
  "action_plan",
  "proposal",
  "comment",
  "user",
  "format",
  "action_item",
  "cycle",
  "institution",
  "holiday",
  "api_token",
  "webhook_endpoint",
] as const;

const actionKey = (a: EventType) => `event.${a}` as MessageKey;
const kindKey = (k: string) => `admin.journal.kind.${k}` as MessageKey;

type Draft = { action: string; subject_type: string; subject_key: string; actor: string; from: string; to: string };
const EMPTY: Draft = { action: "", subject_type: "", subject_key: "", actor: "", from: "", to: "" };

function toQuery(d: Draft): AuditQuery {
  return {
    action: (d.action || undefined) as EventType | undefined,
    subject_type: d.subject_type || undefined,
    subject_key: d.subject_key.trim() || undefined,
    actor: d.actor.trim() ? Number(d.actor) : undefined,
    from: d.from ? parisLocalToIso(`${d.from}T00:00`) : undefined,
    // The whole last day: before midnight that ends it.
    to: d.to ? new Date(Date.parse(parisLocalToIso(`${d.to}T23:59`)) + 60_000).toISOString() : undefined,
  };
}

export function JournalPage() {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [filters, setFilters] = useState<AuditQuery>({});
  const query = useInfiniteQuery({
    queryKey: auditKeys.list(filters),
    queryFn: ({ pageParam }) => listAudit({ ...filters, limit: 30, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const entries = query.data?.pages.flatMap((p) => p.items) ?? [];
  const set = (k: keyof Draft) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [k]: e.target.value }));
  function submit(e: FormEvent) {
    e.preventDefault();
    setFilters(toQuery(draft));
  }
  function byActor(id: number) {
    const next = { ...draft, actor: String(id) };
    setDraft(next);
    setFilters(toQuery(next));
  }
  return (
    <>
      <Crumbs segments={[{ label: t("admin.title"), to: paths.admin() }]} current={t("admin.journal")} />
      <PageHeading title={t("admin.journal")} />
      <p>{t("admin.journal.intro")}</p>
      <form onSubmit={submit} className="od-filters fr-mb-4w" aria-label={t("admin.journal.filters")}>
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-4">
            <Select
              label={t("admin.journal.actionFilter")}
              nativeSelectProps={{ name: "action", value: draft.action, onChange: set("action") }}
            >
              <option value="">{t("common.any")}</option>
              {ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {t(actionKey(a))}
                </option>
              ))}
            </Select>
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <Select
              label={t("admin.journal.kindFilter")}
              nativeSelectProps={{ name: "subject_type", value: draft.subject_type, onChange: set("subject_type") }}
            >
              <option value="">{t("common.any")}</option>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(kindKey(k))}
                </option>
              ))}
            </Select>
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <Input
              label={t("admin.journal.keyFilter")}
              hintText={t("admin.journal.keyFilterHint")}
              nativeInputProps={{ name: "subject_key", value: draft.subject_key, onChange: set("subject_key") }}
            />
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <Input
              label={t("admin.journal.actorFilter")}
              hintText={t("admin.journal.actorFilterHint")}
              nativeInputProps={{ name: "actor", type: "number", min: 1, value: draft.actor, onChange: set("actor") }}
            />
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <Input
              label={t("admin.journal.from")}
              nativeInputProps={{ name: "from", type: "date", value: draft.from, onChange: set("from") }}
            />
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <Input
              label={t("admin.journal.to")}
              nativeInputProps={{ name: "to", type: "date", value: draft.to, onChange: set("to") }}
            />
          </div>
        </div>
        <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left">
          <li>
            <Button type="submit" iconPosition="left" iconId="fr-icon-filter-line">
              {t("admin.journal.apply")}
            </Button>
          </li>
          <li>
            <Button
              type="button"
              priority="secondary"
              onClick={() => {
                setDraft(EMPTY);
                setFilters({});
              }}
            >
              {t("admin.journal.reset")}
            </Button>
          </li>
        </ul>
      </form>
      <QueryState query={query} isEmpty={() => entries.length === 0} empty={t("admin.journal.empty")}>
        {() => (
          <DataTable caption={t("admin.journal")} hideCaption>
            <thead>
              <tr>
                <th scope="col">{t("admin.journal.when")}</th>
                <th scope="col">{t("admin.journal.who")}</th>
                <th scope="col">{t("admin.journal.what")}</th>
                <th scope="col">{t("admin.journal.record")}</th>
                <th scope="col">{t("admin.journal.changes")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <Row key={e.id} entry={e} onActor={byActor} />
              ))}
            </tbody>
          </DataTable>
        )}
      </QueryState>
      <LoadMore
        hasMore={query.hasNextPage}
        loading={query.isFetchingNextPage}
        onClick={() => void query.fetchNextPage()}
        label={t("admin.journal.loadMore")}
      />
    </>
  );
}

function Row({ entry: e, onActor }: { entry: AuditEntry; onActor: (id: number) => void }) {
  const { t, dateTime } = useI18n();
  const subject = e.subject;
  const page =
    subject && subject.type in SUBJECTS && !e.action.endsWith(".deleted")
      ? SUBJECTS[subject.type as SubjectKind].path(subject.key)
      : null;
  return (
    <tr>
      <td>
        <time dateTime={e.at}>{dateTime(e.at)}</time>
      </td>
      <td>
        {e.actor ? (
          <Button
            priority="tertiary no outline"
            size="small"
            className="od-link-button"
            onClick={() => onActor(e.actor!.id)}
            title={t("admin.journal.byActor", { name: e.actor.display_name })}
          >
            {`${e.actor.display_name} (${t(`role.${e.actor.role}`)})`}
          </Button>
        ) : (
          t("admin.journal.noActor")
        )}
      </td>
      <td>{t(actionKey(e.action))}</td>
      <td>
        {subject &&
          (page ? (
            <Link to={page}>{`${t(kindKey(subject.type))} ${subject.key}`}</Link>
          ) : (
            `${t(kindKey(subject.type))} ${subject.key}`
          ))}
      </td>
      <td>
        <Changes before={e.before} after={e.after} />
      </td>
    </tr>
  );
}

/** The fields that differ between before and after (all of them for a creation or deletion). */
export function changedFields(before: unknown, after: unknown): { field: string; before: string; after: string }[] {
  const b = (before && typeof before === "object" ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === "object" ? after : {}) as Record<string, unknown>;
  const show = (v: unknown) => (v === undefined || v === null ? "—" : typeof v === "string" ? v : JSON.stringify(v));
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (k) =>
      !["updated_at", "created_at", "subject_id", "id"].includes(k) && JSON.stringify(b[k]) !== JSON.stringify(a[k]),
  );
  return fields.map((field) => ({ field, before: show(b[field]), after: show(a[field]) }));
}

function Changes({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useI18n();
  const rows = changedFields(before, after);
  if (rows.length === 0) return null;
  return (
    <details className="od-audit-changes">
      <summary>{t("admin.journal.fieldsChanged", { count: rows.length })}</summary>
      <dl>
        {rows.map((r) => (
          <div key={r.field}>
            <dt>{r.field}</dt>
            <dd>{t("admin.journal.fromTo", { before: r.before.slice(0, 300), after: r.after.slice(0, 300) })}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
