import { accounts, apiToken, check, errorSummary, expect, json, signIn, signOut, status, test } from "./fixtures";
import { mailCount, mailTo } from "./mail";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { readFileSync } from "node:fs";

test("a member registers for a full forum's last seat, cancels, and the person waiting is promoted by mail", async ({
  page,
}) => {
  const stamp = Date.now();
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  // An open forum with one seat, of the test's own, on FR0041: the demo official speaks for its
  // lead institution, so she organises it (and reads its list of registrations).
  const fr0041 = (await json<{ id: number }>(await page.request.get("/api/v1/commitments/FR0041"))).id;
  const made = await page.request.post("/api/v1/forums", {
    headers: auth(await apiToken(page, accounts.admin)),
    data: {
      commitment_ids: [fr0041],
      title: `Forum à une place ${stamp}`,
      theme: "Inscriptions",
      starts_at: "2031-03-12T17:00:00Z",
      ends_at: "2031-03-12T19:00:00Z",
      location: "Paris",
      capacity: 1,
      status: "open",
      registration_closes_at: "2031-03-10T17:00:00Z",
    },
  });
  expect(made.status()).toBe(201);
  const slug = (await json<{ slug: string }>(made)).slug;

  // A visitor sees the seats and is asked to sign in.
  await page.goto(`/forums/${slug}`);
  const box = page.getByRole("region", { name: "Inscription" });
  await expect(box).toContainText("0 inscrit·es sur 1 places.");
  await expect(box).toContainText(/Inscriptions ouvertes jusqu'au .*2031.* \(heure de Paris\)\./);
  await expect(box.getByRole("link", { name: "Se connecter pour s'inscrire" })).toBeVisible();

  // A member takes the seat, and sees the code to give at the door.
  await signIn(page, accounts.member);
  await page.goto(`/forums/${slug}`);
  const memberMails = mailCount(accounts.member);
  await box.getByRole("button", { name: "M'inscrire" }).click();
  // Said in the status region, and focus on the sentence that says it (the button is gone).
  const registered = "Inscription enregistrée : un message de confirmation vous est envoyé.";
  await expect(status(page)).toHaveText(registered);
  await expect(page.locator(":focus")).toHaveText(registered);
  await expect(box).toContainText("Vous êtes inscrit·e à ce forum.");
  const code = (await box.locator(".od-code").textContent())!.trim();
  expect(code).toMatch(/^[A-Z0-9]{10}$/);
  // The same code as a QR code, drawn in the page, described for screen readers.
  const qr = box.getByRole("img", { name: `QR code de votre code d'inscription ${code}, à montrer à l'accueil` });
  await expect(qr).toBeVisible();
  expect(await qr.getAttribute("src")).toMatch(/^data:image\/svg\+xml/);
  // Read back by a QR decoder from the pixels on screen: it says the code.
  const shot = PNG.sync.read(await qr.screenshot());
  expect(jsQR(new Uint8ClampedArray(shot.data), shot.width, shot.height)?.data).toBe(code);
  await expect(box).toContainText("1 inscrit·es sur 1 places.");
  await check(page, "forum-registered");
  const confirmation = await mailTo(accounts.member, memberMails + 1);
  expect(confirmation.subject).toContain(`Inscription confirmée : Forum à une place ${stamp}`);

  // Someone else finds it full and joins the waitlist.
  await signOut(page);
  await signIn(page, accounts.moderator);
  await page.goto(`/forums/${slug}`);
  await expect(box).toContainText("Ce forum est complet");
  const waitingMails = mailCount(accounts.moderator) + 1;
  await box.getByRole("button", { name: "M'inscrire sur la liste d'attente" }).click();
  await expect(box).toContainText("Vous êtes sur la liste d'attente, en position 1.");
  await check(page, "forum-waitlisted");
  // Not an organiser: no list of registrations.
  await expect(page.getByRole("region", { name: "Personnes inscrites" })).toHaveCount(0);
  expect((await mailTo(accounts.moderator, waitingMails)).subject).toContain("Liste d'attente");

  // The member cancels from the forum page; the account page keeps the record.
  await signOut(page);
  await signIn(page, accounts.member);
  await page.goto(`/forums/${slug}`);
  await box.getByRole("button", { name: "Annuler mon inscription" }).click();
  await expect(status(page)).toHaveText("Inscription annulée.");
  await expect(page.locator(":focus")).toHaveText("Inscription annulée.");
  await expect(box.getByRole("button", { name: "M'inscrire sur la liste d'attente" })).toBeVisible();
  await page.goto("/compte");
  const mine = page.getByRole("region", { name: "Mes inscriptions aux forums" });
  await expect(mine.getByRole("listitem").filter({ hasText: `Forum à une place ${stamp}` })).toContainText("Annulée");
  await check(page, "account-registrations");

  // The person waiting was promoted at once, and told by mail.
  const promotion = await mailTo(accounts.moderator, waitingMails + 1);
  expect(promotion.subject).toContain(`Une place s'est libérée : Forum à une place ${stamp}`);
  expect(promotion.text).toMatch(/code d'inscription, à donner à l'accueil : [A-Z0-9]{10}/);

  // The organisers see who registered, in order; nobody else does. The page says who they are.
  await signOut(page);
  await signIn(page, accounts.official);
  await page.goto(`/forums/${slug}`);
  const organisation = page.getByRole("region", { name: "Organisation" });
  await expect(organisation.getByRole("link", { name: /Minister of State for the Digital Sector/ })).toBeVisible();
  await expect(organisation).toContainText("Administratrice démo");
  const list = page.getByRole("table", { name: /Inscriptions au forum/ });
  await expect(list.getByRole("row")).toHaveCount(3);
  await expect(list.getByRole("row").nth(1)).toContainText("Annulée");
  await expect(list.getByRole("row").nth(2)).toContainText("Inscrit·e");
  await check(page, "forum-registrants");

  // At the door: the promoted person's code, typed in lower case, checks them in.
  const promotedCode = promotion.text!.match(/accueil : ([A-Z0-9]{10})/)![1];
  await page.getByLabel("Code d'inscription").fill(promotedCode.toLowerCase());
  await page.getByRole("button", { name: "Pointer", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "est pointé·e" })).toBeVisible();
  await expect(list.getByRole("row").nth(2)).toContainText("Arrivée :");
  // A wrong code says so.
  await page.getByLabel("Code d'inscription").fill("ZZZZZZZZZZ");
  await page.getByRole("button", { name: "Pointer", exact: true }).click();
  await expect(page.getByText("Aucune inscription à ce forum n'a ce code : vérifiez-le.")).toBeVisible();
  await check(page, "forum-check-in");

  // The list as a CSV file.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Exporter la liste (CSV)" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`inscriptions-${slug}.csv`);
  const csv = readFileSync(await download.path(), "utf8");
  const lines = csv
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  expect(lines[0]).toBe(
    "registration_id,status,waitlist_position,display_name,organisation,code,registered_at,promoted_at,cancelled_at,checked_in_at",
  );
  expect(lines).toHaveLength(3);
  expect(lines[2]).toContain(promotedCode);
});

test("an organiser keeps a forum's seat for civil society, and only civil society gets it", async ({ page }) => {
  const stamp = Date.now();
  const made = await page.request.post("/api/v1/forums", {
    headers: { Authorization: `Bearer ${await apiToken(page, accounts.admin)}` },
    data: {
      title: `Forum de la société civile ${stamp}`,
      theme: "Inscriptions",
      starts_at: "2031-04-12T17:00:00Z",
      ends_at: "2031-04-12T19:00:00Z",
      location: "Paris",
      capacity: 1,
      status: "open",
    },
  });
  expect(made.status()).toBe(201);
  const slug = (await json<{ slug: string }>(made)).slug;

  // The organiser keeps its one seat for civil society, in the forum's form.
  await signIn(page, accounts.admin);
  await page.goto(`/admin/forums/${slug}`);
  await page.getByLabel("Places réservées (facultatif)").fill("1");
  await page.getByLabel("Réservées à").selectOption("civil_society");
  await check(page, "forum-form-reserved-seats");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page).toHaveURL(new RegExp(`/forums/${slug}$`));
  await expect(page.getByText("(dont 1 réservée(s) à la société civile)")).toBeVisible();
  await signOut(page);

  // A moderator (platform staff, not civil society) is told so, and waits.
  const box = page.getByRole("region", { name: "Inscription" });
  await signIn(page, accounts.moderator);
  await page.goto(`/forums/${slug}`);
  await expect(box).toContainText("Dont 1 place(s) réservée(s) à la société civile (0 prise(s)).");
  await expect(box).toContainText("Les places restantes sont réservées à la société civile");
  await box.getByRole("button", { name: "M'inscrire", exact: true }).click();
  await expect(box).toContainText("Vous êtes sur la liste d'attente, en position 1.");
  await signOut(page);

  // A member of no institution takes the reserved seat.
  await signIn(page, accounts.member);
  await page.goto(`/forums/${slug}`);
  await box.getByRole("button", { name: "M'inscrire", exact: true }).click();
  await expect(box).toContainText("Vous êtes inscrit·e à ce forum. (place réservée)");
  await expect(box).toContainText("(1 prise(s))");
  await check(page, "forum-reserved-seat");
});

test("an organiser opens more seats: the person waiting has one at once, and the list says so", async ({ page }) => {
  const stamp = Date.now();
  const register = async (who: (typeof accounts)[keyof typeof accounts]) =>
    page.request.post(`/api/v1/forums/${slug}/registrations`, {
      headers: { Authorization: `Bearer ${await apiToken(page, who)}` },
    });
  const made = await page.request.post("/api/v1/forums", {
    headers: { Authorization: `Bearer ${await apiToken(page, accounts.admin)}` },
    data: {
      title: `Forum qui s'agrandit ${stamp}`,
      theme: "Inscriptions",
      starts_at: "2031-05-12T17:00:00Z",
      ends_at: "2031-05-12T19:00:00Z",
      location: "Paris",
      capacity: 1,
      status: "open",
    },
  });
  expect(made.status()).toBe(201);
  const slug = (await json<{ slug: string }>(made)).slug;
  expect((await register(accounts.member)).status()).toBe(201);
  expect((await json<{ status: string }>(await register(accounts.moderator))).status).toBe("waitlisted");

  // One more seat, in the forum's form: the moderator, first waiting, has it.
  await signIn(page, accounts.admin);
  await page.goto(`/admin/forums/${slug}`);
  await page.getByLabel("Nombre de places (facultatif)").fill("2");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page).toHaveURL(new RegExp(`/forums/${slug}$`));
  const list = page.getByRole("table", { name: /Inscriptions au forum/ });
  await expect(list.getByRole("row").nth(2)).toContainText(/Inscrit·e \(depuis la liste d'attente, le .+\)/);
  await check(page, "forum-registrants-promoted");

  // Fewer seats than people seated: refused, saying why; nothing changes.
  await page.goto(`/admin/forums/${slug}`);
  await page.getByLabel("Nombre de places (facultatif)").fill("1");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  // Shown in the error summary, which takes the focus, and said in the status region.
  await expect(errorSummary(page)).toContainText("Plus de personnes sont déjà inscrites que ce nombre de places");
  await expect(page.locator(":focus")).toContainText("Plus de personnes sont déjà inscrites que ce nombre de places");
  await expect(status(page)).toContainText("Plus de personnes sont déjà inscrites que ce nombre de places");
  await check(page, "forum-form-capacity-below-registered");

  // A seat kept for civil society until a date of the organiser's: the forum page says until when.
  await page.getByLabel("Nombre de places (facultatif)").fill("3");
  await page.getByLabel("Places réservées (facultatif)").fill("1");
  await page.getByLabel("Réservées à").selectOption("civil_society");
  await page.getByLabel("Places réservées gardées jusqu'au (heure de Paris) (facultatif)").fill("2031-05-01T12:00");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page).toHaveURL(new RegExp(`/forums/${slug}$`));
  await expect(
    page.getByText(/Places réservées gardées jusqu'au .*2031.* \(heure de Paris\) ; celles qui ne sont/),
  ).toBeVisible();
  const box = page.getByRole("region", { name: "Inscription", exact: true });
  await expect(box).toContainText(/Places réservées gardées jusqu'au .*2031/);
  await check(page, "forum-reserved-until");
});
