// The admin area: one lazily loaded chunk, mounted only for officials, moderators and admins. It
// holds the admin home and mounts the resources' admin pages (each loaded on first visit).
import { Link, Route, Routes, useLocation } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { allCommitments, commitmentKeys } from "../resources/commitments/queries";
import { forumKeys, listForums } from "../resources/forums/queries";
import { canEditContent, canModerate, isAdmin, useSession } from "../auth/session";
import { Crumbs } from "../components/Crumbs";
import { PageHeading } from "../components/PageHeading";
import { QueryState } from "../components/QueryState";
import { addMessages, useI18n } from "../i18n";
import { fr as adminMessages } from "./i18n/fr";
import { Forbidden } from "../components/SignInRequired";
import { NotFoundPage } from "../app/NotFoundPage";
import { RemovedNotice, type Removed } from "./shared";
import { useLangOf } from "../components/lang";
import { wholeList } from "../api/lists";
import { ADMIN_ROUTES, type Access } from "./routes";
import { paths } from "../app/resources";
import { appTokensPath } from "../resources/tokens/admin";
import { webhooksPath } from "../resources/webhooks/admin";
import { getMyTwoFactor, twoFactorKeys } from "../resources/account/queries";
import { CadenceWarning } from "../resources/stakeholderForum/Cadence";

// The admin area's French messages come with its chunk (English ones are in the English chunk).
addMessages("fr", adminMessages);

export default function AdminArea() {
  const { user } = useSession();
  // A role that requires a second factor acts as a member until one is on: rather than pages
  // whose every action would be refused, the area says so and where to turn it on.
  const factor = useQuery({ queryKey: twoFactorKeys.mine, queryFn: getMyTwoFactor, enabled: !!user });
  if (!user) return null;
  if (factor.data?.required && !factor.data.enabled) return <TwoFactorFirst />;
  const allowed: Record<Access, boolean> = {
    editor: canEditContent(user.role),
    moderator: canModerate(user.role),
    admin: isAdmin(user.role),
  };
  return (
    <Routes>
      <Route index element={<AdminHome />} />
      {ADMIN_ROUTES.map(({ path, page: Page, access }) => (
        <Route
          key={path}
          path={path}
          element={
            allowed[access] ? (
              <Page />
            ) : (
              <Forbidden messageKey={access === "admin" ? "admin.forbiddenAdmin" : "admin.forbidden"} />
            )
          }
        />
      ))}
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function TwoFactorFirst() {
  const { t } = useI18n();
  return (
    <>
      <Crumbs current={t("admin.title")} />
      <PageHeading title={t("admin.title")} />
      <Alert
        severity="warning"
        title={t("admin.twoFactorFirst")}
        description={
          <>
            {t("admin.twoFactorFirstBody")}{" "}
            <Link className="fr-link" to={paths.account("two-factor-heading")}>
              {t("admin.twoFactorFirstLink")}
            </Link>
          </>
        }
      />
    </>
  );
}

function AdminHome() {
  const { t, date } = useI18n();
  const { user } = useSession();
  const editor = canEditContent(user?.role);
  const langOf = useLangOf();
  const location = useLocation();
  const forumQuery = { when: "upcoming" as const, limit: 100 };
  const forums = useQuery({
    queryKey: forumKeys.list(forumQuery),
    queryFn: () => wholeList((cursor) => listForums({ ...forumQuery, cursor })),
    enabled: editor,
  });
  const commitments = useQuery({ queryKey: commitmentKeys.options, queryFn: allCommitments, enabled: editor });
  return (
    <>
      <Crumbs current={t("admin.title")} />
      <PageHeading title={t("admin.title")} />
      <p className="fr-text--lead">{t("admin.intro")}</p>
      <RemovedNotice removed={(location.state as { removed?: Removed } | null)?.removed} />
      {/* While the multi-stakeholder forum is due to meet (admins manage it). */}
      {isAdmin(user?.role) && <CadenceWarning />}
      <Alert severity="info" small className="fr-mb-4w" description={t("admin.moderationNote")} />
      {canModerate(user?.role) && (
        <p>
          <Link className="fr-link fr-icon-flag-line fr-link--icon-left" to={paths.moderationQueue()}>
            {t("admin.queue")}
          </Link>
        </p>
      )}
      {isAdmin(user?.role) && (
        <ul className="od-plain-list">
          <li>
            <Link className="fr-link fr-icon-team-line fr-link--icon-left" to={paths.users()}>
              {t("admin.users")}
            </Link>
          </li>
          <li>
            <Link className="fr-link fr-icon-key-line fr-link--icon-left" to={appTokensPath()}>
              {t("admin.appTokens")}
            </Link>
          </li>
          <li>
            <Link className="fr-link fr-icon-send-plane-line fr-link--icon-left" to={webhooksPath()}>
              {t("admin.webhooks")}
            </Link>
          </li>
          <li>
            <Link className="fr-link fr-icon-building-line fr-link--icon-left" to={paths.institutions()}>
              {t("admin.institutions")}
            </Link>
          </li>
          <li>
            <Link className="fr-link fr-icon-file-text-line fr-link--icon-left" to={paths.journal()}>
              {t("admin.journal")}
            </Link>
          </li>
          <li>
            <Link className="fr-link fr-icon-calendar-line fr-link--icon-left" to={paths.actionPlans()}>
              {t("admin.plans")}
            </Link>
          </li>
          <li>
            <Link className="fr-link fr-icon-team-line fr-link--icon-left" to={paths.stakeholderForumAdmin()}>
              {t("memberAdmin.title")}
            </Link>
          </li>
        </ul>
      )}
      {editor && (
        <div className="fr-grid-row fr-grid-row--gutters">
          <section className="fr-col-12 fr-col-md-6" aria-labelledby="admin-forums">
            <h2 id="admin-forums">{t("admin.forums")}</h2>
            <Button iconPosition="left" iconId="fr-icon-add-line" linkProps={{ to: paths.newForum() }}>
              {t("admin.newForum")}
            </Button>
            <QueryState query={forums} retry={false}>
              {(data) => (
                <ul className="fr-mt-2w">
                  {data.items.map((f) => (
                    <li key={f.id}>
                      <Link to={paths.editForum(f.slug)}>
                        {t("common.edit")} <span {...langOf(f.lang)}>{f.title}</span>
                      </Link>{" "}
                      — <time dateTime={f.starts_at}>{date(f.starts_at)}</time>
                    </li>
                  ))}
                </ul>
              )}
            </QueryState>
          </section>
          <section className="fr-col-12 fr-col-md-6" aria-labelledby="admin-commitments">
            <h2 id="admin-commitments">{t("admin.commitments")}</h2>
            <Button iconPosition="left" iconId="fr-icon-add-line" linkProps={{ to: paths.newCommitment() }}>
              {t("admin.newCommitment")}
            </Button>
            <QueryState query={commitments} retry={false}>
              {(data) => (
                <ul className="fr-mt-2w od-scroll-list">
                  {data.map((c) => (
                    <li key={c.id}>
                      <Link to={paths.editCommitment(c.code)}>
                        {t("common.edit")} {c.code} — <span {...langOf(c.lang)}>{c.title}</span>
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
            </QueryState>
          </section>
        </div>
      )}
    </>
  );
}
