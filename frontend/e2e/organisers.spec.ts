import { accounts, apiToken, check, expect, signIn, signOut, status, test, json } from "./fixtures";

// Done when: an admin names someone organiser of a forum from its page; that person then reads
// the forum's list of registrations and, after the forum, marks the people who came present
// (the attendance feedback relies on); taken off the list, they no longer see it.
test("an admin names an organiser on the forum page, who then sees the list and marks people present after the forum", async ({
  page,
}) => {
  const stamp = Date.now();
  const organiser = "nicolas.petit@demo.opendetat.fr";
  const admin = { Authorization: `Bearer ${await apiToken(page, accounts.admin)}` };
  const member = { Authorization: `Bearer ${await apiToken(page, accounts.member)}` };
  const made = await page.request.post("/api/v1/forums", {
    headers: admin,
    data: {
      title: `Forum organisé ${stamp}`,
      theme: "Organisation",
      location: "Lyon",
      status: "open",
      starts_at: "2031-09-10T16:00:00Z",
      ends_at: "2031-09-10T18:00:00Z",
    },
  });
  expect(made.status()).toBe(201);
  const slug = (await json<{ slug: string }>(made)).slug;
  expect((await page.request.post(`/api/v1/forums/${slug}/registrations`, { headers: member })).status()).toBe(201);

  // Before: the page says who organises it (whoever created it), and the list is not theirs to see.
  await signIn(page, organiser);
  await page.goto(`/forums/${slug}`);
  const organisation = page.getByRole("region", { name: "Organisation" });
  await expect(organisation).toContainText("Administratrice démo");
  await expect(organisation).toContainText("Aucune : les engagements de ce forum n'ont pas d'institution");
  await check(page, "forum-organisers-public");
  await expect(page.getByRole("region", { name: "Personnes inscrites" })).toHaveCount(0);
  await signOut(page);

  // The admin finds the account by its address and names it, from the keyboard.
  await signIn(page, accounts.admin);
  await page.goto(`/forums/${slug}`);
  const search = organisation.getByLabel("Rechercher un compte (nom ou adresse électronique)");
  await search.fill("nicolas.petit@");
  await search.press("Enter");
  await expect(organisation.getByRole("status").filter({ hasText: "1 compte(s) trouvé(s)." })).toBeVisible();
  const name = organisation.getByRole("button", { name: "Nommer Nicolas Petit organisateur·rice de ce forum" });
  await name.focus();
  await page.keyboard.press("Enter");
  // Said once, in the status region; the notice under the list is its visible copy, not live.
  await expect(status(page)).toContainText("Nicolas Petit organise maintenant ce forum");
  await expect(organisation.getByText("Nicolas Petit organise maintenant ce forum")).toBeVisible();
  await expect(organisation.getByRole("status").filter({ hasText: "Nicolas Petit organise" })).toHaveCount(0);
  await expect(search).toBeFocused();
  await expect(organisation.getByRole("button", { name: "Retirer Nicolas Petit des organisateurs" })).toBeVisible();
  await check(page, "forum-organisers-admin");
  // Recorded in the journal.
  await page.goto("/admin/journal");
  await expect(page.getByRole("table").getByText("Organisateur·rice nommé·e").first()).toBeVisible();
  await signOut(page);

  // The forum is held (yesterday, as the test sets it); the organiser reads the list and marks
  // present the member who came: nobody was checked in at the door.
  const held = await page.request.patch(`/api/v1/forums/${slug}`, {
    headers: admin,
    data: {
      status: "held",
      starts_at: new Date(Date.now() - 26 * 3600_000).toISOString(),
      ends_at: new Date(Date.now() - 24 * 3600_000).toISOString(),
    },
  });
  expect(held.status()).toBe(200);
  await signIn(page, organiser);
  await page.goto(`/forums/${slug}`);
  const list = page.getByRole("table", { name: /Inscriptions au forum/ });
  await expect(list.getByRole("row")).toHaveCount(2);
  await expect(
    page.getByText("Le forum est passé : marquez présentes les personnes venues, depuis la liste ou par leur code."),
  ).toBeVisible();
  await list.getByRole("button", { name: "Marquer Camille Martin présent·e" }).click();
  const present = list
    .getByRole("row")
    .nth(1)
    .getByText(/^Présent·e \(noté le .+\)$/);
  await expect(present).toBeVisible();
  await expect(present).toBeFocused();
  await check(page, "forum-marked-present");
  await signOut(page);

  // Taken off the list, the person no longer sees it.
  await signIn(page, accounts.admin);
  await page.goto(`/forums/${slug}`);
  await organisation.getByRole("button", { name: "Retirer Nicolas Petit des organisateurs" }).click();
  await expect(status(page)).toHaveText("Nicolas Petit n'organise plus ce forum.");
  await expect(organisation.getByText("Nicolas Petit n'organise plus ce forum.")).toBeVisible();
  await expect(organisation.getByRole("heading", { name: "Personnes nommées" })).toBeFocused();
  await expect(organisation.getByRole("button", { name: "Retirer Nicolas Petit des organisateurs" })).toHaveCount(0);
  await expect(organisation.getByRole("listitem").filter({ hasText: "Nicolas Petit" })).toHaveCount(0);
  await check(page, "forum-organiser-removed");
  await signOut(page);
  await signIn(page, organiser);
  await page.goto(`/forums/${slug}`);
  await expect(organisation).toContainText("Administratrice démo");
  await expect(page.getByRole("region", { name: "Personnes inscrites" })).toHaveCount(0);
});
