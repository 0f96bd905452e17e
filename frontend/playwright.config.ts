import { defineConfig } from "@playwright/test";

// Headless Debian Chromium (apt-get install chromium): no browser download.
export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/global-setup.ts",
  outputDir: "test-results/playwright",
  fullyParallel: false,
  // Two workers on these 2-core machines: every spec makes what it changes, so files run side by
  // side (5.8 min instead of 8.1–8.6 with one, measured on a busy machine). E2E_WORKERS=1 to compare.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  // CI runs on a shared 2-core machine whose load swings (a load average of 19 was seen while
  // other work ran): a test's time limit is generous there, and a test that fails once is run
  // again — Playwright then lists it as "flaky", which the closing notes report; a test that
  // fails twice fails the run. Locally, no second chance: a failure shows at once.
  timeout: process.env.CI ? 240_000 : 120_000,
  expect: { timeout: process.env.CI ? 20_000 : 10_000 },
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: process.env.E2E_BASE_URL,
    locale: "fr-FR",
    timezoneId: "America/New_York",
    viewport: { width: 1280, height: 900 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
