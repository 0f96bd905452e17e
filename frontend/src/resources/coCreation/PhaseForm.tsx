// Adding a phase to a plan's co-creation timeline, or changing one (admins): its kind, title,
// description, first and last day (Paris), and whether members may propose during it.
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import "./messages";
import { coCreationKeys, createPhase, PHASE_KINDS, updatePhase, type Phase, type PhaseKind } from "./queries";
import { ProblemAlert } from "../../components/QueryState";
import { useAction } from "../../components/actions";
import { missingFields, useFieldErrors } from "../../components/forms";
import { useI18n } from "../../i18n";

type Fields = { kind: PhaseKind | ""; title: string; description: string; opens_on: string; closes_on: string };

/** `phase`: the one to change (else a new one for `plan`); `onDone` once saved (or cancelled,
 *  for a change), with the phase saved. */
export function PhaseForm({
  plan,
  phase,
  onDone,
}: {
  plan: string;
  phase?: Phase;
  onDone?: (saved: Phase | null) => void;
}) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const initial: Fields = {
    kind: phase?.kind ?? "",
    title: phase?.title ?? "",
    description: phase?.description ?? "",
    opens_on: phase?.opens_on ?? "",
    closes_on: phase?.closes_on ?? "",
  };
  const [f, setF] = useState(initial);
  const [accepts, setAccepts] = useState(phase?.accepts_proposals ?? false);
  const prefix = phase ? `phase-${phase.id}-` : "new-phase-";
  const headingId = `${prefix}title`;
  const save = useAction({
    mutationFn: () => {
      const required = { kind: f.kind, title: f.title, opens_on: f.opens_on, closes_on: f.closes_on };
      const missing = missingFields(required, t("common.required"), t("common.invalidForm"));
      if (missing) return Promise.reject(missing);
      const body = {
        kind: f.kind as PhaseKind,
        title: f.title.trim(),
        // A change sends "" to clear it (null would leave it as it is).
        description: phase ? f.description.trim() : f.description.trim() || null,
        opens_on: f.opens_on,
        closes_on: f.closes_on,
        accepts_proposals: accepts,
      };
      return phase ? updatePhase(phase.id, body) : createPhase(plan, body);
    },
    onSuccess: async (saved) => {
      await qc.invalidateQueries({ queryKey: coCreationKeys.all });
      if (!phase) {
        setF(initial);
        setAccepts(false);
      }
      onDone?.(saved);
    },
    done: phase ? "phase.saved" : "phase.added",
    // A new phase: the keyboard lands on it in the list; a changed one: on its edit button.
    focus: (saved) => (phase ? `phase-${saved.id}-edit` : `phase-${saved.id}`),
  });
  const err = save.isError ? save.error : null;
  const fields = useFieldErrors(err, prefix);
  const set = (patch: Partial<Fields>) => setF((prev) => ({ ...prev, ...patch }));
  return (
    <form
      className="od-box fr-mt-2w"
      aria-labelledby={headingId}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h3 id={headingId} className="fr-h6">
        {phase ? t("timelineAdmin.editNamed", { title: phase.title }) : t("timelineAdmin.add")}
      </h3>
      {err !== null && <ProblemAlert error={err} fieldLinks={fields.links} focus />}
      <Select
        label={t("phase.field.kind")}
        {...fields.state("kind", t("phase.field.kind"))}
        nativeSelectProps={{
          ...fields.native("kind"),
          required: true,
          value: f.kind,
          onChange: (e) => set({ kind: e.target.value as PhaseKind }),
        }}
      >
        <option value="" disabled>
          {t("phase.field.kind")}
        </option>
        {PHASE_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`phase.kind.${k}`)}
          </option>
        ))}
      </Select>
      <Input
        label={t("phase.field.title")}
        {...fields.state("title", t("phase.field.title"))}
        nativeInputProps={{
          ...fields.native("title"),
          required: true,
          maxLength: 200,
          value: f.title,
          onChange: (e) => set({ title: e.target.value }),
        }}
      />
      <Input
        textArea
        label={t("common.optional", { label: t("phase.field.description") })}
        hintText={t("phase.field.descriptionHint")}
        {...fields.state("description", t("phase.field.description"))}
        nativeTextAreaProps={{
          ...fields.native("description"),
          rows: 3,
          maxLength: 10000,
          value: f.description,
          onChange: (e) => set({ description: e.target.value }),
        }}
      />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label={t("phase.field.opensOn")}
            {...fields.state("opens_on", t("phase.field.opensOn"))}
            nativeInputProps={{
              ...fields.native("opens_on"),
              type: "date",
              required: true,
              value: f.opens_on,
              onChange: (e) => set({ opens_on: e.target.value }),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label={t("phase.field.closesOn")}
            {...fields.state("closes_on", t("phase.field.closesOn"))}
            nativeInputProps={{
              ...fields.native("closes_on"),
              type: "date",
              required: true,
              value: f.closes_on,
              onChange: (e) => set({ closes_on: e.target.value }),
            }}
          />
        </div>
      </div>
      <Checkbox
        className="fr-mt-2w"
        options={[
          {
            label: t("phase.field.accepts"),
            nativeInputProps: {
              name: `${prefix}accepts_proposals`,
              checked: accepts,
              onChange: (e) => setAccepts(e.target.checked),
            },
          },
        ]}
      />
      <ul className="fr-btns-group fr-btns-group--inline-sm">
        <li>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? t("common.saving") : phase ? t("common.save") : t("timelineAdmin.add")}
          </Button>
        </li>
        {phase && (
          <li>
            <Button type="button" priority="secondary" onClick={() => onDone?.(null)}>
              {t("common.cancel")}
            </Button>
          </li>
        )}
      </ul>
    </form>
  );
}
