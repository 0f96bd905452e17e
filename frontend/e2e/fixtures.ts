// Shared helpers: every page visited goes through `visit`/`check`, which waits for the data,
// runs axe (WCAG 2.1 A and AA) and fails on any violation, and keeps a screenshot.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type APIResponse, type Page, type Request } from "@playwright/test";

const shots = resolve(dirname(fileURLToPath(import.meta.url)), "../test-results/screenshots");
mkdirSync(shots, { recursive: true });

/** The JSON body of an API answer, typed by the test that reads it. */
export async function json<T>(res: APIResponse): Promise<T> {
  return (await res.json()) as T;
}

export const PASSWORD = "opendetat-demo-2026";
export const accounts = {
  admin: "admin@demo.opendetat.fr",
  official: "agent@demo.opendetat.fr",
  moderator: "moderation@demo.opendetat.fr",
  member: "camille.martin@demo.opendetat.fr",
};

/** Runs SQL on the test database: for what a test must set rather than wait for (a date passed). */
export function sql(statement: string) {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set (see global-setup.ts)");
  execFileSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-q", "-c", statement], { stdio: "inherit" });
}

/** Requests in flight per page, streams left out: a page with a live stream (a discussion, the
 *  signed-in header) always has one open, so Playwright's "networkidle" never comes. */
const trackers = new WeakMap<Page, { pending: Set<Request>; started: number }>();
function track(page: Page) {
  const tracker = { pending: new Set<Request>(), started: 0 };
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.endsWith("/stream")) return;
    tracker.pending.add(r);
    tracker.started += 1;
  });
  const done = (r: Request) => tracker.pending.delete(r);
  page.on("requestfinished", done);
  page.on("requestfailed", done);
  trackers.set(page, tracker);
}

/** Waits until no request is in flight for half a second (as "networkidle", streams aside) and
 *  no loading indicator is left on the page. */
export async function settled(page: Page) {
  await page.waitForLoadState("load");
  const tracker = trackers.get(page);
  if (!tracker) {
    await page.waitForLoadState("networkidle");
  } else {
    const until = Date.now() + 30_000;
    for (;;) {
      const seen = tracker.started;
      if (tracker.pending.size === 0) {
        await page.waitForTimeout(500);
        if (tracker.pending.size === 0 && tracker.started === seen) break;
      } else {
        await page.waitForTimeout(50);
      }
      if (Date.now() > until) {
        throw new Error(`requests still in flight: ${[...tracker.pending].map((r) => r.url()).join(", ")}`);
      }
    }
  }
  await expect(page.locator(".od-loading")).toHaveCount(0);
}

/** Runs axe on the page as it is now, fails on any WCAG 2.1 A/AA violation, saves a screenshot. */
export async function check(page: Page, name: string) {
  await settled(page);
  await page.screenshot({ path: resolve(shots, `${name}.png`), fullPage: true });
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 5)
        .join("\n    ")}`,
  );
  expect(summary, `axe violations on ${name} (${page.url()})`).toEqual([]);
  expect(results.passes.length, "axe ran its rules").toBeGreaterThan(10);
}

export async function visit(page: Page, path: string, name: string) {
  await page.goto(path);
  await check(page, name);
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/connexion");
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("link", { name: "Mon compte" })).toBeVisible();
}

export async function signOut(page: Page) {
  // The app shows "Se connecter" at once and ends the session on the server in the background
  // (`POST /auth/logout`, whose answer deletes the cookie): a navigation before that answer
  // arrives would keep a cookie for a session the server no longer knows, and public reads
  // sent with it are refused (401).
  const loggedOut = page.waitForResponse((r) => r.url().endsWith("/api/v1/auth/logout"));
  await page.getByRole("button", { name: "Se déconnecter" }).first().click();
  await expect(page.getByRole("link", { name: "Se connecter" }).first()).toBeVisible();
  await loggedOut;
}

/** The app's one status region, where every action's outcome is said (components/announce.tsx). */
export function status(page: Page) {
  return page.locator("#od-status");
}

/** The comment whose own text (not a reply's) contains `text`. */
export function comment(page: Page, text: string) {
  return page.locator("article.od-comment").filter({
    has: page.locator(":scope > .od-comment__body, :scope > .od-tombstone").filter({ hasText: text }),
  });
}

export const test = base.extend({
  page: async ({ page }, use) => {
    track(page);
    page.context().on("page", track);
    const errors: string[] = [];
    const refused: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    // Every page of every test runs under the server's Content-Security-Policy: anything it
    // refuses (an inline script, a style, an image from elsewhere) is a failure.
    page.on("console", (m) => {
      if (m.type() === "error" && /Content Security Policy/i.test(m.text()))
        refused.push(`${m.text()} at ${m.location().url}:${m.location().lineNumber}:${m.location().columnNumber}`);
    });
    await use(page);
    expect(errors, "uncaught errors in the page").toEqual([]);
    expect(refused, "content refused by the Content-Security-Policy").toEqual([]);
  },
});

/** A bearer token for a demo account, from the API itself. */
export async function apiToken(page: Page, email: string): Promise<string> {
  const res = await page.request.post("/api/v1/auth/login", { data: { email, password: PASSWORD } });
  expect(res.status()).toBe(200);
  return (await json<{ access_token: string }>(res)).access_token;
}
export { expect };

/** The error summary a failed action shows (a DSFR error alert). Not a live region: the status
 *  region says the error, once (issue 19). */
export function errorSummary(page: Page) {
  return page.locator(".fr-alert--error");
}
