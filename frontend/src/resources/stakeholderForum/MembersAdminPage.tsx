// Admins: the multi-stakeholder forum's members, past, current and to come, by side then name,
// each with its term and what can be done to it (changed on its form, removed after a
// confirmation); the cadence's alert when a meeting is due. Their form is ./MemberForm.tsx.
import { useState } from "react";
import { Link, useLocation } from "react-router";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import "./messages";
import { listMembers, removeMember, stakeholderForumKeys, type Member } from "./queries";
import { CadenceWarning } from "./Cadence";
import { RemovedNotice, type Removed } from "../../admin/shared";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { Crumbs } from "../../components/Crumbs";
import { DataTable } from "../../components/DataTable";
import { PageHeading } from "../../components/PageHeading";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import { useAction } from "../../components/actions";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";

const LIST = "members-list";

/** Today in Paris, as "2027-03-03" (terms start and end on Paris days). */
const parisToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());

export function MembersAdminPage() {
  const { t } = useI18n();
  const location = useLocation();
  const members = useQuery({ queryKey: stakeholderForumKeys.members, queryFn: listMembers });
  return (
    <>
      <Crumbs segments={[{ label: t("admin.title"), to: paths.admin() }]} current={t("memberAdmin.title")} />
      <PageHeading title={t("memberAdmin.title")} />
      <p className="fr-text--lead">{t("memberAdmin.intro")}</p>
      <RemovedNotice removed={(location.state as { removed?: Removed } | null)?.removed} />
      <CadenceWarning link={false} />
      <p>
        <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" to={paths.stakeholderForum()}>
          {t("memberAdmin.public")}
        </Link>
      </p>
      <Button iconPosition="left" iconId="fr-icon-add-line" linkProps={{ to: paths.newStakeholderMember() }}>
        {t("memberAdmin.add")}
      </Button>
      <section className="fr-mt-4w" aria-labelledby={LIST}>
        <h2 id={LIST}>{t("memberAdmin.list")}</h2>
        <QueryState query={members} isEmpty={(data) => data.length === 0} empty={t("members.empty")}>
          {(data) => <MembersTable members={data} />}
        </QueryState>
      </section>
    </>
  );
}

function MembersTable({ members }: { members: Member[] }) {
  const { t } = useI18n();
  const today = parisToday();
  return (
    <DataTable caption={t("memberAdmin.list")} hideCaption>
      <thead>
        <tr>
          <th scope="col">{t("member.field.name")}</th>
          <th scope="col">{t("member.field.category")}</th>
          <th scope="col">{t("member.field.organisation")}</th>
          <th scope="col">{t("memberAdmin.term")}</th>
          <th scope="col">{t("memberAdmin.actions")}</th>
        </tr>
      </thead>
      <tbody>
        {members.map((m) => (
          <MemberRow key={m.id} member={m} today={today} />
        ))}
      </tbody>
    </DataTable>
  );
}

function MemberRow({ member: m, today }: { member: Member; today: string }) {
  const { t, calendarDate } = useI18n();
  const qc = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useAction({
    mutationFn: () => removeMember(m.id),
    onSuccess: () => qc.invalidateQueries({ queryKey: stakeholderForumKeys.all }),
    done: { key: "memberAdmin.removed", vars: { name: m.name } },
    // The row goes: the keyboard lands on the list's heading.
    focus: LIST,
  });
  const state = m.current ? "current" : m.term_starts_on > today ? "future" : "past";
  return (
    <tr>
      <th scope="row">
        {m.name}
        {m.position && (
          <>
            <br />
            <span className="fr-text--sm fr-text--regular">{m.position}</span>
          </>
        )}
      </th>
      <td>{t(`member.category.${m.category}`)}</td>
      <td>{m.organisation}</td>
      <td>
        {m.term_ends_on
          ? t("member.term.between", { from: calendarDate(m.term_starts_on), to: calendarDate(m.term_ends_on) })
          : t("member.term.since", { from: calendarDate(m.term_starts_on) })}
        <br />
        <Badge
          small
          noIcon
          severity={state === "current" ? "success" : state === "future" ? "info" : undefined}
          as="span"
        >
          {t(`member.state.${state}`)}
        </Badge>
      </td>
      <td>
        {remove.isError && <ProblemAlert error={remove.error} focus />}
        <Link
          className="fr-link fr-link--sm fr-icon-edit-line fr-link--icon-left"
          to={paths.editStakeholderMember(m.id)}
          aria-label={t("memberAdmin.editNamed", { name: m.name })}
        >
          {t("common.edit")}
        </Link>
        <div>
          <Button
            size="small"
            priority="tertiary no outline"
            iconPosition="left"
            iconId="fr-icon-delete-line"
            disabled={remove.isPending}
            nativeButtonProps={{ "aria-label": t("memberAdmin.removeNamed", { name: m.name }) }}
            onClick={() => setConfirming(true)}
          >
            {t("memberAdmin.remove")}
          </Button>
        </div>
        <ConfirmDialog
          open={confirming}
          title={t("memberAdmin.removeTitle")}
          confirmLabel={t("memberAdmin.remove")}
          busy={remove.isPending}
          onConfirm={() => {
            setConfirming(false);
            remove.mutate();
          }}
          onClose={() => setConfirming(false)}
        >
          <p>{t("memberAdmin.removeBody", { name: m.name })}</p>
        </ConfirmDialog>
      </td>
    </tr>
  );
}
