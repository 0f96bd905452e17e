// The multi-stakeholder forum, for everyone: what it is, whether it meets civil society as often
// as OGP asks, the balance of its current members between administration and civil society (a
// chart with its table), who they are, and its meetings with their public record.
import { Link } from "react-router";
import "./messages";
import { CATEGORIES, type Member, type StakeholderForum } from "./queries";
import { CadenceIndicator, useStakeholderForum } from "./Cadence";
import { MeetingList } from "./MeetingList";
import { isAdmin, useSession } from "../../auth/session";
import { BarFigures } from "../../components/BarFigures";
import { Crumbs } from "../../components/Crumbs";
import { PageHeading } from "../../components/PageHeading";
import { Empty, QueryState } from "../../components/QueryState";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";

export default function StakeholderForumPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const forum = useStakeholderForum();
  return (
    <>
      <Crumbs current={t("stakeholder.title")} />
      <PageHeading title={t("stakeholder.pageTitle")} />
      <p className="fr-text--lead">{t("stakeholder.intro")}</p>
      <p>{t("stakeholder.ogp")}</p>
      {isAdmin(user?.role) && (
        <p>
          <Link className="fr-link fr-icon-settings-5-line fr-link--icon-left" to={paths.stakeholderForumAdmin()}>
            {t("stakeholder.manage")}
          </Link>
        </p>
      )}
      <QueryState query={forum}>{(data) => <Body forum={data} />}</QueryState>
    </>
  );
}

function Body({ forum }: { forum: StakeholderForum }) {
  const { t } = useI18n();
  return (
    <>
      <section className="fr-mt-4w" aria-labelledby="cadence-title">
        <h2 id="cadence-title">{t("cadence.title")}</h2>
        <CadenceIndicator cadence={forum.cadence} />
      </section>
      <Members members={forum.members} balance={forum.balance} />
      <section className="fr-mt-4w" aria-labelledby="meetings-title">
        <h2 id="meetings-title">{t("meetings.title")}</h2>
        <p>{t("meetings.intro")}</p>
        <MeetingList meetings={forum.meetings} />
      </section>
    </>
  );
}

function Members({ members, balance }: { members: Member[]; balance: StakeholderForum["balance"] }) {
  const { t, number } = useI18n();
  const rows = CATEGORIES.map((c) => ({ label: t(`member.category.${c}`), count: balance[c] }));
  return (
    <section className="fr-mt-4w" aria-labelledby="members-title">
      <h2 id="members-title">{t("members.title")}</h2>
      {members.length === 0 ? (
        <Empty>{t("members.empty")}</Empty>
      ) : (
        <>
          <p>
            {t("members.count", {
              count: number(members.length),
              administration: number(balance.administration),
              civil_society: number(balance.civil_society),
            })}
          </p>
          <BarFigures
            id="balance-title"
            title={t("members.balance")}
            head={t("members.side")}
            countHead={t("members.countHead")}
            rows={rows}
          />
          <div className="fr-grid-row fr-grid-row--gutters">
            {CATEGORIES.map((c) => (
              <Side key={c} category={c} members={members.filter((m) => m.category === c)} />
            ))}
          </div>
        </>
      )}
    </section>
  );
}

function Side({ category, members }: { category: Member["category"]; members: Member[] }) {
  const { t } = useI18n();
  const id = `members-${category}`;
  return (
    <section className="fr-col-12 fr-col-md-6" aria-labelledby={id}>
      <h3 id={id}>{t(`member.category.${category}`)}</h3>
      {members.length === 0 ? (
        <p>{t("members.emptySide")}</p>
      ) : (
        <ul className="od-plain-list">
          {members.map((m) => (
            <li key={m.id} className="fr-mb-2w">
              <p className="fr-text--bold fr-mb-0">{m.name}</p>
              <p className="fr-mb-0">{m.organisation}</p>
              {m.position && <p className="fr-text--sm fr-mb-0">{m.position}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
