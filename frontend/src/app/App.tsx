// Routes, from the resources' route tables (./resources.ts). The home page is in the main chunk;
// every other page is its own chunk, and the admin area is one chunk that only officials,
// moderators and admins ever load.
import { lazy } from "react";
import { Route, Routes } from "react-router";
import { Layout } from "./Layout";
import { NotFoundPage } from "./NotFoundPage";
import { ROUTES } from "./resources";
import { canAdminister, useSession } from "../auth/session";
import { Forbidden, SignInRequired } from "../components/SignInRequired";

const AdminArea = lazy(() => import("../admin/AdminArea"));

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
        {ROUTES.flatMap((r) => r.pages ?? []).map(({ path, page: Page }) => (
          <Route key={path} path={path} element={<Page />} />
        ))}
        <Route path="/admin/*" element={<AdminGate />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
