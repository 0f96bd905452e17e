// Admins record an institution or correct one: name, acronym, kind, SIREN, website. A new name
// is copied to the commitments and action items that name it.
import { useParams } from "react-router";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import {
  INSTITUTION_KINDS,
  createInstitution,
  getInstitution,
  institutionKeys,
  updateInstitution,
  type Institution,
  type NewInstitution,
} from "./queries";
import { AdminFormShell, EditRecord } from "../../components/adminForm/AdminFormShell";
import { requiredBy, useAdminForm } from "../../components/adminForm/useAdminForm";
import { commitmentKeys } from "../commitments/queries";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";

const REQUIRED = requiredBy<NewInstitution>()("name", "kind");

export function InstitutionForm() {
  const { slug } = useParams();
  const { t } = useI18n();
  const title = slug ? t("institutions.edit") : t("institutions.new");
  return (
    <EditRecord id={slug} title={title} queryKey={institutionKeys.one(slug ?? "")} load={getInstitution}>
      {(institution) => <Body institution={institution} title={title} />}
    </EditRecord>
  );
}

function Body({ institution, title }: { institution?: Institution; title: string }) {
  const { t } = useI18n();
  const form = useAdminForm({
    initial: {
      name: institution?.name ?? "",
      acronym: institution?.acronym ?? "",
      kind: institution?.kind ?? "ministry",
      siren: institution?.siren ?? "",
      website: institution?.website ?? "",
    },
    required: REQUIRED,
    save: (f) => {
      const body = {
        name: f.name.trim(),
        acronym: f.acronym.trim() || null,
        kind: f.kind,
        siren: f.siren.trim() || null,
        website: f.website.trim() || null,
      };
      return institution ? updateInstitution(institution.slug, body) : createInstitution(body);
    },
    // Commitment pages name their institutions.
    invalidate: [institutionKeys.all, commitmentKeys.all],
    onSaved: (saved, qc) => qc.setQueryData(institutionKeys.one(saved.slug), saved),
    then: (saved) => paths.institution(saved.slug),
  });
  const optional = (key: Parameters<typeof t>[0]) => t("common.optional", { label: t(key) });
  return (
    <AdminFormShell
      title={title}
      crumbs={[{ label: t("institutions.title"), to: paths.institutions() }]}
      error={form.error}
      links={form.links}
      saving={form.saving}
      onSubmit={form.submit}
    >
      <Input {...form.input("name", t("institutions.form.name"), { maxLength: 300 })} />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input {...form.input("acronym", optional("institutions.form.acronym"), { maxLength: 30 })} />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Select {...form.select("kind", t("institutions.form.kind"))}>
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
            {...form.input("siren", optional("institutions.form.siren"), { inputMode: "numeric", maxLength: 9 })}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            {...form.input("website", optional("institutions.form.website"), { type: "url", maxLength: 500 })}
            hintText="https://…"
          />
        </div>
      </div>
    </AdminFormShell>
  );
}
