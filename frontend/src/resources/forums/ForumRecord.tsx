// A held forum's public record: its minutes (with what each correction replaced) and the action
// items it decided, with the organisers' buttons to publish, correct and add.
import { useQuery } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { Forum } from "../../api/client";
import { actionKeys, getMinutes } from "../actions/queries";
import { canEditContent, useSession } from "../../auth/session";
import { useI18n } from "../../i18n";
import { ActionItemsTable } from "../actions/ActionItems";
import { EarlierVersions } from "../../components/EarlierVersions";
import { useLangOf } from "../../components/lang";
import { QueryState } from "../../components/QueryState";
import { SanitizedHtml } from "../../components/SanitizedHtml";
import { paths } from "../../app/resources";

export function ForumRecord({ forum: f }: { forum: Forum }) {
  const { t, number, date } = useI18n();
  const { user } = useSession();
  const langOf = useLangOf();
  const organiser = canEditContent(user?.role) && !f.archived_at;
  const minutes = useQuery({
    queryKey: actionKeys.minutes(f.slug),
    queryFn: () => getMinutes(f.slug),
    enabled: f.status === "held",
  });
  if (f.status !== "held") return null;
  const m = minutes.data;
  return (
    <>
      <section className="fr-mt-4w" id="minutes" aria-labelledby="forum-minutes">
        <div className="od-title-row">
          <h2 id="forum-minutes">{t("minutes.title")}</h2>
          {organiser && minutes.isSuccess && (
            <Button
              priority="secondary"
              size="small"
              iconPosition="left"
              iconId="fr-icon-edit-line"
              linkProps={{ to: paths.editMinutes(f.slug) }}
            >
              {m ? t("minutes.correct") : t("minutes.publish")}
            </Button>
          )}
        </div>
        <QueryState query={minutes} isEmpty={(data) => !data} empty={<p>{t("minutes.none")}</p>}>
          {() =>
            m && (
              <>
                <p className="fr-text--sm">
                  {t("minutes.attendees", { count: number(m.attendees_count) })}
                  {m.checked_in_count > 0 && (
                    <>, {t("minutes.checkedIn", { count: number(m.checked_in_count) })}</>
                  )}. {t("minutes.publishedOn", { date: date(m.published_at) })}
                  {m.earlier_versions.length > 0 && (
                    <>
                      {" "}
                      {t("minutes.correctedOn", {
                        date: date(m.earlier_versions[m.earlier_versions.length - 1].replaced_at),
                      })}
                    </>
                  )}
                </p>
                <div {...langOf(f.lang)}>
                  <SanitizedHtml html={m.body_html} />
                </div>
                {m.organisations.length > 0 && (
                  <>
                    <h3 className="fr-h6">{t("minutes.organisations")}</h3>
                    <ul>
                      {m.organisations.map((o) => (
                        <li key={o}>{o}</li>
                      ))}
                    </ul>
                  </>
                )}
                {m.links.length > 0 && (
                  <>
                    <h3 className="fr-h6">{t("minutes.links")}</h3>
                    <ul>
                      {m.links.map((l) => (
                        <li key={l.url}>
                          <a href={l.url} rel="noopener noreferrer" className="fr-link">
                            {l.title}
                          </a>{" "}
                          ({t(`minutes.link.${l.kind}`)})
                        </li>
                      ))}
                    </ul>
                  </>
                )}
                <EarlierVersions versions={m.earlier_versions} datesKey="versions.published">
                  {(v) => (
                    <>
                      <p className="fr-text--sm fr-mb-1w">
                        {t("minutes.attendees", { count: number(v.attendees_count) })}
                      </p>
                      <div {...langOf(f.lang)}>
                        <SanitizedHtml html={v.body_html} />
                      </div>
                      {v.organisations.length > 0 && (
                        <p className="fr-text--sm">
                          {t("minutes.versionOrganisations", { list: v.organisations.join(", ") })}
                        </p>
                      )}
                      {v.links.length > 0 && (
                        <ul className="fr-text--sm">
                          {v.links.map((l) => (
                            <li key={l.url}>
                              <a href={l.url} rel="noopener noreferrer" className="fr-link fr-link--sm">
                                {l.title}
                              </a>{" "}
                              ({t(`minutes.link.${l.kind}`)})
                            </li>
                          ))}
                        </ul>
                      )}
                    </>
                  )}
                </EarlierVersions>
              </>
            )
          }
        </QueryState>
      </section>
      <section className="fr-mt-4w" aria-labelledby="forum-actions">
        <div className="od-title-row">
          <h2 id="forum-actions">{t("actions.title")}</h2>
          {organiser && (
            <Button
              priority="secondary"
              size="small"
              iconPosition="left"
              iconId="fr-icon-add-line"
              linkProps={{ to: paths.newActionItem(f.slug) }}
            >
              {t("actions.add")}
            </Button>
          )}
        </div>
        <ActionItemsTable filters={{ forum: f.slug }} caption={t("actions.caption")} />
      </section>
    </>
  );
}
