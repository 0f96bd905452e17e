import {
  accounts,
  apiToken,
  check,
  comment,
  expect,
  json,
  settled,
  signIn,
  signOut,
  status,
  test,
  visit,
} from "./fixtures";

// Done when: a moderator handles a report, and both the public moderation log and the audit
// trail show it.
test("a member reports a comment, a moderator hides it from the queue, the public log and the audit trail show it", async ({
  page,
}) => {
  const stamp = Date.now();
  const text = `Achetez nos formations en ligne ! ${stamp}`;
  // A forum of its own: on a seeded one, other specs' comments could push this one off the
  // first page of threads before the public check below.
  const made = await page.request.post("/api/v1/forums", {
    headers: { Authorization: `Bearer ${await apiToken(page, accounts.admin)}` },
    data: {
      title: `Forum signalé ${stamp}`,
      theme: "Modération",
      starts_at: "2025-03-12T17:00:00Z",
      ends_at: "2025-03-12T19:00:00Z",
      location: "Paris",
      status: "held",
    },
  });
  expect(made.status()).toBe(201);
  const forum = `/forums/${(await json<{ slug: string }>(made)).slug}`;
  await signIn(page, accounts.official);
  await page.goto(forum);
  await page.getByLabel("Votre commentaire").fill(text);
  await page.getByRole("button", { name: "Publier", exact: true }).click();
  await expect(page.getByText(text)).toBeVisible();
  await signOut(page);

  await signIn(page, accounts.member);
  await page.goto(forum);
  await comment(page, text).getByRole("button", { name: "Signaler" }).click();
  await comment(page, text).getByText("Spam ou publicité").click();
  await comment(page, text).getByLabel("Précisez (facultatif)").fill("Publicité pour des formations payantes.");
  await check(page, "report-form");
  await comment(page, text).getByRole("button", { name: "Envoyer le signalement" }).click();
  await expect(comment(page, text).getByText("Merci : votre signalement est transmis à la modération.")).toBeVisible();
  await signOut(page);

  await signIn(page, accounts.moderator);
  await page.goto("/admin");
  await page.getByRole("link", { name: "File de modération" }).click();
  await settled(page);
  const item = page.getByRole("listitem").filter({ hasText: text });
  await expect(item.getByText(/Spam ou publicité — « Publicité pour des formations payantes. »/)).toBeVisible();
  await check(page, "moderation-queue");
  await item.getByLabel("Raison du masquage").fill(`publicité ${stamp}`);
  await item.getByRole("button", { name: /^Masquer — / }).click();
  // Shown above the queue, and said (once) in the status region.
  await expect(page.getByRole("main").getByText("Le commentaire est masqué.")).toBeVisible();
  await expect(status(page)).toHaveText("Le commentaire est masqué.");
  await signOut(page);

  // In public: the reason in place of the text, and the log says what, when and why.
  await page.goto(forum);
  await expect(page.getByText(`Motif : publicité ${stamp}`)).toBeVisible();
  await expect(page.getByText(text)).toHaveCount(0);
  await visit(page, "/moderation", "moderation-log");
  const row = page.getByRole("row").filter({ hasText: `publicité ${stamp}` });
  await expect(row).toContainText("Commentaire masqué");
  await expect(page.getByRole("table")).not.toContainText("Julien Moreau");

  // The audit trail says who.
  await signIn(page, accounts.admin);
  await page.goto("/admin/journal");
  await settled(page);
  await expect(
    page.getByRole("row").filter({ hasText: "Commentaire masqué" }).filter({ hasText: "Julien Moreau" }).first(),
  ).toBeVisible();
});
