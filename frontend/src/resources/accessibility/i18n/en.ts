// English messages of the "accessibility" area; the French reference, and the keys, are in ./fr.ts.
import type { fr } from "./fr";

export const en: Record<keyof typeof fr, string> = {
  "a11y.title": "Accessibility statement",
  "a11y.intro":
    "The Open d'État team is committed to making its service accessible, as required by article 47 of French law no. 2005-102 of 11 February 2005. This statement applies to the Open d'État web application.",
  "a11y.status": "Compliance status",
  "a11y.statusText":
    "Open d'État is not compliant with the French accessibility framework (RGAA 4.1): no full compliance audit has been carried out yet. The results of the tests described below do not replace an audit.",
  "a11y.tests": "Tests carried out",
  "a11y.test1":
    "On every change, automated tests go through every page of the service in a browser (Chromium), signed out and signed in (member, public official, moderation): the axe-core engine checks the WCAG 2.1 level A and AA rules there; any issue fails the tests.",
  "a11y.test2": "The main journeys (menu, sign-in and comment forms) are tested with the keyboard alone.",
  "a11y.test3":
    "The service uses the French State design system (DSFR): skip links, page titles, dark theme, contrasts.",
  "a11y.results": "Results",
  "a11y.resultsText":
    "The automated tests find no failure of the WCAG 2.1 A and AA rules they cover. They cover only part of the RGAA criteria: relevant text alternatives, use with a screen reader or at 200% zoom have not been assessed by a human audit.",
  "a11y.environment": "Test environment",
  "a11y.environmentText":
    "Chromium (Debian), automated, axe-core 4, keyboard. Technologies used: HTML5, CSS, JavaScript (React).",
  "a11y.feedback": "Feedback and contact",
  "a11y.feedbackText":
    "If you cannot reach a content or a service, report it in a discussion or write to the team: we will offer you an accessible alternative.",
  "a11y.remedies": "Remedies",
  "a11y.remediesText":
    "If you report an accessibility issue and get no satisfactory answer, you may write to the Défenseur des droits (French rights ombudsman) or contact their delegate in your region.",
  "a11y.date": "Statement made on 26 November 2026.",
};
