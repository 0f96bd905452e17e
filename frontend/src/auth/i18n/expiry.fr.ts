// French messages of the session-expiry warning (auth/SessionExpiry.tsx), which come with its
// chunk rather than with the home page: it is shown two minutes before a session ends.
export const fr = {
  "session.expiring.title": "Votre session va expirer",
  "session.expiring.body":
    "Sans action de votre part, vous serez déconnecté·e à {time}. Souhaitez-vous rester connecté·e ?",
  "session.expiring.extend": "Rester connecté·e",
  "session.expiring.signOut": "Se déconnecter",
  "session.extended": "Session prolongée jusqu'à {time}.",
};
