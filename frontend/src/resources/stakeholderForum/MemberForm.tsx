// Admins add a member of the multi-stakeholder forum or change one: name, side, organisation,
// position, and the term (first and last day, Paris; no last day: until further notice). A term
// ending before it starts is refused by the API (422, or 409 against the stored start): said on
// the field, in the reader's language.
import { useNavigate, useParams } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import "./messages";
import {
  addMember,
  CATEGORIES,
  getMember,
  removeMember,
  stakeholderForumKeys,
  updateMember,
  type Member,
  type MemberCategory,
  type NewMember,
} from "./queries";
import { ApiError } from "../../api/errors";
import { AdminFormShell, EditRecord } from "../../components/adminForm/AdminFormShell";
import { requiredBy, useAdminForm } from "../../components/adminForm/useAdminForm";
import type { Removed } from "../../admin/shared";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";

const REQUIRED = requiredBy<NewMember>()("name", "category", "organisation", "term_starts_on");

/** The API's "range" on a term's day (its English message has no bounds to word it from), worded. */
export function wordTermError(error: unknown, message: string): unknown {
  if (!(error instanceof ApiError)) return error;
  const errors = error.fieldErrors.map((e) =>
    e.code === "range" && (e.field === "term_ends_on" || e.field === "term_starts_on") ? { ...e, message } : e,
  );
  return new ApiError({ status: error.status, code: error.code, detail: error.detail, title: error.title, errors });
}

export function MemberForm() {
  const { id } = useParams();
  const { t } = useI18n();
  const title = id ? t("memberAdmin.edit") : t("memberAdmin.add");
  return (
    <EditRecord id={id} title={title} queryKey={[...stakeholderForumKeys.members, id ?? ""]} load={getMember}>
      {(member) => <Body member={member} title={title} />}
    </EditRecord>
  );
}

function Body({ member, title }: { member?: Member; title: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const form = useAdminForm({
    initial: {
      name: member?.name ?? "",
      category: member?.category ?? "",
      organisation: member?.organisation ?? "",
      position: member?.position ?? "",
      term_starts_on: member?.term_starts_on ?? "",
      term_ends_on: member?.term_ends_on ?? "",
    },
    required: REQUIRED,
    save: async (f) => {
      const body = {
        name: f.name.trim(),
        category: f.category as MemberCategory,
        organisation: f.organisation.trim(),
        // `null`: no position, and a term until further notice (on a change too).
        position: f.position.trim() || null,
        term_starts_on: f.term_starts_on,
        term_ends_on: f.term_ends_on || null,
      };
      try {
        return await (member ? updateMember(member.id, body) : addMember(body));
      } catch (e) {
        throw wordTermError(e, t("member.field.endsBeforeStart"));
      }
    },
    invalidate: [stakeholderForumKeys.all],
    then: () => paths.stakeholderForumAdmin(),
  });
  async function remove() {
    await removeMember(member!.id);
    await qc.invalidateQueries({ queryKey: stakeholderForumKeys.all });
    const removed: Removed = { title: member!.name, archived: false };
    void navigate(paths.stakeholderForumAdmin(), { state: { removed } });
  }
  return (
    <AdminFormShell
      title={title}
      crumbs={[{ label: t("memberAdmin.title"), to: paths.stakeholderForumAdmin() }]}
      error={form.error}
      links={form.links}
      saving={form.saving}
      onSubmit={form.submit}
      deletion={
        member
          ? {
              consequences: t("memberAdmin.removeBody", { name: member.name }),
              confirmLabel: t("memberAdmin.remove"),
              run: remove,
            }
          : undefined
      }
    >
      <Input {...form.input("name", t("member.field.name"), { maxLength: 200, autoComplete: "off" })} />
      <Select {...form.select("category", t("member.field.category"))} hint={t("member.field.categoryHint")}>
        <option value="" disabled>
          {t("member.field.chooseCategory")}
        </option>
        {CATEGORIES.map((c) => (
          <option key={c} value={c}>
            {t(`member.category.${c}`)}
          </option>
        ))}
      </Select>
      <Input {...form.input("organisation", t("member.field.organisation"), { maxLength: 200 })} />
      <Input
        {...form.input("position", t("common.optional", { label: t("member.field.position") }), { maxLength: 200 })}
        hintText={t("member.field.positionHint")}
      />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input {...form.input("term_starts_on", t("member.field.startsOn"), { type: "date" })} />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            {...form.input("term_ends_on", t("common.optional", { label: t("member.field.endsOn") }), { type: "date" })}
            hintText={t("member.field.endsOnHint")}
          />
        </div>
      </div>
    </AdminFormShell>
  );
}
