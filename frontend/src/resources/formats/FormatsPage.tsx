// The documented forum formats: each with its purpose, its current version and its duration.
import { Link } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { canEditContent, useSession } from "../../auth/session";
import { Crumbs } from "../../components/Crumbs";
import { PageHeading } from "../../components/PageHeading";
import { QueryState } from "../../components/QueryState";
import { useLangOf } from "../../components/lang";
import { useI18n } from "../../i18n";
import { formatKeys, listFormats } from "./queries";
import { paths } from "../../app/resources";

export default function FormatsPage() {
  const { t, number } = useI18n();
  const { user } = useSession();
  const langOf = useLangOf();
  const q = useQuery({ queryKey: formatKeys.list, queryFn: listFormats });
  return (
    <>
      <Crumbs current={t("formats.title")} />
      <div className="od-title-row">
        <PageHeading title={t("formats.title")} />
        {canEditContent(user?.role) && (
          <Button iconPosition="left" iconId="fr-icon-add-line" linkProps={{ to: paths.newFormat() }}>
            {t("formats.new")}
          </Button>
        )}
      </div>
      <p className="fr-text--lead">{t("formats.intro")}</p>
      <QueryState query={q} isEmpty={(data) => data.items.length === 0} empty={t("formats.empty")}>
        {(data) => (
          <ul className="od-plain-list">
            {data.items.map((f) => (
              <li key={f.id} className="fr-mb-3w">
                <div className="fr-card fr-enlarge-link">
                  <div className="fr-card__body">
                    <div className="fr-card__content">
                      <h2 className="fr-card__title" {...langOf(f.lang)}>
                        <Link to={paths.format(f.slug)}>{f.name}</Link>
                      </h2>
                      <p className="fr-card__desc" {...langOf(f.lang)}>
                        {f.purpose}
                      </p>
                      <div className="fr-card__end">
                        <p className="fr-card__detail">
                          {t("formats.card.meta", { version: f.latest_version, minutes: number(f.duration_minutes) })}
                        </p>
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
