// The cycles of forums, newest first, each with how many of its commitments a forum followed.
import { Link } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { canEditContent, useSession } from "../../auth/session";
import { cycleKeys, listCycles } from "./queries";
import { Crumbs } from "../../components/Crumbs";
import { PageHeading } from "../../components/PageHeading";
import { QueryState } from "../../components/QueryState";
import { useLangOf } from "../../components/lang";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";

export default function CyclesPage() {
  const { t, calendarDate, number } = useI18n();
  const { user } = useSession();
  const langOf = useLangOf();
  const q = useQuery({ queryKey: cycleKeys.list, queryFn: listCycles });
  return (
    <>
      <Crumbs segments={[{ label: t("forums.title"), to: paths.forums() }]} current={t("cycles.title")} />
      <div className="od-title-row">
        <PageHeading title={t("cycles.title")} />
        {canEditContent(user?.role) && (
          <Button iconPosition="left" iconId="fr-icon-add-line" linkProps={{ to: paths.newCycle() }}>
            {t("cycles.new")}
          </Button>
        )}
      </div>
      <p className="fr-text--lead">{t("cycles.intro")}</p>
      <QueryState query={q} isEmpty={(data) => data.items.length === 0} empty={t("cycles.empty")}>
        {(data) => (
          <ul className="od-plain-list">
            {data.items.map((c) => (
              <li key={c.id} className="fr-mb-3w">
                <div className="fr-card fr-enlarge-link">
                  <div className="fr-card__body">
                    <div className="fr-card__content">
                      <h2 className="fr-card__title" {...langOf(c.lang)}>
                        <Link to={paths.cycle(c.slug)}>{c.title}</Link>
                      </h2>
                      <p className="fr-card__desc">
                        {t("cycles.card", {
                          forums: number(c.forums_count),
                          covered: number(c.covered_count),
                          named: number(c.commitments_count),
                        })}
                      </p>
                      <div className="fr-card__end">
                        <p className="fr-card__detail">
                          {t("cycles.period", { from: calendarDate(c.starts_on), to: calendarDate(c.ends_on) })}
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
