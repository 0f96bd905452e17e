import {
  accounts,
  apiToken,
  check,
  comment,
  expect,
  settled,
  signIn,
  signOut,
  status,
  sql,
  test,
  visit,
  json,
} from "./fixtures";

// Done when: a member asks the lead institution a question, an official answers it within the
// deadline, and the institution's record counts it; a question left unanswered past its
// deadline shows as overdue (the test sets dates, it does not sleep).
test("a member asks, the lead institution answers on time, an overdue question shows, the record counts", async ({
  page,
}) => {
  const stamp = Date.now();
  const answered = `Quand le prochain forum sera-t-il annoncé ? (${stamp})`;
  const forgotten = `Les données des forums seront-elles ouvertes ? (${stamp})`;

  await signIn(page, accounts.member);
  await page.goto("/engagements/FR0041");
  const section = page.getByRole("region", { name: "Questions à l'institution" });
  await settled(page);
  await expect(section.getByText(/Posez votre question à Minister of State for the Digital Sector/)).toBeVisible();
  for (const title of [answered, forgotten]) {
    await section.getByLabel("Votre question, en une phrase").fill(title);
    await section.getByLabel("Précisions").fill("Merci de préciser le calendrier.");
    await section.getByRole("button", { name: "Poser la question" }).click();
    // Said in the status region; the keyboard lands on the message that links to the question.
    await expect(status(page)).toContainText(`Votre question est posée : ${title}`);
    await expect(section.locator("#ask-done")).toContainText(title);
    await expect(section.locator("#ask-done")).toBeFocused();
  }
  await check(page, "commitment-questions");
  // The second one is left unanswered past its deadline: the test moves its dates back.
  sql(
    `UPDATE questions SET asked_on = paris_today() - 25, due_on = paris_today() - 2, long_due_on = paris_today() + 10 WHERE title = '${forgotten.replace(/'/g, "''")}'`,
  );
  await section.getByRole("listitem").getByRole("link", { name: forgotten }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(forgotten);
  await expect(page.getByText("En retard", { exact: true })).toBeVisible();
  await check(page, "question-overdue");
  await signOut(page);

  // The official of the lead institution answers from the queue, oldest first.
  await signIn(page, accounts.official);
  await page.goto("/questions");
  await page.getByRole("link", { name: /Questions en attente pour Minister of State/ }).click();
  await expect(page).toHaveURL(/status=open&order=oldest/);
  await settled(page);
  await check(page, "questions-queue");
  await page.getByRole("link", { name: answered }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(answered);
  await page
    .getByRole("combobox", { name: /^Réponse/ })
    .fill("Le prochain forum sera annoncé le mois prochain, sur cette plateforme.");
  await page.getByRole("button", { name: "Publier la réponse" }).click();
  await expect(page.getByText("Répondue", { exact: true })).toBeVisible();
  await expect(page.getByText(/Donnée dans le délai \(0 jours ouvrés\)/)).toBeVisible();
  await check(page, "question-answered");

  // The record counts it: the seed's 2 questions (1 answered) and these 2 (1 answered, 1 overdue).
  await page.goto("/institutions/minister-of-state-digital-sector");
  const record = page.getByRole("region", { name: "Bilan de réponse" });
  await settled(page);
  const value = (label: string) =>
    record
      .locator("dt")
      .filter({ hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) })
      .locator("xpath=following-sibling::dd[1]");
  await expect(value("Questions reçues")).toHaveText("4");
  await expect(value("Répondues")).toHaveText("2");
  await expect(value("Dans le délai")).toContainText("2 — trop peu de questions pour un taux");
  await expect(value("En retard aujourd'hui")).toContainText(/^[12]/);
  await check(page, "institution-record");
  await visit(page, "/institutions/comparaison", "institutions-compare");
  await expect(page.getByRole("table", { name: "Bilan de chaque institution" })).toBeVisible();
  await visit(page, "/jours-feries?annee=2027", "holidays");
  await expect(page.getByText("Lundi de Pentecôte")).toBeVisible();
  await signOut(page);

  // The asker says the answer does not answer: kept, shown, the question awaits again.
  await signIn(page, accounts.member);
  await page.goto("/questions?status=overdue");
  await expect(page.getByRole("link", { name: forgotten })).toBeVisible();
  await page.goto("/questions?status=answered");
  await page.getByRole("link", { name: answered }).click();
  await page.getByRole("button", { name: "Ceci ne répond pas à ma question" }).click();
  await page.getByLabel("Pourquoi ? (facultatif)").fill("Il me faut une date.");
  await page.getByRole("button", { name: "Confirmer" }).click();
  await expect(page.getByText("Ne répond pas à la question")).toBeVisible();
  await expect(page.getByText("En attente", { exact: true })).toBeVisible();
});

// Done when: an institution's answer is on the public record — edited, it keeps the text it
// replaced, readable on the question; never deleted; hidden by a moderator, it shows as hidden
// with its reason and no text, and the question awaits an answer again.
test("an official edits an answer and its earlier text stays readable; a moderator hides it and the question awaits again", async ({
  page,
}) => {
  const stamp = Date.now();
  const title = `Le format des forums sera-t-il évalué ? (${stamp})`;
  const first = `Une évaluation est prévue à la fin du cycle (${stamp}).`;
  const second = `Une évaluation indépendante sera publiée en juin (${stamp}).`;
  const bearer = async (email: string) => ({ Authorization: `Bearer ${await apiToken(page, email)}` });
  const member = await bearer(accounts.member);
  const official = await bearer(accounts.official);
  const asked = await page.request.post("/api/v1/commitments/FR0041/questions", {
    headers: member,
    data: { title, body: "Merci de préciser comment." },
  });
  expect(asked.status()).toBe(201);
  const id = (await json<{ id: number }>(asked)).id;
  const answered = await page.request.post(`/api/v1/questions/${id}/answers`, {
    headers: official,
    data: { body: first },
  });
  expect(answered.status()).toBe(201);
  // The answer is on the record: not even its author deletes it.
  const commentId = (await json<{ answers: { comment_id: number }[] }>(answered)).answers[0].comment_id;
  const refused = await page.request.delete(`/api/v1/comments/${commentId}`, { headers: official });
  expect(refused.status()).toBe(409);
  expect((await json<{ code: string }>(refused)).code).toBe("answer_on_record");

  // The official finds it in the discussion, marked as the institution's answer, with no
  // "Supprimer", and edits it.
  await signIn(page, accounts.official);
  await page.goto(`/questions/${id}`);
  const reply = comment(page, first);
  await expect(reply.getByText("Réponse de l'institution")).toBeVisible();
  await expect(reply.getByRole("button", { name: "Supprimer" })).toHaveCount(0);
  await reply.getByRole("button", { name: "Modifier" }).click();
  const field = page.getByRole("combobox", { name: /Modifier la réponse de l'institution/ });
  await field.fill(second);
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(comment(page, second)).toContainText("modifié le");

  // The question shows the answer as it is now, when it was edited, and what it said before.
  const answers = page.getByRole("region", { name: "Réponses" });
  const theAnswer = answers.getByRole("listitem").filter({ hasText: second });
  await expect(theAnswer.getByText("Réponse qui fait foi")).toBeVisible();
  await expect(theAnswer).toContainText("Modifiée le");
  const versions = theAnswer.getByText("Versions précédentes (1)");
  await versions.click();
  await expect(theAnswer.getByText(first)).toBeVisible();
  await expect(theAnswer).toContainText(/Version 1 — écrite le .+, remplacée le .+/);
  await check(page, "question-answer-edited");
  await signOut(page);

  // A moderator hides it: the question shows it hidden, with the reason and without its text,
  // and awaits an answer again.
  await signIn(page, accounts.moderator);
  await page.goto(`/questions/${id}`);
  await comment(page, second).getByRole("button", { name: "Masquer" }).click();
  await page.getByLabel("Motif du masquage (affiché publiquement)").fill("Données personnelles");
  await page.getByRole("button", { name: "Masquer le commentaire" }).click();
  await signOut(page);
  await page.goto(`/questions/${id}`);
  const hidden = answers.getByRole("listitem").first();
  await expect(hidden).toContainText("Réponse masquée par la modération");
  await expect(hidden).toContainText("Motif : Données personnelles");
  await expect(hidden).not.toContainText(second);
  await expect(hidden.getByText("Versions précédentes")).toHaveCount(0);
  await expect(page.getByText("En attente", { exact: true })).toBeVisible();
  await check(page, "question-answer-hidden");
});
