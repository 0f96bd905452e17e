// Routes. The home page is in the main chunk; every other page is its own chunk, and the admin
// area is one chunk that only officials, moderators and admins ever load.
import { lazy } from "react";
import { Route, Routes } from "react-router";
import { Layout } from "./components/Layout";
import { HomePage } from "./pages/home/HomePage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { canAdminister, useSession } from "./auth/session";
import { Forbidden, SignInRequired } from "./components/SignInRequired";

const ForumsPage = lazy(() => import("./pages/forums/ForumsPage"));
const ForumPage = lazy(() => import("./pages/forums/ForumPage"));
const FormatsPage = lazy(() => import("./pages/formats/FormatsPage"));
const FormatPage = lazy(() => import("./pages/formats/FormatPage"));
const FollowUpPage = lazy(() => import("./pages/actions/FollowUpPage"));
const ActionItemPage = lazy(() => import("./pages/actions/ActionItemPage"));
const CyclesPage = lazy(() => import("./pages/cycles/CyclesPage"));
const CyclePage = lazy(() => import("./pages/cycles/CyclePage"));
const CommitmentsPage = lazy(() => import("./pages/commitments/CommitmentsPage"));
const CommitmentPage = lazy(() => import("./pages/commitments/CommitmentPage"));
const MilestonePage = lazy(() => import("./pages/commitments/MilestonePage"));
const InstitutionsPage = lazy(() => import("./pages/institutions/InstitutionsPage"));
const InstitutionPage = lazy(() => import("./pages/institutions/InstitutionPage"));
const QuestionsPage = lazy(() => import("./pages/questions/QuestionsPage"));
const QuestionPage = lazy(() => import("./pages/questions/QuestionPage"));
const ComparePage = lazy(() => import("./pages/questions/ComparePage"));
const HolidaysPage = lazy(() => import("./pages/questions/HolidaysPage"));
const ModerationLogPage = lazy(() => import("./pages/moderation/ModerationLogPage"));
const SignInPage = lazy(() => import("./pages/account/SignInPage"));
const SignUpPage = lazy(() => import("./pages/account/SignUpPage"));
const ProfilePage = lazy(() => import("./pages/account/ProfilePage"));
const VerifyEmailPage = lazy(() => import("./pages/account/VerifyEmailPage"));
const ForgotPasswordPage = lazy(() => import("./pages/account/ForgotPasswordPage"));
const ResetPasswordPage = lazy(() => import("./pages/account/ResetPasswordPage"));
const NotificationsPage = lazy(() => import("./pages/notifications/NotificationsPage"));
const SearchPage = lazy(() => import("./pages/search/SearchPage"));
const AccessibilityPage = lazy(() => import("./pages/accessibility/AccessibilityPage"));
const AdminArea = lazy(() => import("./pages/admin/AdminArea"));

/** The admin chunk is fetched only for the people who may use it. */
function AdminGate() {
  const { user } = useSession();
  if (!user) return <SignInRequired />;
  if (!canAdminister(user.role)) return <Forbidden messageKey="admin.forbidden" />;
  return <AdminArea />;
}

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route path="/" element={<HomePage />} />
        <Route path="/forums" element={<ForumsPage />} />
        <Route path="/forums/:slug" element={<ForumPage />} />
        <Route path="/formats" element={<FormatsPage />} />
        <Route path="/formats/:slug" element={<FormatPage />} />
        <Route path="/formats/:slug/versions/:version" element={<FormatPage />} />
        <Route path="/cycles" element={<CyclesPage />} />
        <Route path="/cycles/:slug" element={<CyclePage />} />
        <Route path="/suivi" element={<FollowUpPage />} />
        <Route path="/actions/:id" element={<ActionItemPage />} />
        <Route path="/engagements" element={<CommitmentsPage />} />
        <Route path="/engagements/:code" element={<CommitmentPage />} />
        <Route path="/jalons/:id" element={<MilestonePage />} />
        <Route path="/institutions" element={<InstitutionsPage />} />
        <Route path="/institutions/comparaison" element={<ComparePage />} />
        <Route path="/institutions/:slug" element={<InstitutionPage />} />
        <Route path="/questions" element={<QuestionsPage />} />
        <Route path="/questions/:id" element={<QuestionPage />} />
        <Route path="/jours-feries" element={<HolidaysPage />} />
        <Route path="/moderation" element={<ModerationLogPage />} />
        <Route path="/recherche" element={<SearchPage />} />
        <Route path="/connexion" element={<SignInPage />} />
        <Route path="/inscription" element={<SignUpPage />} />
        <Route path="/compte" element={<ProfilePage />} />
        <Route path="/notifications" element={<NotificationsPage />} />
        <Route path="/verification" element={<VerifyEmailPage />} />
        <Route path="/mot-de-passe-oublie" element={<ForgotPasswordPage />} />
        <Route path="/mot-de-passe" element={<ResetPasswordPage />} />
        <Route path="/accessibilite" element={<AccessibilityPage />} />
        <Route path="/admin/*" element={<AdminGate />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
