// Runs the browser tests with their spec files in a random order, so that no spec leans on what
// another did before it. The seed is printed; `E2E_SEED=<seed> npm run test:e2e:shuffled` runs the
// same order again. Other arguments go to Playwright (e.g. `--workers=1`).
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const seed = Number(process.env.E2E_SEED ?? Math.floor(Math.random() * 2 ** 31));

// mulberry32: a small seeded generator, so that a seed always gives the same order.
let state = seed >>> 0;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const specs = readdirSync(resolve(root, "e2e")).filter((f) => f.endsWith(".spec.ts"));
for (let i = specs.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [specs[i], specs[j]] = [specs[j], specs[i]];
}

const dir = resolve(root, "test-results/shuffled");
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
specs.forEach((spec, i) => {
  const name = `${String(i + 1).padStart(2, "0")}-${spec}`;
  writeFileSync(resolve(dir, name), `import "../../e2e/${spec.replace(/\.ts$/, "")}";\n`);
});

console.log(`e2e: seed ${seed} (E2E_SEED=${seed} to run this order again)`);
console.log(`e2e: order ${specs.map((s) => s.replace(/\.spec\.ts$/, "")).join(", ")}`);
const run = spawnSync("npx", ["playwright", "test", "-c", "playwright.shuffled.config.ts", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
});
console.log(`e2e: seed ${seed}`);
process.exit(run.status ?? 1);
