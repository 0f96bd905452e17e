// What pages of the main bundle say of accounts (the sign-in prompt, the unconfirmed-address notice);
// the account's own pages bring theirs (./pages.fr.ts). French is the reference; the English catalogue
// must have exactly its keys (it does not compile otherwise).

export const fr = {
  "signIn.title": "Connexion",
  "signIn.submit": "Se connecter",
  "signIn.required": "Connectez-vous pour accéder à cette page.",
  "account.unverified":
    "Votre adresse {email} n'est pas encore confirmée : suivez le lien du message reçu à l'inscription pour pouvoir publier des commentaires.",
  "account.resend": "Renvoyer le message",
  "account.resent": "Un nouveau message vous a été envoyé.",
} as const;
