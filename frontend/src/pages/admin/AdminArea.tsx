// The admin area: one lazily loaded chunk, mounted only for officials, moderators and admins.
import { Link, Route, Routes, useLocation } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { allCommitments, commitmentKeys } from "../../api/queries/commitments";
import { forumKeys, listForums } from "../../api/queries/forums";
import { canEditContent, canModerate, isAdmin, useSession } from "../../auth/session";
import { Crumbs } from "../../components/Crumbs";
import { PageHeading } from "../../components/PageHeading";
import { Loading, ProblemAlert } from "../../components/QueryState";
import { addMessages, useI18n } from "../../i18n";
import { fr as adminMessages } from "../../i18n/areas/admin";
import { Forbidden } from "../../components/SignInRequired";
import { NotFoundPage } from "../NotFoundPage";
import { CommitmentForm } from "./CommitmentForm";
import { ForumForm } from "./ForumForm";
import { FormatForm } from "./FormatForm";
import { CycleForm } from "./CycleForm";
import { MinutesForm } from "./MinutesForm";
import { ActionItemForm } from "./ActionItemForm";
import { MilestoneForm } from "./MilestoneForm";
import { UsersPage } from "./UsersPage";
import { InstitutionForm } from "./InstitutionForm";
import { ModerationQueue } from "./ModerationQueue";
import { JournalPage } from "./JournalPage";
import { ActionPlanForm, ActionPlansPage } from "./ActionPlansPage";
import { RemovedNotice, type Removed } from "./shared";
import { useLangOf } from "../../components/lang";

// The admin area's French messages come with its chunk (English ones are in the English chunk).
addMessages("fr", adminMessages);

export default function AdminArea() {
  const { user } = useSession();
  if (!user) return null;
  const editor = canEditContent(user.role);
  const guard = (el: React.ReactElement) => (editor ? el : <Forbidden messageKey="admin.forbidden" />);
  const adminOnly = (el: React.ReactElement) =>
    isAdmin(user.role) ? el : <Forbidden messageKey="admin.forbiddenAdmin" />;
  return (
    <Routes>
      <Route index element={<AdminHome />} />
      <Route path="forums/nouveau" element={guard(<ForumForm />)} />
      <Route path="forums/:slug" element={guard(<ForumForm />)} />
      <Route path="forums/:slug/compte-rendu" element={guard(<MinutesForm />)} />
      <Route path="forums/:slug/actions/nouvelle" element={guard(<ActionItemForm />)} />
      <Route path="actions/:id" element={guard(<ActionItemForm />)} />
      <Route path="cycles/nouveau" element={guard(<CycleForm />)} />
      <Route path="cycles/:slug" element={guard(<CycleForm />)} />
      <Route path="formats/nouveau" element={guard(<FormatForm />)} />
      <Route path="formats/:slug/nouvelle-version" element={guard(<FormatForm />)} />
      <Route path="engagements/nouveau" element={guard(<CommitmentForm />)} />
      <Route path="engagements/:code" element={guard(<CommitmentForm />)} />
      <Route path="engagements/:code/jalons/nouveau" element={guard(<MilestoneForm />)} />
      <Route path="jalons/:id" element={guard(<MilestoneForm />)} />
      <Route
        path="moderation"
        element={canModerate(user.role) ? <ModerationQueue /> : <Forbidden messageKey="admin.forbidden" />}
      />
      <Route path="utilisateurs" element={adminOnly(<UsersPage />)} />
      <Route path="institutions/nouvelle" element={adminOnly(<InstitutionForm />)} />
      <Route path="institutions/:slug" element={adminOnly(<InstitutionForm />)} />
      <Route path="journal" element={adminOnly(<JournalPage />)} />
      <Route path="plans" element={adminOnly(<ActionPlansPage />)} />
      <Route path="plans/nouveau" element={adminOnly(<ActionPlanForm />)} />
      <Route path="plans/:slug" element={adminOnly(<ActionPlanForm />)} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function AdminHome() {
  const { t, date } = useI18n();
  const { user } = useSession();
  const editor = canEditContent(user?.role);
  const langOf = useLangOf();
  const location = useLocation();
  const forumQuery = { when: "upcoming" as const, limit: 50 };
  const forums = useQuery({
    queryKey: forumKeys.list(forumQuery),
    queryFn: () => listForums(forumQuery),
    enabled: editor,
  });
  const commitments = useQuery({ queryKey: commitmentKeys.options, queryFn: allCommitments, enabled: editor });
  return (
    <>
      <Crumbs current={t("admin.title")} />
      <PageHeading title={t("admin.title")} />
      <p className="fr-text--lead">{t("admin.intro")}</p>
      <RemovedNotice removed={(location.state as { removed?: Removed } | null)?.removed} />
      <Alert severity="info" small className="fr-mb-4w" description={t("admin.moderationNote")} />
      {canModerate(user?.role) && (
        <p>
          <Link className="fr-link fr-icon-flag-line fr-link--icon-left" to="/admin/moderation">
            {t("admin.queue")}
          </Link>
        </p>
      )}
      {isAdmin(user?.role) && (
        <ul className="od-plain-list">
          <li>
            <Link className="fr-link fr-icon-team-line fr-link--icon-left" to="/admin/utilisateurs">
              {t("admin.users")}
            </Link>
          </li>
          <li>
            <Link className="fr-link fr-icon-building-line fr-link--icon-left" to="/institutions">
              {t("admin.institutions")}
            </Link>
          </li>
          <li>
            <Link className="fr-link fr-icon-file-text-line fr-link--icon-left" to="/admin/journal">
              {t("admin.journal")}
            </Link>
          </li>
          <li>
            <Link className="fr-link fr-icon-calendar-line fr-link--icon-left" to="/admin/plans">
              {t("admin.plans")}
            </Link>
          </li>
        </ul>
      )}
      {editor && (
        <div className="fr-grid-row fr-grid-row--gutters">
          <section className="fr-col-12 fr-col-md-6" aria-labelledby="admin-forums">
            <h2 id="admin-forums">{t("admin.forums")}</h2>
            <Button iconPosition="left" iconId="fr-icon-add-line" linkProps={{ to: "/admin/forums/nouveau" }}>
              {t("admin.newForum")}
            </Button>
            {forums.isPending ? (
              <Loading />
            ) : forums.isError ? (
              <ProblemAlert error={forums.error} />
            ) : (
              <ul className="fr-mt-2w">
                {forums.data.items.map((f) => (
                  <li key={f.id}>
                    <Link to={`/admin/forums/${f.slug}`}>
                      {t("common.edit")} <span {...langOf(f.lang)}>{f.title}</span>
                    </Link>{" "}
                    — <time dateTime={f.starts_at}>{date(f.starts_at)}</time>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="fr-col-12 fr-col-md-6" aria-labelledby="admin-commitments">
            <h2 id="admin-commitments">{t("admin.commitments")}</h2>
            <Button iconPosition="left" iconId="fr-icon-add-line" linkProps={{ to: "/admin/engagements/nouveau" }}>
              {t("admin.newCommitment")}
            </Button>
            {commitments.isPending ? (
              <Loading />
            ) : commitments.isError ? (
              <ProblemAlert error={commitments.error} />
            ) : (
              <ul className="fr-mt-2w od-scroll-list">
                {commitments.data.map((c) => (
                  <li key={c.id}>
                    <Link to={`/admin/engagements/${c.code}`}>
                      {t("common.edit")} {c.code} — <span {...langOf(c.lang)}>{c.title}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
    </>
  );
}
