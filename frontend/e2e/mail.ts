// The mail the server sent during the browser tests, as aiosmtpd received it (global-setup
// starts it), read back by a real MIME parser (postal-mime).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import PostalMime, { type Email } from "postal-mime";
import { expect, type Page } from "@playwright/test";

function box(address: string): string {
  const dir = process.env.E2E_MAIL_DIR;
  if (!dir) throw new Error("E2E_MAIL_DIR is not set: global-setup starts the SMTP sink");
  return join(dir, address.toLowerCase().replace(/[^a-z0-9@._+-]/g, "_"));
}

function files(address: string): string[] {
  try {
    return readdirSync(box(address))
      .filter((f) => f.endsWith(".eml"))
      .sort();
  } catch {
    return [];
  }
}

/** How many messages `address` has received so far. */
export function mailCount(address: string): number {
  return files(address).length;
}

/** Waits for the `n`th message to `address` and returns it parsed. */
export async function mailTo(address: string, n = 1): Promise<Email> {
  await expect
    .poll(() => files(address).length, { timeout: 20_000, message: `mail #${n} to ${address}` })
    .toBeGreaterThanOrEqual(n);
  const raw = readFileSync(join(box(address), files(address)[n - 1]));
  return PostalMime.parse(raw);
}

/** The first link of the plain-text part that goes to `path` (e.g. `/mot-de-passe`), as a path
 *  and query to open on the test server. */
export function linkTo(mail: Email, path: string): string {
  const found = (mail.text ?? "").match(
    new RegExp(`https?://[^\\s]+${path.replace(/[/-]/g, "\\$&")}\\?jeton=[A-Za-z0-9_-]+`),
  );
  if (!found) throw new Error(`no ${path} link in: ${mail.text}`);
  const url = new URL(found[0]);
  return `${url.pathname}${url.search}`;
}

/** Follows the confirmation link mailed at sign-up: an account signs in once it is followed. */
export async function confirmAddress(page: Page, address: string) {
  await page.goto(linkTo(await mailTo(address), "/verification"));
  await expect(page.getByText("Adresse confirmée")).toBeVisible();
}
