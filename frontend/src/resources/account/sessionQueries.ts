// What the session (src/auth/session.tsx, in the main bundle) asks the API: the account, a longer
// session, the end of it. Apart from ./queries.ts, which only lazily loaded pages need.
import { api, unwrap } from "../../api/client";

export const getMe = () => unwrap(api.GET("/api/v1/me"));
export const extendSession = () => unwrap(api.POST("/api/v1/auth/session/extend"));
/** End the session on the server and delete its cookie (signing out); a failure changes nothing
 *  for the person, whose page is signed out anyway. A session begun at ProConnect or FranceConnect
 *  answers where to end the provider's session too (`end_session_url`), else `null`. */
export const signOutOnServer = (): Promise<string | null> =>
  api
    .POST("/api/v1/auth/logout")
    .then(({ data }) => (data && typeof data.end_session_url === "string" ? data.end_session_url : null))
    .catch(() => null);
