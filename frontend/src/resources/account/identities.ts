// Signing in at ProConnect and FranceConnect, and the identities an account has there: apart from
// ./queries.ts, which the main bundle carries (the session needs it), as only the sign-in pages
// and the account page use these. With where a sign-in goes once done: a path of the web app only
// (a full address, or `//other.site`, would send the person to another site with their session
// just opened), else the home page.
import { useLocation } from "react-router";
import { api, unwrap, type Schemas } from "../../api/client";

export type ProviderId = Schemas["ProviderId"];
export type Identity = Schemas["Identity"];
/** The providers' names, as they call themselves (the same in every language). */
export const PROVIDER_NAMES: Record<ProviderId, string> = { proconnect: "ProConnect", franceconnect: "FranceConnect" };

export const providerKeys = { all: ["auth", "providers"] as const };
/** The providers one can sign in with here (`GET /auth/providers`): only the configured ones. */
export const listProviders = () => unwrap(api.GET("/api/v1/auth/providers"));
/** Where a sign-in at a provider starts: a full-page navigation (a link, not a fetch), which the
 *  server answers by sending the browser to the provider; it comes back to `next` (a path of the
 *  web app). The one address of the API the app builds itself, for a link's `href`. */
export const providerStart = (provider: ProviderId, next: string) =>
  `/api/v1/auth/oidc/${provider}/start?${new URLSearchParams({ next }).toString()}`;

export const pendingKeys = { mine: ["auth", "pending"] as const };
/** The sign-in at a provider that waits for its account's password (404 when none waits here). */
export const getPendingLink = () => unwrap(api.GET("/api/v1/auth/oidc/pending"));
/** The account's password: the identity is linked and the account signed in (in the cookie). */
export const confirmPendingLink = (password: string) =>
  unwrap(api.POST("/api/v1/auth/oidc/pending", { body: { password } }));

export const identityKeys = { mine: ["me", "identities"] as const };
/** How the signed-in account signs in: whether it has a password, and its identities. */
export const listMyIdentities = () => unwrap(api.GET("/api/v1/me/identities"));
/** Unlink an identity (409 `last_sign_in_method` while it is the only way to sign in). */
export const unlinkIdentity = (id: number) =>
  unwrap(api.DELETE("/api/v1/me/identities/{id}", { params: { path: { id } } }));

/** `path` when it is a path of this site, else `fallback`. */
export function safePath(path: string | null | undefined, fallback = "/"): string {
  return path && path.startsWith("/") && !path.startsWith("//") && !path.includes("\\") ? path : fallback;
}

/** The page that sent the person to sign in (`state.from`, set by `SignInRequired`). */
export function useReturnTo(fallback = "/") {
  const location = useLocation();
  return safePath((location.state as { from?: string } | null)?.from, fallback);
}
