// The multi-stakeholder forum, end to end: an admin adds a member on each side from the admin area
// (a term ending before it starts is refused on its field first), the public page, reached from the
// footer, shows the balance with its table and the members by side; the admin makes a forum of the
// test's own a meeting from its page; a member registered for it, with an organisation on their
// profile, agrees to have it named; once the meeting is held (checked in, its dates moved into the
// past), the public page lists it with its attendance and that organisation, and the forum's page
// too. Every page on the way is checked with axe. Names are the test's own: specs share a database.
import {
  accounts,
  apiToken,
  check,
  errorSummary,
  expect,
  json,
  signIn,
  signOut,
  sql,
  status,
  test,
  visit,
} from "./fixtures";
import { auth } from "./forum";
import { confirmAddress } from "./mail";

type Balance = { administration: number; civil_society: number };
type Forum = { balance: Balance; cadence: { warning: boolean } };

test("the multi-stakeholder forum: members by side, a meeting, and the organisations present who agreed", async ({
  page,
}) => {
  const stamp = Date.now();
  const admin = auth(await apiToken(page, accounts.admin));
  const official = `Claire Administration ${stamp}`;
  const activist = `Ali Société-Civile ${stamp}`;
  const organisation = `Collectif Transparence ${stamp}`;
  const forumTitle = `Forum de suivi du plan ${stamp}`;
  const email = `e2e.multi-acteurs.${stamp}@example.org`;
  const password = "un-mot-de-passe-solide";

  // A forum of the test's own, and a member of its own with an organisation, registered for it.
  const made = await page.request.post("/api/v1/forums", {
    headers: admin,
    data: {
      title: forumTitle,
      theme: "Gouvernement ouvert",
      location: "Paris",
      status: "open",
      starts_at: "2031-06-10T16:00:00Z",
      ends_at: "2031-06-10T18:00:00Z",
    },
  });
  expect(made.status()).toBe(201);
  const slug = (await json<{ slug: string }>(made)).slug;
  const signedUp = await page.request.post("/api/v1/auth/register", {
    data: { email, password, display_name: `Sacha Multi-acteurs ${stamp}` },
  });
  expect(signedUp.status()).toBe(202);
  await confirmAddress(page, email);
  const login = await page.request.post("/api/v1/auth/login", { data: { email, password } });
  const member = auth((await json<{ access_token: string }>(login)).access_token);
  expect((await page.request.patch("/api/v1/me", { headers: member, data: { organisation } })).status()).toBe(200);
  const registered = await page.request.post(`/api/v1/forums/${slug}/registrations`, { headers: member });
  expect(registered.status()).toBe(201);
  const registration = (await json<{ id: number }>(registered)).id;

  // The admin home warns while the forum is due to meet, and leads to its members.
  await signIn(page, accounts.admin);
  await page.goto("/admin");
  const before = await json<Forum>(await page.request.get("/api/v1/stakeholder-forum"));
  await expect(page.getByRole("link", { name: "Gérer le forum multi-acteurs" })).toHaveCount(
    before.cadence.warning ? 1 : 0,
  );
  await page.getByRole("link", { name: "Membres du forum multi-acteurs" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Membres du forum multi-acteurs");
  await check(page, "stakeholder-admin-members");

  // A term ending before it starts is refused, on its field, in French.
  await page.getByRole("link", { name: "Ajouter un membre" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ajouter un membre");
  await page.getByLabel("Nom", { exact: true }).fill(official);
  await page.getByLabel(/^Côté/).selectOption({ label: "Administration" });
  await page.getByLabel("Organisation", { exact: true }).fill("Direction interministérielle du numérique");
  await page.getByLabel(/^Fonction/).fill("Coprésidente");
  await page.getByLabel("Début du mandat").fill("2026-01-01");
  await page.getByLabel(/^Fin du mandat/).fill("2025-12-31");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  const end = page.getByLabel(/^Fin du mandat/);
  await expect(end).toHaveAttribute("aria-invalid", "true");
  await expect(end).toHaveAccessibleDescription(/La fin du mandat ne peut pas précéder son début\./);
  await expect(
    errorSummary(page).getByRole("link", { name: "Fin du mandat (dernier jour) (facultatif)" }),
  ).toBeVisible();
  await check(page, "stakeholder-admin-term-error");
  await end.fill("");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page).toHaveURL(/\/admin\/forum-multi-acteurs$/);
  await expect(page.getByRole("row", { name: new RegExp(official) })).toContainText("En cours");

  await page.getByRole("link", { name: "Ajouter un membre" }).click();
  await page.getByLabel("Nom", { exact: true }).fill(activist);
  await page.getByLabel(/^Côté/).selectOption({ label: "Société civile" });
  await page.getByLabel("Organisation", { exact: true }).fill("Regards Citoyens");
  await page.getByLabel("Début du mandat").fill("2026-01-01");
  await page.getByLabel(/^Fin du mandat/).fill("2099-12-31");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page).toHaveURL(/\/admin\/forum-multi-acteurs$/);
  const row = page.getByRole("row", { name: new RegExp(activist) });
  await expect(row).toContainText("Société civile");
  await expect(row).toContainText("Du 1 janvier 2026 au 31 décembre 2099");
  await expect(row).toContainText("En cours");
  await check(page, "stakeholder-admin-two-members");

  // The public page, from the footer: the balance as a chart and its table, the members by side.
  await page.getByRole("contentinfo").getByRole("link", { name: "Forum multi-acteurs" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Le forum multi-acteurs");
  const { balance } = await json<Forum>(await page.request.get("/api/v1/stakeholder-forum"));
  const table = page.getByRole("table", { name: "Équilibre des membres en fonction" });
  await expect(table.getByRole("row", { name: /^Administration/ })).toHaveText(
    `Administration${balance.administration}`,
  );
  await expect(table.getByRole("row", { name: /^Société civile/ })).toHaveText(
    `Société civile${balance.civil_society}`,
  );
  await expect(page.getByRole("img", { name: /^Équilibre des membres en fonction/ })).toBeVisible();
  const administration = page.getByRole("region", { name: "Administration", exact: true });
  await expect(administration.getByText(official)).toBeVisible();
  await expect(administration).toContainText("Coprésidente");
  const civil = page.getByRole("region", { name: "Société civile", exact: true });
  await expect(civil.getByText(activist)).toBeVisible();
  await expect(civil).toContainText("Regards Citoyens");
  await check(page, "stakeholder-forum-members");

  // The admin makes the forum a meeting, from its page.
  await page.goto(`/forums/${slug}`);
  const notYet = page.getByRole("region", { name: "Forum multi-acteurs", exact: true });
  await expect(notYet).toContainText("Ce forum n'est pas désigné comme une réunion du forum multi-acteurs.");
  await notYet.getByRole("button", { name: "Désigner comme réunion du forum multi-acteurs" }).click();
  await expect(status(page)).toContainText("Forum désigné comme réunion du forum multi-acteurs.");
  const meeting = page.getByRole("region", { name: "Réunion du forum multi-acteurs", exact: true });
  await expect(meeting.getByRole("heading", { level: 2 })).toBeFocused();
  await expect(meeting).toContainText("Une fois la réunion tenue");
  await expect(page.locator(".fr-badges-group").getByText("Réunion du forum multi-acteurs")).toBeVisible();
  await expect(meeting.getByRole("button", { name: "Retirer des réunions du forum multi-acteurs" })).toBeVisible();
  await check(page, "stakeholder-meeting-marked");
  await signOut(page);

  // The registered member agrees to have their organisation named.
  await signIn(page, email, password);
  await page.goto(`/forums/${slug}`);
  const consent = meeting.getByRole("checkbox", {
    name: new RegExp(`^Nommer mon organisation \\(${organisation}\\) parmi les organisations présentes`),
  });
  await expect(consent).not.toBeChecked();
  await check(page, "stakeholder-meeting-consent");
  // With the keyboard: the focus stays on the box while the answer comes.
  await consent.focus();
  await page.keyboard.press("Space");
  await expect(status(page)).toContainText("Votre organisation sera nommée parmi les organisations présentes.");
  await expect(consent).toBeChecked();
  await expect(consent).toBeFocused();
  const given = await json<{ given_at: string | null }>(
    await page.request.get(`/api/v1/forums/${slug}/organisation-consent`, { headers: member }),
  );
  expect(given.given_at).not.toBeNull();
  await signOut(page);

  // The meeting is held: the member was checked in, and it began two hours ago.
  const checkedIn = await page.request.post(`/api/v1/forums/${slug}/registrations/${registration}/check-in`, {
    headers: admin,
  });
  expect(checkedIn.status()).toBe(200);
  sql(
    `UPDATE forums SET starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour' WHERE slug = '${slug}'`,
  );

  // The public page lists it, held, with its attendance and the organisation named.
  await visit(page, "/forum-multi-acteurs", "stakeholder-forum-public");
  const meetings = page.getByRole("region", { name: "Les réunions" });
  const item = meetings.getByRole("listitem").filter({ has: page.getByRole("link", { name: forumTitle }) });
  await expect(item.getByRole("link", { name: forumTitle })).toHaveAttribute("href", `/forums/${slug}`);
  await expect(item).toContainText("Tenue");
  await expect(item).toContainText("1 personne(s) présente(s).");
  await expect(item).toContainText(`Organisations présentes : ${organisation}.`);
  await expect(page.getByTestId("cadence")).toContainText(/Le forum a rencontré la société civile \d+ fois/);

  // And the forum's page, to anyone.
  await item.getByRole("link", { name: forumTitle }).click();
  await expect(meeting).toContainText("1 personne(s) présente(s).");
  await expect(meeting.getByRole("listitem")).toHaveText([organisation]);
  await check(page, "stakeholder-meeting-held");

  // A plan being implemented says, on its commitments, whether the forum meets as OGP asks.
  const plans = await json<{ items: { slug: string; status: string }[] }>(
    await page.request.get("/api/v1/action-plans?limit=100"),
  );
  const implementing = plans.items.find((p) => p.status === "in_implementation");
  expect(implementing, "a seeded plan in implementation").toBeDefined();
  await visit(page, `/engagements?action_plan=${implementing!.slug}`, "stakeholder-plan-cadence");
  const cadence = page.getByTestId("cadence");
  await expect(cadence).toContainText(
    /Le forum a rencontré la société civile \d+ fois au cours des 12 derniers mois\./,
  );
  await cadence.getByRole("link", { name: "Le forum multi-acteurs : ses membres et ses réunions" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Le forum multi-acteurs");

  // A member entered by mistake is removed, after a confirmation.
  await signIn(page, accounts.admin);
  await page.goto("/admin/forum-multi-acteurs");
  await page.getByRole("button", { name: `Retirer ${official}` }).click();
  const dialog = page.getByRole("dialog", { name: "Retirer ce membre ?" });
  await expect(dialog).toContainText(`${official} quitte la liste des membres`);
  await dialog.getByRole("button", { name: "Retirer" }).click();
  await expect(status(page)).toContainText(`${official} ne figure plus parmi les membres du forum.`);
  await expect(page.getByRole("heading", { level: 2, name: "Tous les membres" })).toBeFocused();
  await expect(page.getByRole("row", { name: new RegExp(official) })).toHaveCount(0);
  await expect(page.getByRole("row", { name: new RegExp(activist) })).toBeVisible();
});
