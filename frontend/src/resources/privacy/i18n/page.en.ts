// English messages of the "Données personnelles" page: exactly the keys of ./page.fr.ts.
import type { fr } from "./page.fr";

export const en: Record<keyof typeof fr, string> = {
  "privacy.title": "Personal data",
  "privacy.intro":
    "Open d'État is the platform of the Open d'État forums, where citizens, associations and public officials move the commitments of the national open government action plan forward together. This page says what personal data it processes, why, for how long, who sees it, and how to use your rights.",
  "privacy.what.title": "The data processed",
  "privacy.what.account":
    "Your account: email address, display name, organisation if you give one, language, role, when it was created and when its address was confirmed. The password is never kept: only its fingerprint (argon2id) is.",
  "privacy.what.contributions":
    "Your contributions: comments, questions to institutions, reactions, feedback on forums, and for officials the progress updates published in their institution's name.",
  "privacy.what.registrations":
    "Your forum registrations: the seat, the waitlist, the code given at the door and attendance on the day.",
  "privacy.what.follows": "What you follow, your notifications and how you want to receive them.",
  "privacy.what.reports": "The reports of comments you make.",
  "privacy.what.tokens":
    "Your API tokens: name, rights, when created and last used (only the address family, IPv4 or IPv6, is kept). The token itself is only kept as a fingerprint.",
  "privacy.what.technical":
    "Technical counters against abuse: how many sign-ins, sign-ups and mails were asked for per network address (an IPv4 address, or the /64 prefix of an IPv6 one). The server's logs do not keep network addresses.",
  "privacy.what.twoFactor":
    "If you turn on two-factor sign-in: the key shared with your authenticator app and the fingerprints of your recovery codes, deleted when you turn it off.",
  "privacy.what.identities":
    "If you sign in with ProConnect or FranceConnect: the identifier the provider gives you, the email address and name it sends, for ProConnect your establishment's SIRET (used to link you to your institution), and the session's identity token, kept until you sign out so as to end the provider's session too. You can unlink an identity from your account.",
  "privacy.what.browser":
    "One cookie, strictly necessary and so set without asking: your session's (od_session), set when you sign in, unreadable by the page's scripts, deleted when you sign out or when it expires. Your browser also keeps in its local storage when your session ends, your display name, the language chosen and your display preferences.",
  "privacy.why.title": "Why",
  "privacy.why.body":
    "To let people take part in the forums and in the public follow-up of the action plan: identify you, publish your contributions under your display name, run the forums (seats, the door), tell you about what you follow, moderate, and protect the platform from abuse. This processing is the performance of a task carried out in the public interest (GDPR article 6.1.e). No data is sold or used for advertising.",
  "privacy.keep.title": "For how long",
  "privacy.keep.caption": "Retention periods",
  "privacy.keep.what": "Data",
  "privacy.keep.howLong": "Kept",
  "privacy.keep.account": "Account, follows, preferences, API tokens",
  "privacy.keep.accountHow": "As long as the account exists",
  "privacy.keep.unconfirmed": "An account whose address was never confirmed",
  "privacy.keep.unconfirmedHow": "7 days, then deleted (the address is free again)",
  "privacy.keep.contributions": "Comments, questions, feedback",
  "privacy.keep.contributionsHow":
    "As long as the account exists: they are part of the public record of the forums and commitments",
  "privacy.keep.registrations": "Forum registrations and attendance",
  "privacy.keep.notifications": "Notifications",
  "privacy.keep.notificationsHow": "1 year",
  "privacy.keep.links": "Links sent by mail (confirmation, password)",
  "privacy.keep.linksHow": "7 days after use or expiry",
  "privacy.keep.throttles": "Counters against abuse (per network address)",
  "privacy.keep.throttlesHow": "The length of their window: from a few minutes to a day",
  "privacy.keep.jobs": "Mails sent (the sending queue)",
  "privacy.keep.jobsHow": "14 days after sending, without the link they held",
  "privacy.who.title": "Who sees it",
  "privacy.who.caption": "Who receives the data",
  "privacy.who.whom": "Who",
  "privacy.who.what": "Sees",
  "privacy.who.everyone": "Everyone",
  "privacy.who.everyoneSees":
    "Your display name, your organisation, your comments and questions (through the API and open data too); reaction totals, never who reacted; never your email address.",
  "privacy.who.organisers": "A forum's organisers",
  "privacy.who.organisersSees": "The list of people registered for that forum, and their attendance.",
  "privacy.who.moderators": "Moderators",
  "privacy.who.moderatorsSees": "Reports and hidden comments.",
  "privacy.who.admins": "The platform's administrators",
  "privacy.who.adminsSees": "Accounts (email address included) to manage them, and the log of actions on the platform.",
  "privacy.who.nobodyElse":
    "Mail goes through the sending service of the platform's operator. If you sign in with ProConnect or FranceConnect, the provider knows you signed in to Open d'État. Apart from that, the data is passed on to nobody, unless the law requires it.",
  "privacy.rights.title": "Your rights",
  "privacy.rights.intro":
    "You may access your data, have it corrected or erased, ask for a copy in an open format, object to its processing or have it restricted (GDPR articles 15 to 21).",
  "privacy.rights.profile": "Your display name, organisation and language can be changed from your account.",
  "privacy.rights.erase":
    "Your account is erased from your account page (“Erase my account”), with your password, at once. Your comments stay in discussions, signed “Compte supprimé” (deleted account), without their text unless you choose to leave it; an institution's answers to questions stay on the public record.",
  "privacy.rights.write": "For everything else (a correction, an objection…), write to",
  "privacy.rights.copy": "A copy of your data can be downloaded from your account (“Download my data”).",
  "privacy.rights.cnil":
    "If, after contacting us, you consider that your rights are not respected, you may lodge a complaint with the CNIL:",
  "privacy.rights.cnilLink": "file a complaint on cnil.fr",
  "privacy.contact.title": "Contact",
  "privacy.contact.body": "For any question about your personal data:",
};
