import { check, expect, test, visit } from "./fixtures";

// Done when: the pages that have a feed announce it in the document's head (where readers and
// browsers discover feeds) and offer it as a link, and what the link gives is an Atom feed.
test("the forums, a forum's discussion, a commitment's progress and an institution's answers each offer their Atom feed", async ({
  page,
}) => {
  const pages: [string, string, RegExp][] = [
    ["/forums", "Suivre les forums annoncés (flux Atom)", /\/api\/v1\/forums\.atom$/],
    [
      "/engagements/FR0041",
      "Suivre l'avancement de cet engagement (flux Atom)",
      /\/commitments\/FR0041\/progress\.atom$/,
    ],
    ["/engagements/FR0041", "Suivre ces commentaires (flux Atom)", /\/commitments\/FR0041\/comments\.atom$/],
    [
      "/institutions/minister-of-state-digital-sector",
      "Suivre les réponses de cette institution (flux Atom)",
      /\/institutions\/minister-of-state-digital-sector\/answers\.atom$/,
    ],
  ];
  for (const [path, name, href] of pages) {
    await visit(page, path, `feed-${path.replace(/\W+/g, "-")}`);
    const link = page.getByRole("link", { name });
    await expect(link).toHaveAttribute("href", href);
    const announced = page.locator(`head link[rel="alternate"][type="application/atom+xml"][title="${name}"]`);
    await expect(announced).toHaveAttribute("href", href);
    const feed = await page.request.get((await link.getAttribute("href"))!);
    expect(feed.status()).toBe(200);
    expect(feed.headers()["content-type"]).toBe("application/atom+xml; charset=utf-8");
    expect(await feed.text()).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
  }
  // A forum's discussion too, from its page.
  await page.goto("/forums");
  await page.getByRole("link", { name: "Forum Open d'État : un espace de dialogue en ligne" }).first().click();
  await expect(page.getByRole("link", { name: "Suivre ces commentaires (flux Atom)" })).toHaveAttribute(
    "href",
    /\/api\/v1\/forums\/[^/]+\/comments\.atom$/,
  );
  await check(page, "feed-forum");
});
