// English messages of the "account" area; the French reference, and the keys, are in ./fr.ts.
import type { fr } from "./fr";

export const en: Record<keyof typeof fr, string> = {
  "signIn.title": "Sign in",
  "signIn.submit": "Sign in",
  "signIn.required": "Sign in to see this page.",
  "account.unverified":
    "Your address {email} is not confirmed yet: follow the link in the message sent when you signed up to be able to post comments.",
  "account.resend": "Send the message again",
  "account.resent": "A new message is on its way.",
};
