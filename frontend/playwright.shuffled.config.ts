// The browser tests in the order scripts/e2e-shuffled.mjs drew: Playwright runs test files in the
// order of their paths, so that script writes one numbered file per spec under test-results/shuffled.
import base from "./playwright.config";

export default { ...base, testDir: "test-results/shuffled" };
