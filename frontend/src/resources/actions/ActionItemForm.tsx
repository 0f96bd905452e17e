// Record an action item of a held forum (/admin/forums/:slug/actions/nouvelle), or edit one
// (/admin/actions/:id). Its status changes on its page, where the history is kept.
import { useId } from "react";
import { useParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import {
  actionKeys,
  createActionItem,
  getActionItem,
  updateActionItem,
  type ActionItem,
  type NewActionItem,
} from "./queries";
import { allInstitutions, institutionKeys } from "../institutions/queries";
import { AdminFormShell, EditRecord } from "../../components/adminForm/AdminFormShell";
import { requiredBy, useAdminForm } from "../../components/adminForm/useAdminForm";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";

const REQUIRED = requiredBy<NewActionItem>()("title", "due_on");

export function ActionItemForm() {
  const { slug, id } = useParams();
  const { t } = useI18n();
  const title = id ? t("actions.edit") : t("actions.add");
  return (
    <EditRecord id={id} title={title} queryKey={actionKeys.one(Number(id))} load={(key) => getActionItem(Number(key))}>
      {(item) => <ActionItemFormBody forumSlug={slug} item={item} title={title} />}
    </EditRecord>
  );
}

function ActionItemFormBody({ forumSlug, item, title }: { forumSlug?: string; item?: ActionItem; title: string }) {
  const { t } = useI18n();
  // An institution owner named as a record is linked to it (the server matches the name, any case).
  const institutions = useQuery({ queryKey: institutionKeys.options, queryFn: allInstitutions });
  const namesId = useId();
  const form = useAdminForm({
    initial: {
      title: item?.title ?? "",
      description: item?.description ?? "",
      "owner.kind": item?.owner.kind ?? "institution",
      "owner.name": item?.owner.name ?? "",
      due_on: item?.due_on ?? "",
      commitment: item?.commitment?.code ?? "",
      milestone_id: item?.milestone ? String(item.milestone.id) : "",
    },
    // The owner is an object in the contract: its name is required too.
    required: [...REQUIRED, "owner.name"],
    save: (f) => {
      const body = {
        title: f.title.trim(),
        description: f.description,
        owner: { kind: f["owner.kind"], name: f["owner.name"].trim() },
        due_on: f.due_on,
        commitment: f.commitment.trim() || null,
        milestone_id: f.milestone_id.trim() ? Number(f.milestone_id) : null,
      };
      return item ? updateActionItem(item.id, body) : createActionItem(forumSlug!, body);
    },
    invalidate: [actionKeys.all],
    onSaved: (saved, qc) => qc.setQueryData(actionKeys.one(saved.id), saved),
    then: (saved) => paths.actionItem(saved.id),
  });
  const f = form.fields;
  const optional = (key: Parameters<typeof t>[0]) => t("common.optional", { label: t(key) });
  return (
    <AdminFormShell title={title} error={form.error} links={form.links} saving={form.saving} onSubmit={form.submit}>
      <Input {...form.input("title", t("actions.form.title"))} />
      <Input {...form.textArea("description", optional("actions.form.description"))} />
      <RadioButtons
        legend={t("actions.form.ownerKind")}
        orientation="horizontal"
        options={(["institution", "person"] as const).map((k) => ({
          label: t(`actions.owner.${k}`),
          nativeInputProps: {
            name: "owner_kind",
            value: k,
            checked: f["owner.kind"] === k,
            onChange: () => form.change({ "owner.kind": k }),
          },
        }))}
      />
      <Input
        {...form.input("owner.name", t("actions.form.ownerName"), {
          list: f["owner.kind"] === "institution" ? namesId : undefined,
          autoComplete: "off",
        })}
        hintText={f["owner.kind"] === "institution" ? t("actions.form.ownerInstitutionHint") : undefined}
      />
      {f["owner.kind"] === "institution" && (
        <>
          <datalist id={namesId}>
            {(institutions.data ?? []).map((i) => (
              <option key={i.id} value={i.name} />
            ))}
          </datalist>
          {f["owner.name"].trim() !== "" && institutions.data && (
            <p className="fr-text--sm">
              {institutions.data.some((i) => i.name.toLowerCase() === f["owner.name"].trim().toLowerCase())
                ? t("actions.form.ownerRecognised")
                : t("actions.form.ownerUnknown")}
            </p>
          )}
        </>
      )}
      <Input
        {...form.input("due_on", t("actions.form.dueOn"), { type: "date" })}
        hintText={t("actions.form.dueHint")}
      />
      <Input {...form.input("commitment", optional("actions.form.commitment"))} />
      <Input {...form.input("milestone_id", optional("actions.form.milestone"), { type: "number", min: 1 })} />
    </AdminFormShell>
  );
}
