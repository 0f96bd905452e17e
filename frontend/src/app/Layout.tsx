// The page frame: DSFR skip links, header (navigation, account, language, display settings),
// the session notice, the routed page, the footer.
import { Suspense, lazy, useEffect } from "react";
import { Outlet, useLocation, useNavigate } from "react-router";
import { ROUTES, paths } from "./resources";
import { Header, type HeaderProps } from "@codegouvfr/react-dsfr/Header";
import { Footer, type FooterProps } from "@codegouvfr/react-dsfr/Footer";
import { SkipLinks } from "@codegouvfr/react-dsfr/SkipLinks";
import { Display, headerFooterDisplayItem } from "@codegouvfr/react-dsfr/Display";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { canAdminister, useSession } from "../auth/session";
import { useI18n } from "../i18n";
import { Loading } from "../components/QueryState";
import { StatusRegion } from "../components/announce";
import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import { notificationKeys, unreadCount } from "../resources/notifications/queries";
// The audit's state alone (a few bytes): the grid and the statement stay in their own chunk.
import { footer as a11yState } from "../resources/accessibility/generated/state.json";

// Shown two minutes before a session ends; its code and text come when needed.
const SessionExpiry = lazy(() => import("../auth/SessionExpiry"));
// The signed-in person's stream, which keeps the unread count live.
const UnreadStream = lazy(() => import("../resources/notifications/UnreadStream"));

/** "Notifications" in the header, with the unread count (kept live by `UnreadStream`; read
 *  once in the layout: the header shows this label twice, on wide screens and in the mobile
 *  menu). */
function NotificationsLabel({ q }: { q: UseQueryResult<{ unread: number; more: boolean }> }) {
  const { t, number } = useI18n();
  const n = q.data?.unread ?? 0;
  return (
    <>
      {t("header.notifications")}
      {n > 0 && (
        <>
          {" "}
          <span className="od-unread" data-testid="unread-count" aria-hidden="true">
            {q.data?.more ? "99+" : number(n)}
          </span>
          <span className="fr-sr-only">({t("header.unread", { count: q.data?.more ? "99+" : number(n) })})</span>
        </>
      )}
    </>
  );
}

function BrandTop() {
  const { t } = useI18n();
  const [a, b] = t("app.brandTop").split("\n");
  return (
    <>
      {a}
      <br />
      {b}
    </>
  );
}

/** The display settings (a DSFR modal) give the focus back, once closed, to the button that
 *  opened them: DSFR would focus the hidden control button react-dsfr adds, which leaves the
 *  focus at the top of the page (RGAA 12.8). */
function useDisplayFocusBack() {
  useEffect(() => {
    const modal = "fr-theme-modal";
    let opener: HTMLElement | null = null;
    const opened = (e: Event) => {
      const b = (e.target as Element).closest?.<HTMLElement>(`[aria-controls="${modal}"]`);
      if (b && !b.closest(`#${modal}`)) opener = b;
    };
    const closed = (e: Event) => {
      if ((e.target as Element).id === modal && opener) setTimeout(() => opener?.focus());
    };
    document.addEventListener("click", opened, true);
    document.addEventListener("dsfr.conceal", closed);
    return () => {
      document.removeEventListener("click", opened, true);
      document.removeEventListener("dsfr.conceal", closed);
    };
  }, []);
}

export function Layout() {
  const { t, locale, setLocale } = useI18n();
  const { user, notice, expiring, signOut, clearNotice } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  useDisplayFocusBack();

  useEffect(() => {
    // Only a new page scrolls back up; a link to an anchor (#discussion) is scrolled to by the
    // section it names, once loaded.
    if (!location.hash) window.scrollTo(0, 0);
    // A new anchor on the same page is no new page: the path alone decides.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [location.pathname]);

  const unread = useQuery({ queryKey: notificationKeys.unread, queryFn: unreadCount, enabled: !!user });
  const path = location.pathname;
  const other = locale === "fr" ? "en" : "fr";
  const accountItems: HeaderProps.QuickAccessItem[] = user
    ? [
        ...(canAdminister(user.role)
          ? [{ iconId: "fr-icon-settings-5-line" as const, text: t("nav.admin"), linkProps: { to: paths.admin() } }]
          : []),
        {
          iconId: "fr-icon-notification-3-line",
          text: <NotificationsLabel q={unread} />,
          linkProps: { to: paths.notifications() },
        },
        { iconId: "fr-icon-account-circle-line", text: t("header.account"), linkProps: { to: paths.account() } },
        {
          iconId: "fr-icon-logout-box-r-line",
          text: t("header.signOut"),
          buttonProps: {
            onClick: () => {
              signOut();
              void navigate(paths.home());
            },
          },
        },
      ]
    : [
        { iconId: "fr-icon-lock-line", text: t("header.signIn"), linkProps: { to: paths.signIn() } },
        { iconId: "fr-icon-account-circle-line", text: t("header.signUp"), linkProps: { to: paths.signUp() } },
      ];

  return (
    <>
      <SkipLinks
        links={[
          { label: t("skip.content"), anchor: "#content" },
          { label: t("skip.nav"), anchor: "#fr-header-main-navigation" },
          { label: t("skip.footer"), anchor: "#footer" },
        ]}
      />
      <Header
        id="fr-header"
        brandTop={<BrandTop />}
        serviceTitle={t("app.name")}
        serviceTagline={t("app.tagline")}
        homeLinkProps={{ to: paths.home(), title: t("app.homeTitle") }}
        // The DSFR search bar leads to the search page (its label comes from react-dsfr, per language).
        onSearchButtonClick={(text) => void navigate(paths.search({ q: text.trim() }))}
        clearSearchInputOnSearch
        renderSearchInput={({ className, id, placeholder, type }) => (
          <input
            className={className}
            id={id}
            placeholder={placeholder}
            type={type}
            name="q"
            maxLength={200}
            autoComplete="off"
          />
        )}
        navigation={ROUTES.flatMap((r) => (r.nav ? [r.nav] : [])).map((n) => ({
          text: t(n.label),
          linkProps: { to: n.to },
          isActive: n.activeFor.length ? n.activeFor.some((p) => path.startsWith(p)) : path === n.to,
        }))}
        quickAccessItems={[
          {
            iconId: "fr-icon-translate-2",
            text: <span lang={other}>{t("header.switchLanguage")}</span>,
            buttonProps: {
              lang: other,
              title: t("header.switchLanguageTitle"),
              onClick: () => setLocale(other),
              "data-testid": "language-switch",
            },
          },
          ...accountItems,
        ]}
      />
      <main id="content" tabIndex={-1} className="od-main">
        <div className="fr-container fr-pb-8w">
          {notice && (
            <Alert
              className="fr-mt-4w"
              severity={notice === "expired" ? "warning" : "info"}
              small
              closable
              onClose={clearNotice}
              description={t(`session.${notice}`)}
            />
          )}
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </div>
      </main>
      <Footer
        id="footer"
        accessibility={a11yState as FooterProps["accessibility"]}
        accessibilityLinkProps={{ to: paths.accessibility() }}
        contentDescription={t("footer.description")}
        brandTop={<BrandTop />}
        homeLinkProps={{ to: paths.home(), title: t("app.homeTitle") }}
        bottomItems={[
          headerFooterDisplayItem,
          { text: t("footer.moderationLog"), linkProps: { to: paths.moderationLog() } },
          { text: t("footer.openData"), linkProps: { to: paths.openData() } },
          { text: t("footer.stakeholderForum"), linkProps: { to: paths.stakeholderForum() } },
          { text: t("footer.apiDocs"), linkProps: { to: paths.developers() } },
          { text: t("footer.privacy"), linkProps: { to: paths.privacy() } },
        ]}
      />
      <Display />
      {user && expiring && (
        <Suspense fallback={null}>
          <SessionExpiry />
        </Suspense>
      )}
      {user && (
        <Suspense fallback={null}>
          <UnreadStream />
        </Suspense>
      )}
      <StatusRegion />
    </>
  );
}
