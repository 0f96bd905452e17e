// English messages of the session-expiry warning.
import type { fr } from "./expiry.fr";

export const en: Record<keyof typeof fr, string> = {
  "session.expiring.title": "Your session is about to end",
  "session.expiring.body": "Unless you act, you will be signed out at {time}. Do you want to stay signed in?",
  "session.expiring.extend": "Stay signed in",
  "session.expiring.signOut": "Sign out",
  "session.extended": "Session extended until {time}.",
};
