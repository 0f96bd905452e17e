import { accounts, apiToken, check, expect, signIn, signOut, status, test, json } from "./fixtures";

test("a participant gives feedback on a held forum, and the format's page compares its two versions", async ({
  page,
}) => {
  const stamp = Date.now();
  const admin = { Authorization: `Bearer ${await apiToken(page, accounts.admin)}` };
  const member = { Authorization: `Bearer ${await apiToken(page, accounts.member)}` };
  const moderator = { Authorization: `Bearer ${await apiToken(page, accounts.moderator)}` };
  // A forum following version 2 of the seeded format; the member registers and is checked in,
  // the moderator registers and is not; then the forum is held.
  const made = await page.request.post("/api/v1/forums", {
    headers: admin,
    data: {
      title: `Forum avec avis ${stamp}`,
      theme: "Avis",
      location: "Paris",
      status: "open",
      starts_at: "2031-05-20T16:00:00Z",
      ends_at: "2031-05-20T18:00:00Z",
      format: { slug: "forum-open-detat", version: 2 },
    },
  });
  expect(made.status()).toBe(201);
  const slug = (await json<{ slug: string }>(made)).slug;
  const registered = await page.request.post(`/api/v1/forums/${slug}/registrations`, { headers: member });
  expect(registered.status()).toBe(201);
  const code = (await json<{ code: string }>(registered)).code;
  expect(
    (await page.request.post(`/api/v1/forums/${slug}/check-ins`, { headers: admin, data: { code } })).status(),
  ).toBe(200);
  expect((await page.request.post(`/api/v1/forums/${slug}/registrations`, { headers: moderator })).status()).toBe(201);
  expect(
    (await page.request.patch(`/api/v1/forums/${slug}`, { headers: admin, data: { status: "held" } })).status(),
  ).toBe(200);

  // Someone registered but not recorded as present is told why they cannot answer.
  const section = page.getByRole("region", { name: "Avis des participants" });
  await signIn(page, accounts.moderator);
  await page.goto(`/forums/${slug}`);
  await expect(section).toContainText("Vous n'êtes pas enregistré·e comme présent·e à ce forum");
  await expect(section.getByRole("form")).toHaveCount(0);
  await check(page, "feedback-not-present");
  await signOut(page);

  // The participant answers the questionnaire in the web app. The forum's answers are still
  // open: the page says when and on what condition results will be published, and no figure.
  await signIn(page, accounts.member);
  await page.goto(`/forums/${slug}`);
  await expect(section).toContainText(
    "Seules les personnes enregistrées comme présentes — pointées à l'entrée ou par les organisateurs après le forum — donnent leur avis.",
  );
  await expect(section).toContainText(
    /Les résultats seront publiés à la clôture des avis, le .+, s'il y a au moins 5 réponses ; ils ne changeront plus ensuite\./,
  );
  const form = section.getByRole("form", { name: "Donner mon avis" });
  await form
    .getByRole("group", { name: /Ce forum vous a-t-il été utile/ })
    .getByText("4", { exact: true })
    .click();
  await form
    .getByRole("group", { name: /Les prochaines étapes décidées sont-elles claires/ })
    .getByText("5", { exact: true })
    .click();
  await form.getByLabel(/Que faudrait-il changer pour le prochain forum/).fill("Rien, c'était très bien.");
  await check(page, "feedback-form");
  await form.getByRole("button", { name: "Envoyer mon avis" }).click();
  await expect(section.getByRole("form", { name: "Modifier mon avis" })).toBeVisible();
  await expect(status(page)).toHaveText("Merci : votre avis est enregistré.");
  // One answer in: still no figure at all, not even how many answered.
  await expect(section.getByRole("img")).toHaveCount(0);
  await expect(section.getByRole("table")).toHaveCount(0);
  await expect(section).not.toContainText("réponse(s)");
  const mine = await page.request.get(`/api/v1/forums/${slug}/feedback/me`, { headers: member });
  expect((await json<{ answers: unknown }>(mine)).answers).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ key: "utilite", rating: 4 }),
      expect.objectContaining({ key: "suites", rating: 5 }),
    ]),
  );

  // The format's page: version 1 has published results (the seed's forums), version 2 not yet
  // enough answers; the forum page of a 2018 forum (closed, 7 answers: published) draws its
  // results with a table.
  await page.goto("/formats/forum-open-detat");
  const byVersion = page.getByRole("table", { name: /Résultats de chaque question, version par version/ });
  const utility = byVersion.getByRole("row", { name: /Ce forum vous a-t-il été utile/ });
  await expect(utility.getByRole("cell").nth(0)).toContainText("(18)");
  await expect(utility.getByRole("cell").nth(1)).toHaveText("moins de 5 réponses");
  await check(page, "format-feedback");
  await page.goto("/forums/2018-10-transparence-algorithmes-publics");
  const results = page.getByRole("region", { name: "Avis des participants" });
  await expect(results).toContainText("Résultats publiés à la clôture des avis");
  await expect(results).toContainText("7 réponse(s)");
  await expect(
    results.getByRole("img", { name: /Répartition des notes : Ce forum vous a-t-il été utile/ }),
  ).toBeVisible();
  await expect(results).toContainText("Dire après le forum ce que sont devenues nos propositions.");
  await check(page, "forum-feedback-results");
});
