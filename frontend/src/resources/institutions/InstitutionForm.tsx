// Admins record an institution or correct one: name, acronym, kind, SIREN, website. A new name
// is copied to the commitments and action items that name it.
import { useState } from "react";
import { useNavigate, useParams } from "react-router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import {
  INSTITUTION_KINDS,
  createInstitution,
  getInstitution,
  institutionKeys,
  updateInstitution,
  type Institution,
} from "./queries";
import { AdminFormLoading, AdminFormShell } from "../../components/AdminFormShell";
import { missingFields, useFieldState } from "../../components/forms";
import { commitmentKeys } from "../commitments/queries";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";

export function InstitutionForm() {
  const { slug } = useParams();
  const { t } = useI18n();
  const existing = useQuery({
    queryKey: institutionKeys.one(slug ?? ""),
    queryFn: () => getInstitution(slug!),
    enabled: !!slug,
  });
  const title = slug ? t("institutions.edit") : t("institutions.new");
  if (slug && (existing.isPending || existing.isError))
    return <AdminFormLoading title={title} error={existing.error} />;
  return <Body key={slug ?? "new"} institution={slug ? existing.data : undefined} title={title} />;
}

function Body({ institution, title }: { institution?: Institution; title: string }) {
  const { t } = useI18n();
  const fieldState = useFieldState();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [f, setF] = useState({
    name: institution?.name ?? "",
    acronym: institution?.acronym ?? "",
    kind: institution?.kind ?? "ministry",
    siren: institution?.siren ?? "",
    website: institution?.website ?? "",
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((p) => ({ ...p, [k]: e.target.value }));
  const save = useMutation({
    mutationFn: async () => {
      const missing = missingFields({ name: f.name }, t("common.required"), t("common.invalidForm"));
      if (missing) throw missing;
      const body = {
        name: f.name.trim(),
        acronym: f.acronym.trim() || null,
        kind: f.kind,
        siren: f.siren.trim() || null,
        website: f.website.trim() || null,
      };
      return institution ? updateInstitution(institution.slug, body) : createInstitution(body);
    },
    onSuccess: async (saved) => {
      await qc.invalidateQueries({ queryKey: institutionKeys.all });
      // Commitment pages name their institutions.
      await qc.invalidateQueries({ queryKey: commitmentKeys.all });
      qc.setQueryData(institutionKeys.one(saved.slug), saved);
      void navigate(paths.institution(saved.slug));
    },
  });
  const err = save.isError ? save.error : null;
  return (
    <AdminFormShell
      title={title}
      crumbs={[{ label: t("institutions.title"), to: paths.institutions() }]}
      error={err}
      saving={save.isPending}
      onSubmit={() => save.mutate()}
    >
      <Input
        label={t("institutions.form.name")}
        {...fieldState(err, "name")}
        nativeInputProps={{ name: "name", required: true, maxLength: 300, value: f.name, onChange: set("name") }}
      />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label={t("common.optional", { label: t("institutions.form.acronym") })}
            {...fieldState(err, "acronym")}
            nativeInputProps={{ name: "acronym", maxLength: 30, value: f.acronym, onChange: set("acronym") }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Select
            label={t("institutions.form.kind")}
            {...fieldState(err, "kind")}
            nativeSelectProps={{ name: "kind", value: f.kind, onChange: set("kind") }}
          >
            {INSTITUTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`institutions.kind.${k}`)}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label={t("common.optional", { label: t("institutions.form.siren") })}
            {...fieldState(err, "siren")}
            nativeInputProps={{
              name: "siren",
              inputMode: "numeric",
              maxLength: 9,
              value: f.siren,
              onChange: set("siren"),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label={t("common.optional", { label: t("institutions.form.website") })}
            hintText="https://…"
            {...fieldState(err, "website")}
            nativeInputProps={{
              type: "url",
              name: "website",
              maxLength: 500,
              value: f.website,
              onChange: set("website"),
            }}
          />
        </div>
      </div>
    </AdminFormShell>
  );
}
