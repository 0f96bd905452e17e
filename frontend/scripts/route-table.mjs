// Writes dist/routes.json: the web app's pages (the paths of its route table, from each
// resource's routes.tsx, and /admin/*), so that the server answers 404 with the app's own
// "page introuvable" for a path that is no page of it, instead of 200. A unit test
// (src/app/routeTable.test.ts) checks that this list is exactly the one the app routes.
import { readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Every page path declared in the resources' route tables, and the admin area. */
export function routeTable() {
  const dir = join(root, "src/resources");
  const paths = [];
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name, "routes.tsx");
    if (!existsSync(file)) continue;
    const text = readFileSync(file, "utf8");
    const pages = text.slice(text.indexOf("pages:"));
    for (const m of pages.matchAll(/\{\s*path:\s*"([^"]+)"/g)) paths.push(m[1]);
  }
  paths.push("/admin/*");
  return [...new Set(paths)].sort();
}

/** The admin area's pages ("/admin" and each resource's admin.tsx, made absolute), sorted: what
 * the reflow test (e2e/reflow.spec.ts) opens behind "/admin/*". */
export function adminRouteTable() {
  const dir = join(root, "src/resources");
  const paths = ["/admin"];
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name, "admin.tsx");
    if (!existsSync(file)) continue;
    for (const m of readFileSync(file, "utf8").matchAll(/\{\s*path:\s*"([^"]+)"/g)) paths.push(`/admin/${m[1]}`);
  }
  return [...new Set(paths)].sort();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = join(root, "dist/routes.json");
  writeFileSync(out, JSON.stringify(routeTable(), null, 2) + "\n");
  console.log(`route-table: ${routeTable().length} page paths written to dist/routes.json`);
}
