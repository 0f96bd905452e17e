// Start or edit a cycle: title, period, description and the commitments it sets out to follow.
import { useState } from "react";
import { useParams } from "react-router";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { createCycle, cycleKeys, getCycle, updateCycle, type Cycle, type NewCycle } from "./queries";
import { AdminFormShell, EditRecord } from "../../components/adminForm/AdminFormShell";
import { requiredBy, useAdminForm } from "../../components/adminForm/useAdminForm";
import { useI18n } from "../../i18n";
import { CommitmentPicker } from "../forums/ForumForm";
import { paths } from "../../app/resources";

const REQUIRED = requiredBy<NewCycle>()("title", "starts_on", "ends_on");

export function CycleForm() {
  const { slug } = useParams();
  const { t } = useI18n();
  const title = slug ? t("cycles.edit") : t("cycles.new");
  return (
    <EditRecord id={slug} title={title} queryKey={cycleKeys.one(slug ?? "")} load={getCycle}>
      {(cycle) => <CycleFormBody cycle={cycle} title={title} />}
    </EditRecord>
  );
}

function CycleFormBody({ cycle, title }: { cycle?: Cycle; title: string }) {
  const { t } = useI18n();
  const [selected, setSelected] = useState<number[]>(cycle?.coverage.map((c) => c.commitment.id) ?? []);
  const form = useAdminForm({
    initial: {
      title: cycle?.title ?? "",
      description: cycle?.description ?? "",
      starts_on: cycle?.starts_on ?? "",
      ends_on: cycle?.ends_on ?? "",
    },
    required: REQUIRED,
    save: (f) => {
      const body = { ...f, title: f.title.trim(), commitment_ids: selected };
      return cycle ? updateCycle(cycle.slug, body) : createCycle(body);
    },
    invalidate: [cycleKeys.all],
    onSaved: (saved, qc) => qc.setQueryData(cycleKeys.one(saved.slug), saved),
    then: (saved) => paths.cycle(saved.slug),
  });
  return (
    <AdminFormShell
      title={title}
      crumbs={[{ label: t("cycles.title"), to: paths.cycles() }]}
      error={form.error}
      links={form.links}
      saving={form.saving}
      onSubmit={form.submit}
    >
      <Input {...form.input("title", t("cycles.form.title"))} />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input {...form.input("starts_on", t("cycles.form.startsOn"), { type: "date" })} />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input {...form.input("ends_on", t("cycles.form.endsOn"), { type: "date" })} />
        </div>
      </div>
      <Input
        {...form.textArea("description", t("common.optional", { label: t("cycles.form.description") }), { rows: 5 })}
      />
      <CommitmentPicker
        selected={selected}
        onChange={setSelected}
        error={form.stateOf("commitment_ids").stateRelatedMessage}
        legend={t("cycles.form.commitments")}
      />
    </AdminFormShell>
  );
}
