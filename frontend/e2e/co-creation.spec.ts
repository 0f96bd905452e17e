// Co-creating the next action plan, end to end: an admin makes a plan in preparation with its
// coordinating institution, adds a phase open to proposals from today and publishes the timeline
// late, with its public reason (refused first without one); a member proposes from the
// concertation page and lands on the proposal; an official of the coordinating institution drafts
// « Retenue » with a reason and publishes the drafts from the concertation page, then links the
// proposal to the commitment it became (a commitment of the plan, made through the API with a
// milestone and a progress update); the member reads the response, and where that commitment
// stands; the commitment's page says which proposal it came from. Every page on the way is
// checked with axe.
import {
  accounts,
  apiToken,
  check,
  errorSummary,
  expect,
  json,
  signIn,
  signOut,
  status,
  test,
  visit,
} from "./fixtures";
import { auth, makeForum } from "./forum";
import { confirmAddress } from "./mail";

/** Today in Paris ("2027-03-03"), the calendar phases open and close on. */
const parisDay = (offset = 0) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date(Date.now() + offset * 86_400_000));

test("a plan's co-creation: a late timeline with its reason, a proposal, its reasoned response", async ({ page }) => {
  const stamp = Date.now();
  const slug = `pan-concertation-${stamp % 1_000_000}`;
  const planTitle = `Plan d'action en préparation ${stamp}`;
  const institutionName = `Mission de coordination ${stamp}`;
  const proposalTitle = `Publier les avis des commissions consultatives (${stamp})`;
  const lateReason = "Le forum de lancement a été avancé à la demande des associations.";
  const password = "un-mot-de-passe-solide";
  const admin = auth(await apiToken(page, accounts.admin));

  // The coordinating institution, and an official who speaks for it (an account of the test's own).
  const made = await page.request.post("/api/v1/institutions", {
    headers: admin,
    data: { name: institutionName, kind: "agency" },
  });
  expect(made.status()).toBe(201);
  const institution = await json<{ id: number }>(made);
  const officialEmail = `e2e.coordination.${stamp}@example.org`;
  const citizenEmail = `e2e.proposition.${stamp}@example.org`;
  for (const [email, name] of [
    [officialEmail, `Dominique Coordination ${stamp}`],
    [citizenEmail, `Sacha Proposition ${stamp}`],
  ]) {
    const registered = await page.request.post("/api/v1/auth/register", {
      data: { email, password, display_name: name },
    });
    expect(registered.status()).toBe(202);
    await confirmAddress(page, email);
  }
  const found = await page.request.get(`/api/v1/admin/users?q=${encodeURIComponent(officialEmail)}`, {
    headers: admin,
  });
  const [official] = (await json<{ items: { id: number }[] }>(found)).items;
  const promoted = await page.request.patch(`/api/v1/admin/users/${official.id}`, {
    headers: admin,
    data: { role: "official", institution_id: institution.id },
  });
  expect(promoted.status()).toBe(200);

  // The admin makes the plan: in preparation, coordinated by that institution.
  await signIn(page, accounts.admin);
  await page.goto("/admin/plans/nouveau");
  await page.getByRole("textbox", { name: "Titre", exact: true }).fill(planTitle);
  await page.getByLabel("Identifiant dans les adresses").fill(slug);
  await page.getByLabel("Première année").fill("2031");
  await page.getByLabel("Dernière année").fill("2033");
  await page.getByLabel(/^Statut/).selectOption("in_preparation");
  await page.getByLabel(/^Institution coordinatrice/).selectOption({ label: institutionName });
  await check(page, "co-creation-admin-plan-form");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await page.getByRole("link", { name: `Calendrier de la concertation — ${planTitle}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Calendrier de la concertation — ${planTitle}`);
  await expect(page.getByText("Aucune phase pour l'instant")).toBeVisible();
  await check(page, "co-creation-admin-timeline-empty");

  // A phase open to proposals from today to a month ahead.
  const add = page.getByRole("form", { name: "Ajouter une phase" });
  await add.getByLabel("Type de phase").selectOption("call_for_proposals");
  await add.getByLabel("Intitulé").fill("Appel à propositions");
  await add.getByRole("textbox", { name: /^Description/ }).fill("Proposez vos idées pour le **prochain** plan.");
  await add.getByLabel("Premier jour").fill(parisDay());
  await add.getByLabel("Dernier jour (inclus)").fill(parisDay(30));
  await add.locator("label", { hasText: "Les membres peuvent faire des propositions" }).click();
  await add.getByRole("button", { name: "Ajouter une phase" }).click();
  await expect(status(page)).toContainText("Phase ajoutée.");
  const phase = page.getByRole("heading", { level: 3, name: "Appel à propositions" });
  await expect(phase).toBeFocused();

  // Published without a reason, it is refused: the first phase opens today, not in 14 days.
  await page.getByRole("button", { name: "Publier le calendrier" }).click();
  await expect(errorSummary(page)).toContainText("Moins de 14 jours de préavis");
  await expect(errorSummary(page).getByRole("link", { name: "Raison d'une publication tardive" })).toBeVisible();
  const reason = page.getByRole("textbox", { name: /^Raison d'une publication tardive/ });
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await check(page, "co-creation-admin-notice-too-short");
  await reason.fill(lateReason);
  await page.getByRole("button", { name: "Publier le calendrier" }).click();
  await expect(status(page)).toContainText("Calendrier de la concertation publié.");
  await expect(page.getByText(/Calendrier publié le/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Publier le calendrier" })).toHaveCount(0);
  await check(page, "co-creation-admin-timeline-published");

  // Forum organisers (here the admin) enter what a forum collected, from the concertation page.
  const forum = await makeForum(page, stamp);
  await page.getByRole("link", { name: "Voir la page publique de la concertation" }).click();
  await page.getByText("Saisir une proposition recueillie lors d'un forum").click();
  const entry = page.getByRole("form", { name: "Saisir une proposition recueillie lors d'un forum" });
  await entry.getByLabel("Forum", { exact: true }).selectOption(forum);
  await entry.getByRole("textbox", { name: /^Qui l'a formulée/ }).fill("Association Regards Citoyens");
  await entry
    .getByRole("textbox", { name: "Titre de la proposition" })
    .fill(`Un registre des lobbies local (${stamp})`);
  await entry
    .getByRole("textbox", { name: /^Le problème/ })
    .fill("Les rencontres avec les élus locaux ne sont pas connues.");
  await entry.getByRole("textbox", { name: /^Ce que vous proposez/ }).fill("Un registre public des rencontres.");
  await check(page, "co-creation-forum-entry");
  await entry.getByRole("button", { name: "Enregistrer la proposition" }).click();
  await expect(page).toHaveURL(/\/propositions\/\d+$/);
  const forumProposalPath = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Un registre des lobbies local (${stamp})`);
  await expect(page.getByText("Recueillie lors du forum")).toBeVisible();
  await expect(page.getByRole("link", { name: `Forum du clavier ${stamp}` })).toHaveAttribute(
    "href",
    `/forums/${forum}`,
  );
  await expect(page.getByText("Association Regards Citoyens")).toBeVisible();
  await signOut(page);

  // A visitor reads the timeline, its late reason and the calendar; to propose, they sign in.
  await visit(page, `/plans/${slug}/concertation`, "co-creation-visitor");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Concertation : ${planTitle}`);
  await expect(page.getByText("En préparation", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: institutionName })).toBeVisible();
  const timeline = page.getByRole("region", { name: "Calendrier de la concertation" });
  await expect(timeline.getByRole("heading", { name: "Appel à propositions" })).toBeVisible();
  await expect(timeline.getByText("En cours", { exact: true })).toBeVisible();
  await expect(timeline.getByTestId("late-reason")).toHaveText(
    `Calendrier publié moins de 14 jours avant l'ouverture de la première phase : ${lateReason}`,
  );
  const ics = timeline.getByRole("link", { name: "S'abonner au calendrier de la concertation (.ics)" });
  const calendar = await page.request.get((await ics.getAttribute("href"))!);
  expect(calendar.status()).toBe(200);
  expect(await calendar.text()).toContain("Appel à propositions");
  await expect(page.getByRole("link", { name: "Connectez-vous pour faire une proposition." })).toBeVisible();
  // The home page leads to it: the plan is in preparation.
  await page.goto("/");
  await expect(page.getByRole("link", { name: planTitle })).toHaveAttribute("href", `/plans/${slug}/concertation`);

  // The member proposes, and lands on the proposal's page.
  await signIn(page, citizenEmail, password);
  await page.goto(`/plans/${slug}/concertation`);
  const form = page.getByRole("form", { name: "Proposer" });
  await form.getByRole("button", { name: "Envoyer la proposition" }).click();
  await expect(form.locator(".fr-alert--error")).toBeVisible();
  await expect(form.getByRole("textbox", { name: "Titre de la proposition" })).toHaveAttribute("aria-invalid", "true");
  await check(page, "co-creation-propose-errors");
  await form.getByRole("textbox", { name: "Titre de la proposition" }).fill(proposalTitle);
  await form.getByRole("textbox", { name: /^Le problème/ }).fill("Les avis des commissions restent introuvables.");
  await form.getByRole("textbox", { name: /^Ce que vous proposez/ }).fill("Les publier en ligne, avec leurs votes.");
  await form.getByRole("textbox", { name: /^Thème/ }).fill("Transparence");
  await form.getByRole("textbox", { name: /^Engagement concerné/ }).fill("FR0041");
  await form.getByRole("textbox", { name: /^Qui pourrait la porter/ }).fill("Le secrétariat général du gouvernement");
  await form.getByRole("button", { name: "Envoyer la proposition" }).click();
  await expect(page).toHaveURL(/\/propositions\/\d+$/);
  const proposalPath = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(proposalTitle);
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  await expect(status(page)).toContainText("Votre proposition est enregistrée.");
  await expect(page.getByText("Pas encore de réponse publiée")).toBeVisible();
  await expect(page.getByRole("link", { name: /^FR0041 — / })).toBeVisible();
  // Supported, said with the new count; the focus stays on the button.
  await page.getByRole("button", { name: "Soutenir" }).click();
  await expect(status(page)).toContainText("Vous soutenez cette proposition : 1 soutien(s).");
  await expect(page.getByRole("button", { name: "Retirer mon soutien" })).toBeFocused();
  await expect(page.getByRole("form", { name: "Réponse (brouillon)" })).toHaveCount(0);
  await check(page, "co-creation-proposal");
  await signOut(page);

  // The official of the coordinating institution drafts « Retenue » with its reason…
  await signIn(page, officialEmail, password);
  await page.goto(proposalPath);
  const draft = page.getByRole("form", { name: "Réponse (brouillon)" });
  await draft.getByLabel("Réponse", { exact: true }).selectOption("retained");
  await draft.getByRole("button", { name: "Enregistrer le brouillon" }).click();
  await expect(draft.locator(".fr-alert--error")).toContainText("Motif");
  await draft
    .getByRole("textbox", { name: /^Motif/ })
    .fill("Elle rejoint l'engagement sur l'ouverture des données publiques du prochain plan.");
  await draft.getByRole("button", { name: "Enregistrer le brouillon" }).click();
  await expect(status(page)).toContainText("Brouillon de réponse enregistré.");
  await expect(draft.getByText(/Brouillon enregistré le .* : Retenue\./)).toBeVisible();
  // Not public yet.
  await expect(page.getByText("Pas encore de réponse publiée")).toBeVisible();
  await check(page, "co-creation-proposal-draft");

  // … and publishes the drafts from the concertation page, after a confirmation.
  await draft.getByRole("link", { name: "Publier les réponses depuis la page de la concertation" }).click();
  const responses = page.getByRole("region", { name: "Réponses de l'institution coordinatrice" });
  await expect(responses.getByTestId("drafts-waiting")).toHaveText("1 réponse(s) en brouillon");
  await check(page, "co-creation-responder");
  await responses.getByRole("button", { name: "Publier les réponses" }).click();
  const dialog = page.getByRole("dialog", { name: "Publier les réponses en brouillon ?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Publier les réponses" }).click();
  await expect(status(page)).toContainText("1 réponse(s) publiée(s).");
  await expect(responses.getByTestId("drafts-waiting")).toHaveText("0 réponse(s) en brouillon");
  // The counts and the list say it too.
  const byState = page.getByRole("table", { name: "Propositions par réponse publiée" });
  await expect(byState.getByRole("row", { name: /Retenue/ })).toContainText("1");
  await expect(byState.getByRole("row", { name: /Reçue/ })).toContainText("1");
  const byOrigin = page.getByRole("table", { name: "Propositions par origine" });
  await expect(byOrigin.getByRole("row", { name: /En ligne/ })).toContainText("1");
  await expect(byOrigin.getByRole("row", { name: /Lors d'un forum/ })).toContainText("1");
  // Filtered by origin: the forum's proposal alone.
  await page.getByLabel("Origine", { exact: true }).selectOption("forum");
  await page.getByRole("button", { name: "Afficher" }).click();
  await expect(page).toHaveURL(/origine=forum/);
  await expect(page.getByTestId("proposals").getByRole("listitem")).toHaveCount(1);
  await expect(page.getByTestId("proposals")).toContainText("Un registre des lobbies local");
  await page.getByLabel("Origine", { exact: true }).selectOption("");
  await page.getByRole("button", { name: "Afficher" }).click();
  const list = page.getByTestId("proposals");
  await expect(list.getByRole("listitem").filter({ hasText: proposalTitle })).toContainText("Retenue");
  await check(page, "co-creation-published");

  // From proposal to commitment: a commitment of the plan (made through the API, as an admin
  // would), with a milestone and a progress update, so that it has progress to show.
  const adminNow = auth(await apiToken(page, accounts.admin));
  const commitmentCode = `ZP${String(stamp % 10_000).padStart(4, "0")}`;
  const commitmentTitle = `Ouvrir les avis des commissions consultatives (${stamp})`;
  const progressNote = `Trois commissions publient déjà leurs avis en ligne (${stamp}).`;
  const madeCommitment = await page.request.post("/api/v1/commitments", {
    headers: adminNow,
    data: {
      action_plan: slug,
      code: commitmentCode,
      number: 1,
      title: commitmentTitle,
      lead_institution_id: institution.id,
    },
  });
  expect(madeCommitment.status()).toBe(201);
  const madeMilestone = await page.request.post(`/api/v1/commitments/${commitmentCode}/milestones`, {
    headers: adminNow,
    data: { code: "1.1", title: "Publier les avis de toutes les commissions", due_period: "Semestre 1 2032" },
  });
  expect(madeMilestone.status()).toBe(201);
  const milestone = await json<{ id: number }>(madeMilestone);
  const reported = await page.request.post(`/api/v1/milestones/${milestone.id}/progress`, {
    headers: adminNow,
    data: { as_of: parisDay(), status: "in_progress", completion: "substantial", note: progressNote },
  });
  expect(reported.status()).toBe(201);

  // A proposal without a retained response becomes no commitment: the form says why.
  await page.goto(forumProposalPath);
  const unanswered = page.getByRole("region", { name: "Engagements issus de cette proposition" });
  const tryLink = unanswered.getByRole("form", { name: "Relier à un engagement" });
  await tryLink.getByRole("textbox", { name: /^Code OGP de l'engagement/ }).fill(commitmentCode);
  await tryLink.getByRole("button", { name: "Relier à l'engagement" }).click();
  await expect(tryLink.locator(".fr-alert--error")).toContainText(
    "Seule une proposition retenue (ou partiellement retenue) devient un engagement",
  );
  await check(page, "co-creation-link-not-retained");

  // The retained one: an unknown code is refused, then the official links it to the commitment.
  await page.goto(proposalPath);
  const toLink = page.getByRole("region", { name: "Engagements issus de cette proposition" });
  await expect(toLink.getByText("Aucun engagement n'est encore relié à cette proposition.")).toBeVisible();
  const linkForm = toLink.getByRole("form", { name: "Relier à un engagement" });
  const codeField = linkForm.getByRole("textbox", { name: /^Code OGP de l'engagement/ });
  await codeField.fill("XX0000");
  await linkForm.getByRole("button", { name: "Relier à l'engagement" }).click();
  await expect(linkForm.locator(".fr-alert--error")).toContainText("Aucun engagement ne porte ce code");
  await codeField.fill(commitmentCode.toLowerCase());
  await linkForm.getByRole("button", { name: "Relier à l'engagement" }).click();
  await expect(status(page)).toContainText(`Proposition reliée à l'engagement ${commitmentCode}.`);
  const became = page.getByRole("region", { name: "Devenue l'engagement" });
  await expect(became.getByRole("heading", { level: 2 })).toBeFocused();
  await expect(became.getByRole("link", { name: `${commitmentCode} — ${commitmentTitle}` })).toBeVisible();
  await expect(became.getByTestId("latest-update")).toContainText(progressNote);
  await check(page, "co-creation-proposal-linked");
  // Undone after a confirmation, then linked again.
  await became.getByRole("button", { name: `Retirer le lien avec l'engagement ${commitmentCode}` }).click();
  const unlinkDialog = page.getByRole("dialog", { name: "Retirer le lien avec cet engagement ?" });
  await expect(unlinkDialog).toBeVisible();
  await check(page, "co-creation-unlink-dialog");
  await unlinkDialog.getByRole("button", { name: "Retirer le lien" }).click();
  await expect(status(page)).toContainText(`Lien avec l'engagement ${commitmentCode} retiré.`);
  await expect(toLink.getByText("Aucun engagement n'est encore relié à cette proposition.")).toBeVisible();
  await codeField.fill(commitmentCode);
  await linkForm.getByRole("button", { name: "Relier à l'engagement" }).click();
  await expect(status(page)).toContainText(`Proposition reliée à l'engagement ${commitmentCode}.`);
  await expect(became.getByRole("link", { name: `${commitmentCode} — ${commitmentTitle}` })).toBeVisible();
  await signOut(page);

  // The member reads the response on the proposal's page.
  await signIn(page, citizenEmail, password);
  await page.goto(proposalPath);
  const response = page.getByTestId("response");
  await expect(response.getByText("Retenue", { exact: true })).toBeVisible();
  await expect(response).toContainText(
    "Elle rejoint l'engagement sur l'ouverture des données publiques du prochain plan.",
  );
  // … and what it became: the commitment, its completion (OGP's scale) and its latest update.
  const traced = page.getByRole("region", { name: "Devenue l'engagement" });
  const commitmentLink = traced.getByRole("link", { name: `${commitmentCode} — ${commitmentTitle}` });
  await expect(commitmentLink).toHaveAttribute("href", `/engagements/${commitmentCode}`);
  await expect(traced.getByText(/^Niveau d'achèvement/)).toContainText("Substantiel");
  await expect(traced.getByText(/0 jalons atteints sur 1/)).toBeVisible();
  const latest = traced.getByTestId("latest-update");
  await expect(latest).toContainText(progressNote);
  await expect(latest).toContainText("Substantiel");
  await expect(
    latest.getByRole("link", { name: "Voir ce point dans le journal d'avancement du jalon" }),
  ).toHaveAttribute("href", new RegExp(`^/jalons/${milestone.id}#point-\\d+$`));
  // Only those who answer undo a link or make one.
  await expect(traced.getByRole("button")).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Relier à un engagement" })).toHaveCount(0);
  await check(page, "co-creation-proposal-answered");

  // The commitment's page says which proposal it came from.
  await commitmentLink.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${commitmentCode} — ${commitmentTitle}`);
  const origin = page.getByRole("region", { name: "Issu de 1 proposition de la concertation" });
  await expect(origin.getByRole("link", { name: proposalTitle })).toHaveAttribute("href", proposalPath);
  await check(page, "co-creation-commitment-origin");
});
