// The institutions, in name order, filtered by kind and text (filters in the address).
import { Link, useSearchParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { isAdmin, useSession } from "../../auth/session";
import { INSTITUTION_KINDS, institutionKeys, listInstitutions, type InstitutionKind } from "./queries";
import { Crumbs } from "../../components/Crumbs";
import { PageHeading } from "../../components/PageHeading";
import { QueryState } from "../../components/QueryState";
import { useI18n } from "../../i18n";
import { formText } from "../../components/forms";
import { wholeList } from "../../api/lists";
import { paths } from "../../app/resources";

export default function InstitutionsPage() {
  const { t, number } = useI18n();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const kind = (INSTITUTION_KINDS as string[]).includes(params.get("kind") ?? "")
    ? (params.get("kind") as InstitutionKind)
    : undefined;
  const text = params.get("q") ?? "";
  const query = { kind, q: text || undefined, limit: 100 };
  const q = useQuery({
    queryKey: institutionKeys.list(query),
    queryFn: () => wholeList((cursor) => listInstitutions({ ...query, cursor })),
  });
  return (
    <>
      <Crumbs current={t("institutions.title")} />
      <div className="od-title-row">
        <PageHeading title={t("institutions.title")} />
        {isAdmin(user?.role) && (
          <Button iconPosition="left" iconId="fr-icon-add-line" linkProps={{ to: paths.newInstitution() }}>
            {t("institutions.new")}
          </Button>
        )}
      </div>
      <p className="fr-text--lead">{t("institutions.intro")}</p>
      <p>
        <Link className="fr-link fr-icon-bar-chart-box-line fr-link--icon-left" to={paths.compare()}>
          {t("record.compare")}
        </Link>
      </p>
      <form
        className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-3w"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          const next = new URLSearchParams();
          const k = formText(data, "kind");
          const s = formText(data, "q").trim();
          if (k) next.set("kind", k);
          if (s) next.set("q", s);
          setParams(next);
        }}
      >
        <div className="fr-col-12 fr-col-md-5">
          <Input
            label={t("institutions.search")}
            nativeInputProps={{ name: "q", defaultValue: text, maxLength: 200 }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Select label={t("institutions.filter.kind")} nativeSelectProps={{ name: "kind", defaultValue: kind ?? "" }}>
            <option value="">{t("institutions.filter.all")}</option>
            {INSTITUTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`institutions.kind.${k}`)}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <Button type="submit">{t("institutions.filter.submit")}</Button>
        </div>
      </form>
      <QueryState query={q} isEmpty={(data) => data.items.length === 0} empty={t("institutions.empty")}>
        {(data) => (
          <ul className="od-plain-list">
            {data.items.map((i) => (
              <li key={i.id} className="fr-mb-2w">
                <div className="fr-card fr-card--horizontal fr-enlarge-link">
                  <div className="fr-card__body">
                    <div className="fr-card__content">
                      <h2 className="fr-card__title fr-h5">
                        <Link to={paths.institution(i.slug)}>
                          {i.name}
                          {i.acronym && ` (${i.acronym})`}
                        </Link>
                      </h2>
                      <p className="fr-card__desc">
                        {t("institutions.card", { lead: number(i.lead_count), support: number(i.support_count) })}
                      </p>
                      <div className="fr-card__start">
                        <p className="fr-card__detail">{t(`institutions.kind.${i.kind}`)}</p>
                      </div>
                    </div>
                  </div>
                </div>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </>
  );
}
