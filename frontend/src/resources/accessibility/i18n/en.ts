// English messages of the "accessibility" area; the French reference, and the keys, are in ./fr.ts.
import type { fr } from "./fr";

export const en: Record<keyof typeof fr, string> = {
  "a11y.title": "Accessibility statement",
  "a11y.intro":
    "The Open d'État team is committed to making its service accessible, as required by article 47 of French law no. 2005-102 of 11 February 2005. This accessibility statement applies to the Open d'État web application.",
  "a11y.status": "Compliance status",
  "a11y.status.totalement conforme":
    "Open d'État is fully compliant with the French accessibility framework (RGAA), version 4.1.",
  "a11y.status.partiellement conforme":
    "Open d'État is partially compliant with the French accessibility framework (RGAA), version 4.1, because of the non-compliances listed below.",
  "a11y.status.non conforme":
    "Open d'État is not compliant with the French accessibility framework (RGAA), version 4.1: the non-compliances are listed below.",
  "a11y.results": "Test results",
  "a11y.resultsText":
    "The compliance audit carried out on {date} by the {auditor} shows that {rate} of the RGAA version 4.1 criteria are met.",
  "a11y.counts":
    "Of the 106 criteria: {c} compliant, {nc} non-compliant and {na} not applicable on the sample pages. The rate is the number of compliant criteria divided by the number of applicable ones.",
  "a11y.auditor": "Open d'État team (internal audit)",
  "a11y.inaccessible": "Non-accessible content",
  "a11y.nonConformities": "Non-compliances",
  "a11y.nonConformitiesNone": "No non-compliance was found.",
  "a11y.criterion": "Criterion {id}: {rest}",
  "a11y.onPage": "{page}: {note}",
  "a11y.notesInFrench":
    "For each non-compliant criterion: its wording in the RGAA 4.1, then the pages where it fails and why, from the audit grid (in French, as the RGAA).",
  "a11y.derogations": "Exemptions for disproportionate burden",
  "a11y.derogationsText": "No exemption is claimed.",
  "a11y.exempt": "Content not subject to the accessibility obligation",
  "a11y.exemptText":
    "Third-party content neither funded nor developed by the Open d'État team and not under its control: the comments members post (their text, and the links and images they put in them) and the outside websites links lead to.",
  "a11y.making": "Preparation of this accessibility statement",
  "a11y.madeOn": "This statement was made on {date}.",
  "a11y.technologies": "Technologies the site relies on",
  "a11y.technologiesText": "HTML5, CSS (French State design system, DSFR), JavaScript (React), WAI-ARIA.",
  "a11y.environment": "Test environment",
  "a11y.environmentText":
    "{browser} browser on {system}, driven by Playwright {playwright} (headless), at 1,280 × 900 pixels.",
  "a11y.assistive": "Assistive technologies",
  "a11y.assistiveUsed":
    "The {reader} screen reader with the {browser} browser on {system}, on {date}, keyboard only: the home page (landmarks, headings, skip links, language), signing in (a wrong password, then the right one), a forum (registering), its discussion (a comment with a mention, posting it, deleting it with the confirmation), notifications, a commitment (the chart and its data table) and this statement. What the screen reader said at each step, and what was wrong, is published with the source code ({report}).",
  "a11y.assistiveNone":
    "No screen reader was used for this audit: neither NVDA, JAWS, VoiceOver nor Orca. Speech output was therefore not checked; the names, roles and states exposed to assistive technologies were checked by reading the code and with axe-core.",
  "a11y.tools": "Tools used to assess accessibility",
  "a11y.tool.axe":
    "axe-core {axe} (through @axe-core/playwright), WCAG 2.1 level A and AA rules, on every page the browser tests visit, signed out and signed in; any issue fails the tests.",
  "a11y.tool.keyboard":
    "Keyboard-only tests (Playwright): main navigation, forms, the comment journey, where the focus goes after each action.",
  "a11y.tool.checks":
    "Automated checks of each sample page: unique ids and nesting, heading levels, required fields said; text spacing (WCAG 1.4.12) checked by an automated test (the header and button labels, from 320 to 1280 px).",
  "a11y.tool.reading": "Reading the source code of each component, criterion by criterion.",
  "a11y.sample": "Pages of the site checked for compliance",
  "a11y.sampleMethod":
    "Sample chosen with the RGAA method: the home page, the accessibility statement, one page of each kind (a forum with its discussion and the comment editor, a commitment), sign-in, the account, search, a long list and an administration form. The full grid, criterion by criterion and page by page, is published with the source code (docs/rgaa/grille.json).",
  "a11y.as.visiteur": "signed out",
  "a11y.as.membre connecté": "signed in as a member",
  "a11y.as.administrateur": "signed in as an administrator",
  "a11y.notAudited":
    "The API documentation (/api/docs/), meant for developers, is not part of the sample and was not assessed.",
  "a11y.plans": "Multi-year plan and action plan",
  "a11y.planLink": "Multi-year accessibility plan 2026-2028",
  "a11y.actionsLink": "2026 action plan",
  "a11y.feedback": "Feedback and contact",
  "a11y.feedbackText":
    "If you cannot reach a content or a service, you can contact the Open d'État team to be directed to an accessible alternative or get the content in another form.",
  "a11y.contact": "Write to {address}",
  "a11y.remedies": "Remedies",
  "a11y.remediesText":
    "If you reported to the team an accessibility issue that keeps you from reaching a content or a service, and got no satisfactory answer, you may:",
  "a11y.remedy.form": "write to the Défenseur des droits (French rights ombudsman) with the online form",
  "a11y.remedy.delegates": "contact the Défenseur des droits' delegate in your region",
  "a11y.remedy.post":
    "send a letter by post (free of charge, no stamp needed): Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.",

  "a11y.plan.title": "Multi-year accessibility plan 2026-2028",
  "a11y.plan.intro":
    "This plan says how the Open d'État team makes the service accessible over three years, as article 47 of French law no. 2005-102 of 11 February 2005 requires. Each year, an action plan carries it out.",
  "a11y.plan.organisation": "Organisation",
  "a11y.plan.organisationText":
    "Accessibility is the whole team's business: an accessibility lead follows the audit, the statement and the action plan, and receives the reports written to the statement's contact address.",
  "a11y.plan.practice": "Taken into account in every change",
  "a11y.plan.practice1":
    "French State design system (DSFR) components first; a home-made component follows the WAI-ARIA design patterns.",
  "a11y.plan.practice2":
    "On every change, the browser tests run axe-core (WCAG 2.1 A and AA) on every page and the keyboard journeys: an issue blocks the change.",
  "a11y.plan.practice3":
    "The audit grid is kept up to date in the source code: the statement and the footer are computed from it.",
  "a11y.plan.schedule": "Schedule",
  "a11y.plan.2026":
    "2026: first compliance audit on a sample (RGAA 4.1), statement published, the non-compliances found fixed.",
  "a11y.plan.2027":
    "2027: audit with screen readers (NVDA with Firefox, VoiceOver with Safari) and by an outside auditor; the team trained in the RGAA.",
  "a11y.plan.2028": "2028: new full audit, aiming at full compliance; tests with users with disabilities.",
  "a11y.plan.means": "Means",
  "a11y.plan.meansText":
    "The development team's time, the automated tests built into the test chain, and an outside audit each year from 2027.",

  "a11y.actions.title": "2026 action plan",
  "a11y.actions.intro":
    "This plan carries out, for 2026, the multi-year accessibility plan. It takes up the non-compliances of the audit of {date} and what remains to be checked.",
  "a11y.actions.fix": "Fix the audit's non-compliances",
  "a11y.actions.verify": "Check what the audit did not cover",
  "a11y.actions.verify1":
    "Test the main journeys with NVDA (with Firefox) and VoiceOver (with Safari): they were only tested with Orca and Chromium (December 2026).",
  "a11y.actions.verify2": "Validate the generated source code of each sample page with the W3C validator.",
  "a11y.actions.verify3":
    "Measure the contrast of interface components and charts (criterion 3.3) instead of relying on the colour tokens.",
  "a11y.actions.keep": "Keep the statement up to date",
  "a11y.actions.keepText": "Update the audit grid after each fix or new page; the statement and the footer follow.",
};
