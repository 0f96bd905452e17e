// Record an action item of a held forum (/admin/forums/:slug/actions/nouvelle), or edit one
// (/admin/actions/:id). Its status changes on its page, where the history is kept.
import { useId, useState } from "react";
import { useNavigate, useParams } from "react-router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { actionKeys, createActionItem, getActionItem, updateActionItem, type ActionItem } from "./queries";
import { allInstitutions, institutionKeys } from "../institutions/queries";
import { AdminFormLoading, AdminFormShell } from "../../components/AdminFormShell";
import { missingFields, useFieldState } from "../../components/forms";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";

export function ActionItemForm() {
  const { slug, id } = useParams();
  const { t } = useI18n();
  const numeric = Number(id);
  const existing = useQuery({
    queryKey: actionKeys.one(numeric),
    queryFn: () => getActionItem(numeric),
    enabled: !!id,
  });
  const title = id ? t("actions.edit") : t("actions.add");
  if (id && (existing.isPending || existing.isError)) return <AdminFormLoading title={title} error={existing.error} />;
  return <ActionItemFormBody key={id ?? "new"} forumSlug={slug} item={id ? existing.data : undefined} title={title} />;
}

function ActionItemFormBody({ forumSlug, item, title }: { forumSlug?: string; item?: ActionItem; title: string }) {
  const { t } = useI18n();
  const fieldState = useFieldState();
  const navigate = useNavigate();
  const qc = useQueryClient();
  // An institution owner named as a record is linked to it (the server matches the name, any case).
  const institutions = useQuery({ queryKey: institutionKeys.options, queryFn: allInstitutions });
  const namesId = useId();
  const [f, setF] = useState({
    title: item?.title ?? "",
    description: item?.description ?? "",
    ownerKind: item?.owner.kind ?? ("institution" as const),
    ownerName: item?.owner.name ?? "",
    dueOn: item?.due_on ?? "",
    commitment: item?.commitment?.code ?? "",
    milestone: item?.milestone ? String(item.milestone.id) : "",
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((p) => ({ ...p, [k]: e.target.value }));
  const save = useMutation({
    mutationFn: async () => {
      const missing = missingFields(
        { title: f.title, "owner.name": f.ownerName, due_on: f.dueOn },
        t("common.required"),
        t("common.invalidForm"),
      );
      if (missing) throw missing;
      const body = {
        title: f.title.trim(),
        description: f.description,
        owner: { kind: f.ownerKind, name: f.ownerName.trim() },
        due_on: f.dueOn,
      };
      const milestone = f.milestone.trim() ? Number(f.milestone) : null;
      if (item)
        return updateActionItem(item.id, { ...body, commitment: f.commitment.trim() || null, milestone_id: milestone });
      return createActionItem(forumSlug!, {
        ...body,
        commitment: f.commitment.trim() || null,
        milestone_id: milestone,
      });
    },
    onSuccess: async (saved) => {
      qc.setQueryData(actionKeys.one(saved.id), saved);
      await qc.invalidateQueries({ queryKey: actionKeys.all });
      void navigate(paths.actionItem(saved.id));
    },
  });
  const err = save.isError ? save.error : null;
  return (
    <AdminFormShell title={title} error={err} saving={save.isPending} onSubmit={() => save.mutate()}>
      <Input
        label={t("actions.form.title")}
        {...fieldState(err, "title")}
        nativeInputProps={{ name: "title", required: true, value: f.title, onChange: set("title") }}
      />
      <Input
        textArea
        label={t("common.optional", { label: t("actions.form.description") })}
        {...fieldState(err, "description")}
        nativeTextAreaProps={{ name: "description", rows: 4, value: f.description, onChange: set("description") }}
      />
      <RadioButtons
        legend={t("actions.form.ownerKind")}
        orientation="horizontal"
        options={(["institution", "person"] as const).map((k) => ({
          label: t(`actions.owner.${k}`),
          nativeInputProps: {
            name: "owner_kind",
            value: k,
            checked: f.ownerKind === k,
            onChange: () => setF((p) => ({ ...p, ownerKind: k })),
          },
        }))}
      />
      <Input
        label={t("actions.form.ownerName")}
        hintText={f.ownerKind === "institution" ? t("actions.form.ownerInstitutionHint") : undefined}
        {...fieldState(err, "owner.name")}
        nativeInputProps={{
          name: "owner_name",
          required: true,
          value: f.ownerName,
          onChange: set("ownerName"),
          list: f.ownerKind === "institution" ? namesId : undefined,
          autoComplete: "off",
        }}
      />
      {f.ownerKind === "institution" && (
        <>
          <datalist id={namesId}>
            {(institutions.data ?? []).map((i) => (
              <option key={i.id} value={i.name} />
            ))}
          </datalist>
          {f.ownerName.trim() !== "" && institutions.data && (
            <p className="fr-text--sm">
              {institutions.data.some((i) => i.name.toLowerCase() === f.ownerName.trim().toLowerCase())
                ? t("actions.form.ownerRecognised")
                : t("actions.form.ownerUnknown")}
            </p>
          )}
        </>
      )}
      <Input
        label={t("actions.form.dueOn")}
        hintText={t("actions.form.dueHint")}
        {...fieldState(err, "due_on")}
        nativeInputProps={{ type: "date", name: "due_on", required: true, value: f.dueOn, onChange: set("dueOn") }}
      />
      <Input
        label={t("common.optional", { label: t("actions.form.commitment") })}
        {...fieldState(err, "commitment")}
        nativeInputProps={{ name: "commitment", value: f.commitment, onChange: set("commitment") }}
      />
      <Input
        label={t("common.optional", { label: t("actions.form.milestone") })}
        {...fieldState(err, "milestone_id")}
        nativeInputProps={{
          type: "number",
          min: 1,
          name: "milestone_id",
          value: f.milestone,
          onChange: set("milestone"),
        }}
      />
    </AdminFormShell>
  );
}
