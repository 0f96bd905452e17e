// The signed-in account, sign-up and sign-in, and the links mailed to accounts.
import { api, unwrap, type Schemas } from "../../api/client";
import { toApiError } from "../../api/errors";

// What the session itself asks (in the main bundle, with it), here with the rest.
export { extendSession, getMe, signOutOnServer } from "./sessionQueries";

export type RegisterRequest = Schemas["RegisterRequest"];
export type AccountChanges = Schemas["UpdateAccountRequest"];

export const accountKeys = { all: ["me"] as const, me: ["me"] as const };

/** Signs in for this web app: the session goes into an HttpOnly cookie (`cookie: true`). */
export const signIn = (email: string, password: string, code?: string) =>
  unwrap(
    api.POST("/api/v1/auth/login", {
      body: code ? { email, password, code, cookie: true } : { email, password, cookie: true },
    }),
  );
/** 202 whether or not the address already has an account: a mail tells its owner. */
export const register = (body: RegisterRequest) => unwrap(api.POST("/api/v1/auth/register", { body }));
export const updateMe = (body: AccountChanges) => unwrap(api.PATCH("/api/v1/me", { body }));
export const verifyEmail = (token: string) => unwrap(api.POST("/api/v1/auth/verify-email", { body: { token } }));
export const resendVerification = () => unwrap(api.POST("/api/v1/auth/verify-email/resend"));
export const requestPasswordReset = (email: string) =>
  unwrap(api.POST("/api/v1/auth/password-reset", { body: { email } }));
export const resetPassword = (token: string, newPassword: string) =>
  unwrap(api.POST("/api/v1/auth/password-reset/confirm", { body: { token, new_password: newPassword } }));

export const sessionKeys = { mine: ["me", "sessions"] as const };
/** The signed-in person's sessions still on (`GET /me/sessions`). */
export const listMySessions = () => unwrap(api.GET("/api/v1/me/sessions"));
/** End one of one's sessions. */
export const endMySession = (id: number) =>
  unwrap(api.DELETE("/api/v1/me/sessions/{id}", { params: { path: { id } } }));
/** End every session of the account (this one included). */
export const endAllMySessions = () => unwrap(api.DELETE("/api/v1/me/sessions"));

/** Erase the signed-in person's account (`POST /me/erasure`), with their password. */
export const eraseMyAccount = (body: Schemas["EraseMyAccount"]) => unwrap(api.POST("/api/v1/me/erasure", { body }));

/** The copy of everything the platform holds about the signed-in person (`GET /me/data`). */
export async function downloadMyData(): Promise<{ blob: Blob; filename: string }> {
  const { data, error, response } = await api.GET("/api/v1/me/data", { parseAs: "blob" });
  if (error !== undefined || !response.ok || !data) throw toApiError(error, response);
  const named = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "");
  return { blob: data, filename: named?.[1] ?? "mes-donnees-opendetat.json" };
}

export const twoFactorKeys = { mine: ["me", "two-factor"] as const };
/** Where the signed-in person's second factor stands. */
export const getMyTwoFactor = () => unwrap(api.GET("/api/v1/me/two-factor"));
/** A new secret for an authenticator app (nothing changes until a code confirms it). */
export const beginTwoFactor = (password: string) => unwrap(api.POST("/api/v1/me/two-factor", { body: { password } }));
/** The first code of the app: the factor is on; the answer holds the recovery codes. */
export const confirmTwoFactor = (code: string) => unwrap(api.POST("/api/v1/me/two-factor/confirm", { body: { code } }));
/** New recovery codes (the previous ones stop working). */
export const newRecoveryCodes = (code: string) =>
  unwrap(api.POST("/api/v1/me/two-factor/recovery-codes", { body: { code } }));
/** Turn the factor off (the password and a code). */
export const turnOffTwoFactor = (password: string, code: string) =>
  unwrap(api.POST("/api/v1/me/two-factor/off", { body: { password, code } }));
