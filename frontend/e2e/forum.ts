// Test data for the discussion specs: a forum of the test's own and comments posted as someone.
import { accounts, apiToken, expect, json } from "./fixtures";
import type { Page } from "@playwright/test";

export const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A forum of the test's own on FR0041, open for comments. */
export async function makeForum(page: Page, stamp: number): Promise<string> {
  const fr0041 = (await json<{ id: number }>(await page.request.get("/api/v1/commitments/FR0041"))).id;
  const made = await page.request.post("/api/v1/forums", {
    headers: auth(await apiToken(page, accounts.admin)),
    data: {
      commitment_ids: [fr0041],
      title: `Forum du clavier ${stamp}`,
      theme: "Accessibilité",
      starts_at: "2031-05-12T17:00:00Z",
      ends_at: "2031-05-12T19:00:00Z",
      location: "Paris",
      status: "open",
    },
  });
  expect(made.status()).toBe(201);
  return (await json<{ slug: string }>(made)).slug;
}

/** Posts a comment (or a reply) through the API, as `email`; returns its id. */
export async function postAs(page: Page, email: string, slug: string, body: string, parent_id?: number) {
  const posted = await page.request.post(`/api/v1/forums/${slug}/comments`, {
    headers: auth(await apiToken(page, email)),
    data: { body, parent_id },
  });
  expect(posted.status()).toBe(201);
  return (await json<{ id: number }>(posted)).id;
}

/** Accounts of the test's own, named `${base} ${suffix}` (someone to mention). */
export async function register(page: Page, base: string, suffixes: string[]) {
  for (const s of suffixes) {
    const made = await page.request.post("/api/v1/auth/register", {
      data: {
        email: `e2e.${base.toLowerCase()}.${s.toLowerCase()}@example.org`,
        password: "un-mot-de-passe-solide",
        display_name: `${base} ${s}`,
      },
    });
    expect(made.status()).toBe(202);
  }
}
