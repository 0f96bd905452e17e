// The admin area: one lazily loaded chunk, mounted only for officials, moderators and admins.
import { Link, Route, Routes } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { api, unwrap } from "../../api/client";
import { canEditContent, isAdmin, useSession } from "../../auth/session";
import { Crumbs } from "../../components/Crumbs";
import { PageHeading } from "../../components/PageHeading";
import { Loading, ProblemAlert } from "../../components/QueryState";
import { useI18n } from "../../i18n";
import { Forbidden } from "../../components/SignInRequired";
import { NotFoundPage } from "../NotFoundPage";
import { CommitmentForm } from "./CommitmentForm";
import { ForumForm } from "./ForumForm";
import { MilestoneForm } from "./MilestoneForm";
import { UsersPage } from "./UsersPage";

export default function AdminArea() {
  const { user } = useSession();
  if (!user) return null;
  const editor = canEditContent(user.role);
  const guard = (el: React.ReactElement) => (editor ? el : <Forbidden messageKey="admin.forbidden" />);
  return (
    <Routes>
      <Route index element={<AdminHome />} />
      <Route path="forums/nouveau" element={guard(<ForumForm />)} />
      <Route path="forums/:slug" element={guard(<ForumForm />)} />
      <Route path="engagements/nouveau" element={guard(<CommitmentForm />)} />
      <Route path="engagements/:code" element={guard(<CommitmentForm />)} />
      <Route path="engagements/:code/jalons/nouveau" element={guard(<MilestoneForm />)} />
      <Route path="jalons/:id" element={guard(<MilestoneForm />)} />
      <Route path="utilisateurs" element={isAdmin(user.role) ? <UsersPage /> : <Forbidden messageKey="admin.forbiddenAdmin" />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function AdminHome() {
  const { t, date } = useI18n();
  const { user } = useSession();
  const editor = canEditContent(user?.role);
  const forums = useQuery({
    queryKey: ["forums", "list", { admin: true }],
    queryFn: () => unwrap(api.GET("/api/v1/forums", { params: { query: { when: "upcoming", limit: 50 } } })),
    enabled: editor,
  });
  const commitments = useQuery({
    queryKey: ["commitments", "options"],
    queryFn: () => unwrap(api.GET("/api/v1/commitments", { params: { query: { limit: 100 } } })),
    enabled: editor,
  });
  return (
    <>
      <Crumbs current={t("admin.title")} />
      <PageHeading title={t("admin.title")} />
      <p className="fr-text--lead">{t("admin.intro")}</p>
      <Alert severity="info" small className="fr-mb-4w" description={t("admin.moderationNote")} />
      {isAdmin(user?.role) && (
        <p>
          <Link className="fr-link fr-icon-team-line fr-link--icon-left" to="/admin/utilisateurs">
            {t("admin.users")}
          </Link>
        </p>
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
                      {t("common.labelled", { label: t("common.edit"), value: f.title })}
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
                {commitments.data.items.map((c) => (
                  <li key={c.id}>
                    <Link to={`/admin/engagements/${c.code}`}>
                      {t("common.labelled", { label: t("common.edit"), value: `${c.code} — ${c.title}` })}
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
