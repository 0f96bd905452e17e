// Reflow (RGAA 10.11, WCAG 1.4.10) and text at 200 % (RGAA 10.4, WCAG 1.4.4).
// Every page of the route table (scripts/route-table.mjs: the resources' routes.tsx and the admin
// area's admin.tsx, so a new page is opened here without a line more) is opened at 320 CSS pixels,
// signed out, as a member and as an admin, its parameters filled with real keys of the seeded data
// read from the API. Nothing may make the page scroll sideways but a data table, inside its own
// DSFR scrolling frame. No axe in this loop (the other specs run it on these pages): it stays fast.
// With the text at 200 % (the root font size doubled: every DSFR size is in rem), the desktop
// layout must not scroll sideways either, and the header's brand and buttons must not be cut.
import type { APIRequestContext, Page } from "@playwright/test";
import { accounts, expect, json, PASSWORD, settled, signIn, test } from "./fixtures";
import { adminRouteTable, routeTable } from "../scripts/route-table.mjs";

type Item = Record<string, unknown>;

/** Where a route's parameter comes from: the segment before it names the API collection. */
const collections: Record<string, { api: string; key: string }> = {
  actions: { api: "/api/v1/action-items", key: "id" },
  cycles: { api: "/api/v1/cycles", key: "slug" },
  engagements: { api: "/api/v1/commitments", key: "code" },
  formats: { api: "/api/v1/formats", key: "slug" },
  forums: { api: "/api/v1/forums", key: "slug" },
  institutions: { api: "/api/v1/institutions", key: "slug" },
  jalons: { api: "/api/v1/milestones", key: "id" },
  plans: { api: "/api/v1/action-plans", key: "slug" },
  questions: { api: "/api/v1/questions", key: "id" },
};

/** Pages whose content depends on their query: opened with one that shows some. */
const queries: Record<string, string> = { "/recherche": "?q=forum" };

/** Of a collection, the entry with the most to show (the longest JSON): the likeliest to overflow
 * (for commitments, FR0041 with its milestones, forums and institutions). */
async function richest(request: APIRequestContext, api: string): Promise<Item> {
  const res = await request.get(`${api}?limit=100`);
  expect(res.status(), api).toBe(200);
  const { items } = await json<{ items: Item[] }>(res);
  expect(items.length, `${api} has seeded entries`).toBeGreaterThan(0);
  return items.reduce((a, b) => (JSON.stringify(b).length > JSON.stringify(a).length ? b : a));
}

let registered: Promise<number> | null = null;

/** A webhook endpoint for the endpoint pages (the seed has none): registered by the admin for the
 * platform with a long address, description and list of events (the likeliest to overflow), and
 * turned off at once, so that nothing is sent to it. One per worker. */
function endpoint(request: APIRequestContext): Promise<number> {
  registered ??= (async () => {
    const login = await request.post("/api/v1/auth/login", { data: { email: accounts.admin, password: PASSWORD } });
    const { access_token } = await json<{ access_token: string }>(login);
    const headers = { Authorization: `Bearer ${access_token}` };
    const created = await request.post("/api/v1/webhooks", {
      headers,
      data: {
        url: `https://93.184.215.14/un-chemin-de-reception-particulierement-long-pour-voir-si-la-page-deborde/${Date.now()}`,
        description: "Tableau de bord citoyen qui suit les forums, les engagements et les commentaires publiés",
        event_types: [
          "forum.created",
          "forum.updated",
          "commitment.updated",
          "milestone.progress_reported",
          "comment.created",
        ],
      },
    });
    expect(created.status(), "registering a webhook endpoint").toBe(201);
    const { endpoint: made } = await json<{ endpoint: { id: number } }>(created);
    const off = await request.patch(`/api/v1/webhooks/${made.id}`, { headers, data: { enabled: false } });
    expect(off.status()).toBe(200);
    return made.id;
  })();
  return registered;
}

let proposed: Promise<number> | null = null;

/** A proposal for the proposal page (the seed has none): a plan in preparation of its own, its
 * timeline published (late, with its reason) with a phase open to proposals today, and a member's
 * proposal with long texts (the likeliest to overflow). One per worker. */
function proposal(request: APIRequestContext): Promise<number> {
  proposed ??= (async () => {
    const bearer = async (email: string) => {
      const login = await request.post("/api/v1/auth/login", { data: { email, password: PASSWORD } });
      return { Authorization: `Bearer ${(await json<{ access_token: string }>(login)).access_token}` };
    };
    const admin = await bearer(accounts.admin);
    const slug = `pan-reflow-${Date.now()}-${Math.floor(Math.random() * 1000)}`;
    const plan = await request.post("/api/v1/action-plans", {
      headers: admin,
      data: {
        slug,
        country: "France",
        title: `Plan en préparation ${slug}`,
        period_start: 2031,
        period_end: 2033,
        status: "in_preparation",
      },
    });
    expect(plan.status(), "creating a plan in preparation").toBe(201);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());
    const phase = await request.post(`/api/v1/action-plans/${slug}/phases`, {
      headers: admin,
      data: {
        kind: "call_for_proposals",
        title: "Appel à propositions",
        opens_on: today,
        closes_on: "2099-12-31",
        accepts_proposals: true,
      },
    });
    expect(phase.status(), "adding a phase").toBe(201);
    const published = await request.post(`/api/v1/action-plans/${slug}/timeline/publication`, {
      headers: admin,
      data: { late_reason: "Publié pour les tests d'affichage." },
    });
    expect(published.status(), "publishing the timeline").toBe(200);
    const made = await request.post(`/api/v1/action-plans/${slug}/proposals`, {
      headers: await bearer(accounts.member),
      data: {
        title: "Publier systématiquement les avis des commissions consultatives et leurs votes détaillés",
        problem:
          "Les avis des commissions consultatives restent difficiles à trouver : https://www.example.org/un-chemin-particulierement-long-vers-un-avis-introuvable",
        solution: "Les mettre en ligne sur un portail unique, avec leurs votes, dans un format ouvert et réutilisable.",
        theme: "Transparence de l'action publique",
        commitment: "FR0041",
        possible_lead: "Le secrétariat général du gouvernement",
      },
    });
    expect(made.status(), "proposing").toBe(201);
    return (await json<{ id: number }>(made)).id;
  })();
  return proposed;
}

let seated: Promise<number> | null = null;

/** A member of the multi-stakeholder forum for the member's form (the seed has none): added by the
 * admin with long texts (the likeliest to overflow). One per worker. */
function stakeholderMember(request: APIRequestContext): Promise<number> {
  seated ??= (async () => {
    const login = await request.post("/api/v1/auth/login", { data: { email: accounts.admin, password: PASSWORD } });
    const { access_token } = await json<{ access_token: string }>(login);
    const made = await request.post("/api/v1/stakeholder-forum/members", {
      headers: { Authorization: `Bearer ${access_token}` },
      data: {
        name: `Marie-Claire Dupont-Delacroix ${Date.now()}`,
        category: "civil_society",
        organisation: "Association pour la transparence et la participation citoyenne dans l'action publique",
        position: "Coprésidente du forum et rapporteuse du groupe de travail sur les données ouvertes",
        term_starts_on: "2026-01-01",
      },
    });
    expect(made.status(), "adding a member of the multi-stakeholder forum").toBe(201);
    return (await json<{ id: number }>(made)).id;
  })();
  return seated;
}

/** The route with its parameters filled from the seeded data ("/forums/:slug" → "/forums/2027-…"). */
async function fill(request: APIRequestContext, route: string): Promise<string> {
  const segments = route.split("/");
  for (let i = 0; i < segments.length; i++) {
    if (!segments[i].startsWith(":")) continue;
    const before = segments[i - 1];
    if (before === "versions") {
      // A format's earlier version (the format's page shows the latest).
      const format = segments[i - 2];
      const res = await request.get(`/api/v1/formats/${format}`);
      const { versions } = await json<{ versions: { version: number }[] }>(res);
      segments[i] = String(versions[versions.length - 1].version);
      continue;
    }
    if (before === "webhooks") {
      segments[i] = String(await endpoint(request));
      continue;
    }
    if (before === "membres") {
      segments[i] = String(await stakeholderMember(request));
      continue;
    }
    if (before === "propositions") {
      segments[i] = String(await proposal(request));
      continue;
    }
    const from = collections[before];
    if (!from)
      throw new Error(`reflow: no seeded entry for ${segments[i]} in ${route}: add "${before}" to collections`);
    segments[i] = encodeURIComponent(String((await richest(request, from.api))[from.key]));
  }
  return segments.join("/") + (queries[route] ?? "");
}

type Offender = { selector: string; width: number; right: number; text: string; count: number; why: string };

/** What makes the page scroll sideways: the elements where a box past the right edge of the
 * window starts (its parent fits, or is cut by a frame that scrolls or hides), widest first, and
 * any frame other than a data table's that scrolls sideways itself. `null` when none. */
async function sidewaysScroll(page: Page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const viewport = root.clientWidth;
    const clips = (el: Element) => getComputedStyle(el).overflowX !== "visible";
    // Whether an ancestor cuts the element's box: one of its containing blocks hides or scrolls
    // its overflow (an absolutely positioned box escapes the frames between it and its
    // positioned ancestor: a label hidden for screen readers in a table cell, say).
    const contained = (el: Element): boolean => {
      for (let e: Element | null = el; e && e !== document.body;) {
        const position: string = getComputedStyle(e).position;
        if (position === "fixed") return true;
        const next: Element | null = position === "absolute" ? (e as HTMLElement).offsetParent : e.parentElement;
        if (!next || next === document.body || next === root) return false;
        if (clips(next)) return true;
        e = next;
      }
      return false;
    };
    const past = (el: Element) => {
      if (!el.checkVisibility({ visibilityProperty: true })) return false;
      const r = el.getBoundingClientRect();
      return (r.width > 0 || r.height > 0) && r.right > viewport + 0.5;
    };
    const selector = (el: Element) => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
        const classes = [...e.classList]
          .slice(0, 2)
          .map((c) => `.${c}`)
          .join("");
        parts.unshift(`${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}${classes}`);
      }
      return parts.join(" > ");
    };
    const describe = (el: Element, why: string) => {
      const r = el.getBoundingClientRect();
      return {
        selector: selector(el),
        width: Math.round(why === "scrolls" ? el.scrollWidth : r.width),
        right: Math.round(r.right),
        text: (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 50),
        count: 1,
        why,
      };
    };
    const all = [...document.body.querySelectorAll("*")];
    const found = [
      ...all
        .filter((el) => past(el) && !contained(el))
        .filter((el) => !(el.parentElement && past(el.parentElement) && !contained(el.parentElement)))
        .map((el) => describe(el, "past the edge")),
      // Only a data table may scroll sideways, in its DSFR frame.
      ...all
        .filter(
          (el) => !el.matches(".fr-table__container") && ["auto", "scroll"].includes(getComputedStyle(el).overflowX),
        )
        .filter((el) => el.scrollWidth > el.clientWidth + 1 && el.checkVisibility({ visibilityProperty: true }))
        .map((el) => describe(el, "scrolls")),
    ];
    const grouped = new Map<string, (typeof found)[number]>();
    for (const o of found) {
      const key = `${o.why} ${o.selector} ${o.width}`;
      const seen = grouped.get(key);
      if (seen) seen.count++;
      else grouped.set(key, o);
    }
    const offenders = [...grouped.values()].sort((a, b) => b.width - a.width).slice(0, 5);
    if (root.scrollWidth <= viewport && !offenders.some((o) => o.why === "scrolls")) return null;
    return { viewport, scrollWidth: root.scrollWidth, offenders };
  });
}

function describe(found: { viewport: number; scrollWidth: number; offenders: Offender[] }) {
  const lines = found.offenders.map(
    (o) =>
      `    ${o.selector}${o.count > 1 ? ` (×${o.count})` : ""}: ${o.width} px wide, ` +
      (o.why === "scrolls" ? "scrolls sideways inside itself" : `ends at ${o.right} px`) +
      ` («${o.text}»)`,
  );
  return `${found.scrollWidth} px wide for ${found.viewport}:\n${lines.join("\n") || "    (no element found)"}`;
}

/** Buttons whose label is meant to show (a DSFR button with text, or with an icon placed beside
 * its text) but is cut by the button's own box: one DSFR rule makes every icon button of a
 * `fr-btns-group` icon-only unless the group says where icons go. */
async function cutLabels(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("main .fr-btn")]
      .filter((b) => b.checkVisibility() && (b.textContent ?? "").trim() !== "")
      .filter((b) => /fr-btn--icon-(left|right)/.test(b.className) || !/(^| )fr-(icon|fi)-/.test(b.className))
      .filter((b) => getComputedStyle(b).overflowX !== "visible" && b.scrollWidth > b.clientWidth + 1)
      .map((b) => `«${(b.textContent ?? "").trim()}» ${b.scrollWidth} px of text in ${b.clientWidth} px`),
  );
}

const roles = [
  { role: "signed out", email: null },
  { role: "member", email: accounts.member },
  { role: "admin", email: accounts.admin },
] as const;

/** Opens every page as `email` (or signed out) at `width` px, the text at `text` % (through the
 * root font size: every DSFR size is in rem), and lists those that scroll sideways. */
async function sweep(page: Page, email: string | null, width: number, text = 100) {
  // Admin pages: the area's home for everyone (members and visitors are refused there), each of
  // its pages for the admin.
  const routes = routeTable().flatMap((r) =>
    r === "/admin/*" ? (email === accounts.admin ? adminRouteTable() : ["/admin"]) : [r],
  );
  const addresses = new Map<string, string>();
  for (const route of routes) addresses.set(route, await fill(page.request, route));
  // Signed in at a desktop width, where the header shows its account links.
  if (email) await signIn(page, email);
  await page.setViewportSize({ width, height: 640 });
  const failures: string[] = [];
  for (const [route, address] of addresses) {
    await page.goto(address);
    await settled(page);
    await expect(page.locator("main h1").first(), `${address} shows its page`).toBeVisible();
    await page.evaluate((size) => {
      document.documentElement.style.fontSize = size === 100 ? "" : `${size}%`;
      return document.fonts.ready;
    }, text);
    const found = await sidewaysScroll(page);
    if (found) failures.push(`${route} (${address}) is ${describe(found)}`);
    const cut = await cutLabels(page);
    if (cut.length) failures.push(`${route} (${address}) cuts button labels: ${cut.join(", ")}`);
  }
  return failures;
}

// One test opens some fifty pages: more time than the default two minutes on a busy machine.
const SWEEP_TIMEOUT = 360_000;

test.describe("reflow at 320 CSS pixels", () => {
  test.describe.configure({ mode: "parallel" });

  for (const { role, email } of roles) {
    test(`no page scrolls sideways at 320 px, ${role}`, async ({ page }) => {
      test.setTimeout(SWEEP_TIMEOUT);
      expect(await sweep(page, email, 320), `pages that scroll sideways at 320 px, ${role}`).toEqual([]);
    });
  }
});

/** The header's brand (the "République française" block, the service title and tagline) and, on a
 * narrow screen, its search and menu buttons: each shown whole, neither cut by its own box (when
 * it hides its overflow) nor by an ancestor that hides or scrolls it. */
async function cutBrand(page: Page) {
  return page.evaluate(() => {
    const cut: string[] = [];
    const name = (el: Element) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`;
    // `own`: whether the element's own box may not hide its content (an icon-only DSFR button
    // hides its text on purpose, its name stays).
    const check = (el: Element, label: string, own = true) => {
      const style = getComputedStyle(el);
      if (!el.checkVisibility()) return cut.push(`${label}: hidden`);
      const clipsX = style.overflowX !== "visible";
      const clipsY = style.overflowY !== "visible";
      if (own && ((clipsX && el.scrollWidth > el.clientWidth + 1) || (clipsY && el.scrollHeight > el.clientHeight + 1)))
        cut.push(`${label}: content ${el.scrollWidth}×${el.scrollHeight} cut to ${el.clientWidth}×${el.clientHeight}`);
      const r = el.getBoundingClientRect();
      for (let a = el.parentElement; a; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX === "visible" && s.overflowY === "visible") continue;
        const c = a.getBoundingClientRect();
        const outX = r.left < c.left - 1 || r.right > c.right + 1;
        const outY = r.top < c.top - 1 || r.bottom > c.bottom + 1;
        if ((outX && s.overflowX !== "visible") || (outY && s.overflowY !== "visible"))
          cut.push(
            `${label}: ${Math.round(r.width)}×${Math.round(r.height)} cut by ${name(a)} (overflow ${s.overflow})`,
          );
      }
      if (r.right > document.documentElement.clientWidth + 1) cut.push(`${label}: goes past the window's right edge`);
    };
    for (const sel of [".fr-header__logo .fr-logo", ".fr-header__service-title", ".fr-header__service-tagline"]) {
      const el = document.querySelector(sel);
      if (el) check(el, sel);
      else cut.push(`${sel}: missing`);
    }
    // The search and menu buttons, where the DSFR shows them (narrow screens).
    for (const el of document.querySelectorAll(".fr-header__navbar .fr-btn"))
      if (getComputedStyle(el.closest(".fr-header__navbar")!).display !== "none")
        check(el, `.fr-header__navbar «${el.textContent?.trim()}»`, false);
    return cut;
  });
}

test.describe("text at 200 %", () => {
  test.describe.configure({ mode: "parallel" });

  // The desktop layout with the text doubled: the header's links and menu, and every page.
  test("no page scrolls sideways at 1280 px with text at 200 %, admin", async ({ page }) => {
    test.setTimeout(SWEEP_TIMEOUT);
    expect(await sweep(page, accounts.admin, 1280, 200), "pages that scroll sideways with text at 200 %").toEqual([]);
  });

  for (const width of [1280, 320]) {
    test(`the header's brand is whole with text at 200 %, ${width} px wide`, async ({ page }) => {
      await page.setViewportSize({ width, height: 800 });
      await page.goto("/");
      await settled(page);
      // The reader's text size: every DSFR size is in rem, so a root font size of 200 % is the
      // browser's text-only zoom (set through the CSSOM, which the Content-Security-Policy allows).
      await page.evaluate(() => {
        document.documentElement.style.fontSize = "200%";
        return document.fonts.ready;
      });
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe("32px");
      await expect(page.locator(".fr-header__service-title")).toBeVisible();
      expect(await cutBrand(page), `cut header brand at ${width} px with text at 200 %`).toEqual([]);
    });
  }
});

// Text spacing (RGAA 10.12, WCAG 1.4.12): with the spacing a reader's style sheet may set (line
// height 1.5, paragraphs 2 em apart, letters 0.12 em, words 0.16 em), nothing is cut. Applied as
// a constructed style sheet, as a reader's extension would (the Content-Security-Policy allows it).
test.describe("text spacing", () => {
  test.describe.configure({ mode: "parallel" });

  for (const width of [1280, 1024, 768, 320]) {
    test(`the header's brand and the filters' buttons are whole with the WCAG text spacing, ${width} px wide`, async ({
      page,
    }) => {
      await page.setViewportSize({ width, height: 800 });
      await page.goto("/engagements");
      await settled(page);
      await page.evaluate(() => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(
          "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }" +
            " p { margin-bottom: 2em !important; }",
        );
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
        return document.fonts.ready;
      });
      expect(await page.evaluate(() => getComputedStyle(document.body).letterSpacing)).not.toBe("normal");
      expect(await cutBrand(page), `cut header brand at ${width} px with the text spacing`).toEqual([]);
      // Every button of the page shows its whole label.
      expect(await cutLabels(page), `buttons cut at ${width} px with the text spacing`).toEqual([]);
    });
  }
});
