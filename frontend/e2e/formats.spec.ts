import ICAL from "ical.js";
import { accounts, check, expect, signIn, test } from "./fixtures";

test("an official documents a format, publishes its version 2, compares the two, and a forum follows it into calendars", async ({
  page,
}) => {
  const stamp = Date.now();
  const name = `Atelier de quartier ${stamp}`;
  await signIn(page, accounts.official);

  // Version 1, written in the web app.
  await page.goto("/formats");
  await expect(page.getByRole("heading", { level: 2, name: "Forum Open d'État" })).toBeVisible();
  await check(page, "formats");
  await page.getByRole("link", { name: "Documenter un nouveau format" }).click();
  await page.getByLabel("Nom du format").fill(name);
  await page.getByLabel("Objectif").fill("Réunir les habitants et les services publics d'un quartier.");
  await page.getByLabel("Public", { exact: true }).fill("Habitants, associations et agents du quartier.");
  await page.getByLabel("Étape 1 : intitulé").fill("Accueil");
  await page.getByLabel("Étape 1 : durée en minutes").fill("15");
  await page.getByRole("button", { name: "Ajouter une étape" }).click();
  await page.getByLabel("Étape 2 : intitulé").fill("Tables rondes");
  await page.getByLabel("Étape 2 : durée en minutes").fill("45");
  await expect(page.getByText("Durée totale : 60 min")).toBeVisible();
  await page.getByRole("button", { name: "Ajouter une question" }).click();
  await page.getByLabel("Question 1 : clé").fill("utilite");
  await page.getByLabel("Question 1 : intitulé").fill("Cet atelier vous a-t-il été utile ?");
  await check(page, "format-new");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${name} — Version 1`);
  await expect(page.getByText("Version en vigueur")).toBeVisible();
  await expect(page.getByRole("table", { name: /Déroulé type/ })).toContainText("Tables rondes");
  const slug = page.url().split("/formats/")[1];

  // Version 2: written from version 1, with a change note.
  await page.getByRole("link", { name: "Publier une nouvelle version" }).click();
  await expect(page.getByLabel("Étape 2 : intitulé")).toHaveValue("Tables rondes");
  await page.getByLabel("Étape 2 : intitulé").fill("Tables rondes et décisions");
  await page.getByLabel("Étape 2 : durée en minutes").fill("60");
  await page.getByLabel("Note de changement").fill("Plus de temps pour décider ensemble.");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${name} — Version 2`);
  await expect(page.getByRole("region", { name: "Ce qui a changé dans cette version" })).toContainText(
    "Plus de temps pour décider ensemble.",
  );

  // The two versions compared, word by word.
  await page.getByRole("button", { name: "Comparer" }).click();
  await expect(page.getByTestId("compare-summary")).toContainText("Version 1 → version 2");
  await expect(page.locator(".od-diff ins").filter({ hasText: "décisions" })).toBeVisible();
  await expect(page.locator(".od-diff del").filter({ hasText: "45" })).toBeVisible();
  await check(page, "format-compare");

  // Version 1 stays readable at its own address.
  await page.getByRole("region", { name: "Historique des versions" }).getByRole("link", { name: "Version 1" }).click();
  await expect(page).toHaveURL(new RegExp(`/formats/${slug}/versions/1$`));
  await expect(page.getByText("Vous lisez la version 1")).toBeVisible();
  await expect(page.getByRole("table", { name: /Déroulé type/ })).not.toContainText("décisions");
  await check(page, "format-version-1");

  // A cycle that sets out to follow FR0041.
  await page.goto("/cycles");
  await expect(page.getByRole("link", { name: "Premier cycle — second semestre 2018" })).toBeVisible();
  await page.getByRole("link", { name: "Lancer un cycle" }).click();
  await page.getByLabel("Intitulé").fill(`Cycle de quartier ${stamp}`);
  await page.getByLabel("Début").fill("2031-07-01");
  await page.getByLabel("Fin").fill("2031-12-31");
  await page.getByLabel("Filtrer les engagements").fill("FR0041");
  // The DSFR draws the box over the input: a person clicks the label.
  await page.locator("label", { hasText: /^FR0041 —/ }).click();
  await expect(page.getByLabel(/^FR0041 —/)).toBeChecked();
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Cycle de quartier ${stamp}`);
  await expect(page.getByRole("table", { name: /Chaque engagement du cycle/ })).toContainText("Aucun pour l'instant");
  const cycleUrl = page.url();

  // A forum of the cycle, on FR0041, follows the format's current version.
  await page.goto("/admin/forums/nouveau");
  await page.getByLabel("Titre", { exact: true }).fill(`Forum de quartier ${stamp}`);
  await page.getByLabel("Thème", { exact: true }).fill("Quartiers");
  await page.getByLabel("Début (heure de Paris)").fill("2031-07-02T18:00");
  await page.getByLabel("Fin (heure de Paris)").fill("2031-07-02T20:00");
  await page.getByLabel("Adresse (facultatif)").fill("Mairie, place de la République, Lyon");
  await page.getByLabel("Format suivi").selectOption({ label: `${name} — version 2 (en vigueur)` });
  await page.getByLabel("Cycle", { exact: true }).selectOption({ label: `Cycle de quartier ${stamp}` });
  await page.getByLabel("Filtrer les engagements").fill("FR0041");
  // The DSFR draws the box over the input: a person clicks the label.
  await page.locator("label", { hasText: /^FR0041 —/ }).click();
  await expect(page.getByLabel(/^FR0041 —/)).toBeChecked();
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Forum de quartier ${stamp}`);
  await expect(page.getByRole("link", { name: `${name}, version 2` })).toBeVisible();

  // "Add to my calendar": an iCalendar file a real parser reads, at Paris time.
  const href = await page.getByRole("link", { name: "Ajouter à mon agenda (.ics)" }).getAttribute("href");
  const file = await page.request.get(href!);
  expect(file.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  const calendar = new ICAL.Component(ICAL.parse(await file.text()) as unknown[]);
  expect(calendar.getFirstSubcomponent("vtimezone")?.getFirstPropertyValue("tzid")).toBe("Europe/Paris");
  const event = new ICAL.Event(calendar.getFirstSubcomponent("vevent")!);
  expect(event.summary).toBe(`Forum de quartier ${stamp}`);
  expect(event.location).toBe("Mairie, place de la République, Lyon");
  expect(event.startDate.toString()).toBe("2031-07-02T18:00:00");
  expect(event.component.getFirstProperty("dtstart")?.getParameter("tzid")).toBe("Europe/Paris");
  await check(page, "forum-with-format");

  // The cycle's page: FR0041 now covered by this forum.
  await page.goto(cycleUrl);
  await expect(page.getByRole("table", { name: /Chaque engagement du cycle/ })).toContainText(
    `Forum de quartier ${stamp}`,
  );
  await check(page, "cycle");

  // The feed of upcoming forums has it too.
  await page.goto("/forums");
  const feedHref = await page
    .getByRole("link", { name: "S'abonner au calendrier des forums (.ics)" })
    .getAttribute("href");
  const feed = new ICAL.Component(ICAL.parse(await (await page.request.get(feedHref!)).text()) as unknown[]);
  const summaries = feed.getAllSubcomponents("vevent").map((e) => new ICAL.Event(e).summary);
  expect(summaries).toContain(`Forum de quartier ${stamp}`);
});
