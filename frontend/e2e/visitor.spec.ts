import { check, expect, test, visit } from "./fixtures";

test("a visitor browses forums and commitments", async ({ page }) => {
  await visit(page, "/", "home");
  await expect(page).toHaveTitle("Accueil — Open d'État");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Les forums Open d'État");
  await expect(page.getByRole("heading", { name: "Prochains forums" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Dernières discussions" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "France National Action Plan 2018-2020" })).toBeVisible();
  // The latest discussions come from the site-wide feed, each linked to its page's discussion.
  const latest = page.getByRole("region", { name: "Dernières discussions" });
  await expect(latest.getByRole("heading", { level: 3, name: /^Sur « / })).toHaveCount(3);
  await expect(page.getByText(/\d+ engagements/).first()).toBeVisible();

  // Forums: upcoming, then past, then a filter.
  await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Forums" }).click();
  await expect(page).toHaveURL(/\/forums$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  await check(page, "forums-upcoming");
  await expect(page).toHaveTitle("Forums — Open d'État");
  await expect(page.getByRole("heading", { name: "Forum Open d'État : un espace de dialogue en ligne" })).toBeVisible();
  await page.getByRole("tab", { name: "Passés" }).click();
  await expect(
    page.getByRole("heading", { name: "Forum Open d'État : ouverture des données publiques" }),
  ).toBeVisible();
  await check(page, "forums-past");
  await page.getByLabel("Statut", { exact: true }).selectOption("cancelled");
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(page.getByRole("heading", { name: /science ouverte/i })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Forum Open d'État : ouverture des données publiques" })).toHaveCount(
    0,
  );
  await check(page, "forums-filtered");
  await page.getByRole("textbox", { name: /^Thème/ }).fill("Aucun thème pareil");
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(page.getByText("Aucun forum ne correspond à ces critères.")).toBeVisible();
  await page.getByRole("button", { name: "Réinitialiser les filtres" }).click();

  // One forum: date in Paris time, place, commitments, discussion.
  await page.goto("/forums/2027-01-espace-de-dialogue-en-ligne");
  await check(page, "forum");
  await expect(page.getByText("jeudi 21 janvier 2027, 18:30 – 21:00")).toBeVisible();
  await expect(page.getByText("20 avenue de Ségur, 75007 Paris")).toBeVisible();
  await expect(page.getByRole("link", { name: "Rejoindre le forum en ligne" })).toBeVisible();
  await expect(page.getByRole("link", { name: "FR0041 — Open Etat Forum" })).toBeVisible();
  await expect(page.getByRole("article", { name: "Commentaire de Camille Martin" })).toBeVisible();
  // A reply's own replies load on demand.
  await page
    .getByRole("button", { name: /Afficher les réponses/ })
    .first()
    .click();
  await expect(page.getByRole("article").nth(2)).toBeVisible();
  await check(page, "forum-replies");

  // Commitments: list, filter, FR0041 with its milestones.
  await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Engagements" }).click();
  await check(page, "commitments");
  // Keyset paging: 20 per page, the next ones on demand.
  await expect(page.getByRole("heading", { level: 2, name: /^FR0/ })).toHaveCount(20);
  await page.getByRole("button", { name: "Afficher plus d'engagements" }).click();
  await expect(page.getByRole("heading", { level: 2, name: /^FR0/ })).toHaveCount(40);
  await page.getByRole("button", { name: "Afficher plus d'engagements" }).click();
  await expect(page.getByRole("heading", { level: 2, name: /^FR0/ })).toHaveCount(50);
  await expect(page.getByRole("button", { name: "Afficher plus d'engagements" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: /FR0041 — Open Etat Forum/ })).toBeVisible();
  await check(page, "commitments-all");
  await page.getByLabel("Plan d'action", { exact: true }).selectOption("fr-2015-2017");
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(page.getByRole("heading", { name: /FR0001 —/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /FR0041 —/ })).toHaveCount(0);
  await check(page, "commitments-filtered");
  await page.getByRole("button", { name: "Réinitialiser les filtres" }).click();
  await page.getByLabel("Mots-clés").fill("Open Etat");
  await page.getByRole("button", { name: "Filtrer" }).click();
  await page.getByRole("link", { name: /FR0041 — Open Etat Forum/ }).click();
  await expect(page).toHaveURL(/\/engagements\/FR0041$/);
  await check(page, "commitment-FR0041");
  const timeline = page.locator(".od-timeline");
  for (const code of ["12.1", "12.2", "12.3", "12.4"]) {
    await expect(timeline.getByRole("link", { name: new RegExp(`^${code.replace(".", "\\.")} — `) })).toBeVisible();
  }
  await expect(
    page
      .getByRole("link", { name: "Minister of State for the Digital Sector, attached to the Prime Minister" })
      .first(),
  ).toBeVisible();
  const irm = page.getByRole("region", { name: "Évaluation du mécanisme indépendant (IRM)" });
  await expect(irm).toBeVisible();
  // The IRM analysis is the API's sanitised HTML: its markdown heading and list are real ones.
  await expect(irm.getByRole("heading", { level: 3, name: "Next steps" })).toBeVisible();
  await expect(irm.getByRole("listitem").filter({ hasText: /^Generalize this original format/ })).toBeVisible();

  // A milestone with its discussion.
  await timeline.getByRole("link", { name: /^12\.2 — / }).click();
  await check(page, "milestone-12.2");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Jalon 12.2");
  await expect(page.getByRole("heading", { name: "Discussion" })).toBeVisible();
  await expect(page.getByRole("article").first()).toBeVisible();

  // Search, from the header's search bar: French stemming, marked excerpts, a type filter.
  const headerSearch = page.getByRole("banner").getByRole("searchbox", { name: "Rechercher" });
  await headerSearch.fill("algorithme");
  await headerSearch.press("Enter");
  await expect(page).toHaveURL(/\/recherche\?q=algorithme$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Recherche");
  await expect(page).toHaveTitle("Recherche : « algorithme » — Open d'État");
  const results = page.getByRole("region", { name: "Résultats" });
  const forumHit = results.getByRole("link", { name: "Forum Open d'État : transparence des algorithmes publics" });
  await expect(forumHit).toBeVisible();
  await expect(results.getByRole("link", { name: "FR0035 — Transparency of Public Algorithms" })).toBeVisible();
  await expect(results.locator("mark").first()).toHaveText(/^algorithmes$/i);
  await expect(page.getByRole("main").getByText(/^\d+ résultats?$/)).toBeVisible();
  await check(page, "search");
  await page.getByLabel("Type de résultat").selectOption("forum");
  await page.getByRole("main").getByRole("button", { name: "Rechercher" }).click();
  await expect(page).toHaveURL(/\/recherche\?q=algorithme&type=forum$/);
  await expect(results.getByRole("link", { name: /^FR0035/ })).toHaveCount(0);
  await expect(forumHit).toBeVisible();
  await expect(results.getByRole("article")).toHaveCount(1);
  await check(page, "search-forums");
  await page.getByLabel(/^Mots recherchés/).fill("xylophone");
  await page.getByRole("main").getByRole("button", { name: "Rechercher" }).click();
  await expect(page.getByText("Aucun résultat pour « xylophone ».")).toBeVisible();
  await check(page, "search-empty");
  // A comment leads to its forum's discussion; results reach pages by id, the address becomes
  // the readable one.
  await page.getByLabel(/^Mots recherchés/).fill("algorithmes");
  await page.getByLabel("Type de résultat").selectOption("comment");
  await page.getByRole("main").getByRole("button", { name: "Rechercher" }).click();
  await results.getByRole("link", { name: /^Merci pour ce forum très concret/ }).click();
  await expect(page).toHaveURL(/\/forums\/2018-10-transparence-algorithmes-publics#discussion$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Forum Open d'État : transparence des algorithmes publics",
  );
  await expect(page.getByRole("heading", { name: "Discussion" })).toBeInViewport();
  await page.goBack();
  await page.getByLabel("Type de résultat").selectOption("");
  await page.getByRole("main").getByRole("button", { name: "Rechercher" }).click();
  await results.getByRole("link", { name: /^FR0035 — / }).click();
  await expect(page).toHaveURL(/\/engagements\/FR0035$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("FR0035 — Transparency of Public Algorithms");

  // The accessibility statement, linked from the footer (its content, and axe on it, are
  // e2e/accessibility.spec.ts's).
  await page.getByRole("link", { name: /^Accessibilité : / }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Déclaration d'accessibilité");

  // Unknown pages and records.
  await visit(page, "/nulle-part", "not-found");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page introuvable");
  await visit(page, "/forums/forum-inexistant", "forum-not-found");
  await expect(page.getByRole("alert")).toBeVisible();
  await visit(page, "/connexion", "sign-in");
  await visit(page, "/inscription", "sign-up");
});
