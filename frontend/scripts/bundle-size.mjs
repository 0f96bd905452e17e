// Prints the gzipped size of the JavaScript the home page loads and fails past the budget.
// Followed from dist/index.html: the entry script and every chunk it imports statically. The
// DSFR's own runtime (dsfr.module, loaded by react-dsfr at start) and the DSFR CSS in
// public/dsfr are counted apart, as the budget says. Lazy route chunks are listed, not counted.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const BUDGET_KB = 150;
const dist = resolve(dirname(fileURLToPath(import.meta.url)), "../dist");
const kb = (n) => (n / 1000).toFixed(1);
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

const html = readFileSync(join(dist, "index.html"), "utf8");
const entries = [...html.matchAll(/<script[^>]+type="module"[^>]+src="\/([^"]+)"/g)].map((m) => m[1]);
if (entries.length === 0) {
  console.error("bundle-size: no module script in dist/index.html");
  process.exit(1);
}

const isDsfrRuntime = (f) => /dsfr\.module/.test(f);
const home = new Set();
const dsfr = new Set();
const queue = [...entries];
while (queue.length) {
  const file = queue.shift();
  if (home.has(file)) continue;
  home.add(file);
  const code = readFileSync(join(dist, file), "utf8");
  const dir = dirname(file);
  // Static imports: `from"./x.js"` and `import"./x.js"` (minified).
  for (const m of code.matchAll(/(?:from|import)\s*["'](\.\/[^"']+\.js)["']/g)) {
    queue.push(join(dir, m[1]));
  }
  // The DSFR runtime is imported dynamically by react-dsfr's start, on every page.
  for (const m of code.matchAll(/import\(\s*["'](\.\/[^"']*dsfr\.module[^"']*\.js)["']\s*\)/g)) {
    dsfr.add(join(dir, m[1]));
  }
}
for (const f of readdirSync(join(dist, "assets")))
  if (isDsfrRuntime(f) && f.endsWith(".js")) dsfr.add(join("assets", f));
for (const f of dsfr) home.delete(f);

let homeTotal = 0;
console.log("\nJavaScript loaded by the home page (gzip):");
for (const f of [...home].sort()) {
  const size = gz(join(dist, f));
  homeTotal += size;
  console.log(`  ${kb(size).padStart(7)} kB  ${f}`);
}
console.log(`  ${kb(homeTotal).padStart(7)} kB  total (budget ${BUDGET_KB} kB)`);

let dsfrTotal = 0;
for (const f of dsfr) dsfrTotal += gz(join(dist, f));
const css = ["dsfr/dsfr.min.css", "dsfr/utility/icons/icons.min.css"].filter((f) => {
  try {
    return statSync(join(dist, f)).isFile();
  } catch {
    return false;
  }
});
const cssTotal = css.reduce((n, f) => n + gz(join(dist, f)), 0);
console.log(`\nDSFR's own files, counted apart: ${kb(dsfrTotal)} kB JS (dsfr.module), ${kb(cssTotal)} kB CSS`);

let allJs = 0;
const lazy = [];
for (const f of readdirSync(join(dist, "assets"))) {
  if (!f.endsWith(".js")) continue;
  const size = gz(join(dist, "assets", f));
  allJs += size;
  if (!home.has(join("assets", f)) && !dsfr.has(join("assets", f))) lazy.push([f, size]);
}
console.log(
  `Lazy chunks (routes, admin): ${lazy.length}, ${kb(lazy.reduce((n, [, s]) => n + s, 0))} kB; all JS: ${kb(allJs)} kB\n`,
);

if (homeTotal / 1000 > BUDGET_KB) {
  console.error(`bundle-size: the home page loads ${kb(homeTotal)} kB of JS (gzip), over the ${BUDGET_KB} kB budget.`);
  process.exit(1);
}
