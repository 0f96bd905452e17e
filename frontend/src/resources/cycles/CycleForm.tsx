// Start or edit a cycle: title, period, description and the commitments it sets out to follow.
import { useState } from "react";
import { useNavigate, useParams } from "react-router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { createCycle, cycleKeys, getCycle, updateCycle, type Cycle } from "./queries";
import { AdminFormLoading, AdminFormShell } from "../../components/AdminFormShell";
import { missingFields, useFieldState } from "../../components/forms";
import { useI18n } from "../../i18n";
import { CommitmentPicker } from "../forums/ForumForm";
import { paths } from "../../app/resources";

export function CycleForm() {
  const { slug } = useParams();
  const { t } = useI18n();
  const existing = useQuery({ queryKey: cycleKeys.one(slug ?? ""), queryFn: () => getCycle(slug!), enabled: !!slug });
  const title = slug ? t("cycles.edit") : t("cycles.new");
  if (slug && (existing.isPending || existing.isError))
    return <AdminFormLoading title={title} error={existing.error} />;
  return <CycleFormBody key={slug ?? "new"} cycle={slug ? existing.data : undefined} title={title} />;
}

function CycleFormBody({ cycle, title }: { cycle?: Cycle; title: string }) {
  const { t } = useI18n();
  const fieldState = useFieldState();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [f, setF] = useState({
    title: cycle?.title ?? "",
    description: cycle?.description ?? "",
    starts_on: cycle?.starts_on ?? "",
    ends_on: cycle?.ends_on ?? "",
  });
  const [selected, setSelected] = useState<number[]>(cycle?.coverage.map((c) => c.commitment.id) ?? []);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((p) => ({ ...p, [k]: e.target.value }));
  const save = useMutation({
    mutationFn: async () => {
      const missing = missingFields(
        { title: f.title, starts_on: f.starts_on, ends_on: f.ends_on },
        t("common.required"),
        t("common.invalidForm"),
      );
      if (missing) throw missing;
      const body = {
        title: f.title.trim(),
        description: f.description,
        starts_on: f.starts_on,
        ends_on: f.ends_on,
        commitment_ids: selected,
      };
      return cycle ? updateCycle(cycle.slug, body) : createCycle(body);
    },
    onSuccess: async (saved) => {
      await qc.invalidateQueries({ queryKey: cycleKeys.all });
      qc.setQueryData(cycleKeys.one(saved.slug), saved);
      void navigate(paths.cycle(saved.slug));
    },
  });
  const err = save.isError ? save.error : null;
  return (
    <AdminFormShell
      title={title}
      crumbs={[{ label: t("cycles.title"), to: paths.cycles() }]}
      error={err}
      saving={save.isPending}
      onSubmit={() => save.mutate()}
    >
      <Input
        label={t("cycles.form.title")}
        {...fieldState(err, "title")}
        nativeInputProps={{ name: "title", required: true, value: f.title, onChange: set("title") }}
      />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label={t("cycles.form.startsOn")}
            {...fieldState(err, "starts_on")}
            nativeInputProps={{
              type: "date",
              name: "starts_on",
              required: true,
              value: f.starts_on,
              onChange: set("starts_on"),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label={t("cycles.form.endsOn")}
            {...fieldState(err, "ends_on")}
            nativeInputProps={{
              type: "date",
              name: "ends_on",
              required: true,
              value: f.ends_on,
              onChange: set("ends_on"),
            }}
          />
        </div>
      </div>
      <Input
        textArea
        label={t("common.optional", { label: t("cycles.form.description") })}
        {...fieldState(err, "description")}
        nativeTextAreaProps={{ name: "description", rows: 5, value: f.description, onChange: set("description") }}
      />
      <CommitmentPicker
        selected={selected}
        onChange={setSelected}
        error={fieldState(err, "commitment_ids").stateRelatedMessage}
        legend={t("cycles.form.commitments")}
      />
    </AdminFormShell>
  );
}
