// The screen-reader pass itself, run by scripts/screen-reader-pass.sh inside a D-Bus session of its
// own (BASE_URL: the server under test; OUT_DIR: where the transcript goes; WORK_DIR: scratch).
// Starts Xvfb, openbox, the AT-SPI bus, Orca (its speech recorded by a logging handler set in its
// customizations file) and Chromium with renderer accessibility, then walks the journeys of the
// audit with keys sent by xdotool. DevTools (CDP) is used to read the page only: where the focus
// is and what the status region (#od-status) says, written beside what Orca said, so a reader
// can tell an unspoken message from an unset one. Nothing is clicked or filled through it.
import { execFileSync, spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "frontend", "package.json"));
const { chromium } = require("playwright-core");

const BASE = process.env.BASE_URL;
const OUT = process.env.OUT_DIR;
const WORK = process.env.WORK_DIR;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!BASE || !OUT || !WORK) throw new Error("screen-reader-pass.mjs: run it through scripts/screen-reader-pass.sh");

const transcript = join(OUT, "transcript.txt");
const checks = join(OUT, "checks.txt");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const stamp = () => new Date().toISOString().slice(11, 23);
const write = (line) => appendFileSync(transcript, `${line}\n`);
const children = [];

function start(cmd, args, env = {}) {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: "ignore" });
  children.push(child);
  return child;
}

function stopAll() {
  for (const c of children.reverse()) {
    try {
      c.kill("SIGTERM");
    } catch {
      // already gone
    }
  }
}
process.on("exit", stopAll);
process.on("SIGINT", () => process.exit(130));
process.on("SIGTERM", () => process.exit(143));

// ---- the desktop -------------------------------------------------------------------------------
const display = `:${process.env.SR_DISPLAY ?? 99}`;
const desktopEnv = {
  DISPLAY: display,
  // Orca and Chromium in French, as the app's default reader would have them.
  LANGUAGE: "fr",
  LANG: "C.UTF-8",
  ACCESSIBILITY_ENABLED: "1",
  GTK_A11Y: "atspi",
  NO_AT_BRIDGE: "0",
  XDG_RUNTIME_DIR: join(WORK, "run"),
  HOME: join(WORK, "home"),
};
mkdirSync(desktopEnv.XDG_RUNTIME_DIR, { recursive: true, mode: 0o700 });
mkdirSync(desktopEnv.HOME, { recursive: true });
Object.assign(process.env, desktopEnv);

start("Xvfb", [display, "-screen", "0", "1280x1024x24", "-nolisten", "tcp"]);
for (let i = 0; i < 50 && !existsSync(`/tmp/.X11-unix/X${display.slice(1)}`); i++) await sleep(100);
await sleep(300);
start("openbox", []);
start("/usr/libexec/at-spi-bus-launcher", ["--launch-immediately"]);
await sleep(1000);
// Toolkits ask this key whether to expose their accessibility tree (no dconf here: best effort).
try {
  execFileSync("gsettings", ["set", "org.gnome.desktop.interface", "toolkit-accessibility", "true"], {
    stdio: "ignore",
  });
} catch {
  // gsettings or its schema is not installed: ACCESSIBILITY_ENABLED and the Chromium flag do it
}

// ---- Orca --------------------------------------------------------------------------------------
const prefs = join(WORK, "orca");
mkdirSync(prefs, { recursive: true });
const overrides = {
  // No echo of typed keys: the transcript keeps what the page says, not the typing.
  enableKeyEcho: false,
  enableEchoByCharacter: false,
  enableEchoByWord: false,
  // No "say all" when a page loads (say-all speech goes to the synthesiser, not to the record);
  // Orca still says the page's title and its summary (headings, landmarks, forms...).
  sayAllOnLoad: false,
  pageSummaryOnLoad: true,
  // Orca+F reads the text's attributes: with the language among them, it says the text's lang.
  enabledSpokenTextAttributes: "language:; size:; family-name:; weight:400; style:normal;",
};
const settings = {
  general: { firstStart: false, ...overrides },
  profiles: { default: { profile: ["Default", "default"], ...overrides } },
  pronunciations: {},
  keybindings: {},
};
writeFileSync(join(prefs, "user-settings.conf"), JSON.stringify(settings, null, 2));
writeFileSync(
  join(prefs, "orca-customizations.py"),
  `# Loaded by Orca at start: every utterance Orca speaks is also written, timed, to the transcript.
import logging, time
class _Timed(logging.Formatter):
    def format(self, record):
        t = time.strftime("%H:%M:%S", time.gmtime(record.created)) + ".%03d" % record.msecs
        return "%s  %s" % (t, record.getMessage())
_h = logging.FileHandler(${JSON.stringify(transcript)}, mode="a", encoding="utf-8")
_h.setFormatter(_Timed())
logging.getLogger("speech").addHandler(_h)
`,
);
writeFileSync(transcript, "");
const orcaArgs = ["-u", prefs];
if (process.env.ORCA_DEBUG === "1") orcaArgs.push("--debug-file", join(OUT, "orca-debug.txt"), "--debug");
start("orca", orcaArgs);

/** Waits until Orca has said nothing for `quiet` ms (at least `min` ms, at most `max`). */
async function settle(quiet = 1200, min = 400, max = 15000) {
  const t0 = Date.now();
  await sleep(min);
  let size = statSync(transcript).size;
  let since = Date.now();
  while (Date.now() - t0 < max) {
    await sleep(150);
    const now = statSync(transcript).size;
    if (now !== size) {
      size = now;
      since = Date.now();
    } else if (Date.now() - since >= quiet) return;
  }
}

// Orca says it is on.
for (let i = 0; i < 100 && statSync(transcript).size === 0; i++) await sleep(200);
await settle(1500);
if (statSync(transcript).size === 0) {
  console.error("screen-reader-pass: Orca said nothing in 20 s (is it running? try ORCA_DEBUG=1)");
  process.exit(1);
}

// ---- Chromium ----------------------------------------------------------------------------------
const profile = join(WORK, "chromium");
mkdirSync(join(profile, "Default"), { recursive: true });
// No password bubble or translation bar taking the focus after signing in.
writeFileSync(
  join(profile, "Default", "Preferences"),
  JSON.stringify({
    credentials_enable_service: false,
    profile: { password_manager_enabled: false },
    translate: { enabled: false },
  }),
);
const port = 9333;
start(CHROMIUM, [
  `--user-data-dir=${profile}`,
  "--force-renderer-accessibility",
  `--remote-debugging-port=${port}`,
  "--no-sandbox",
  "--test-type",
  "--disable-gpu",
  "--no-first-run",
  "--no-default-browser-check",
  "--disable-features=Translate,MediaRouter",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--password-store=basic",
  "--lang=fr",
  "--start-maximized",
  "--window-position=0,0",
  "--window-size=1280,1024",
  "about:blank",
]);
let browser;
for (let i = 0; i < 100 && !browser; i++) {
  try {
    browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  } catch {
    await sleep(300);
  }
}
if (!browser) throw new Error("Chromium's DevTools port did not answer");
const page = browser.contexts()[0].pages()[0];
await settle(1500);
try {
  execFileSync("xdotool", ["search", "--sync", "--onlyvisible", "--class", "chromium", "windowactivate", "--sync"], {
    stdio: "ignore",
    timeout: 10000,
  });
} catch {
  // one window only: it has the focus anyway
}
await settle(1000);

// ---- the driver --------------------------------------------------------------------------------
let stepNo = 0;
let shot = 0;
function step(title) {
  stepNo++;
  const line = `\n=== ÉTAPE ${stepNo} — ${title}`;
  write(line);
  appendFileSync(checks, `${line}\n`);
  console.error(line.trim());
}
function note(text) {
  write(`--- ${text}`);
}

/** Where the focus is and what the status region says, from the DOM (never acted on). */
async function observe() {
  try {
    const s = await page.evaluate(() => {
      const clean = (t) => (t ?? "").replace(/\s+/g, " ").trim();
      const a = document.activeElement;
      let focus = "(document)";
      if (a && a !== document.body) {
        const role = a.getAttribute("role") ?? a.tagName.toLowerCase();
        const name =
          a.getAttribute("aria-label") ??
          (a.labels && a.labels[0] ? a.labels[0].textContent : null) ??
          a.getAttribute("title") ??
          a.textContent;
        focus = `${role}${a.id ? `#${a.id}` : ""} « ${clean(name).slice(0, 140)} »`;
      }
      return {
        url: location.pathname + location.search + location.hash,
        focus,
        status: clean(document.getElementById("od-status")?.textContent),
        lang: document.documentElement.lang,
        title: document.title,
      };
    });
    const line = `    [DOM] ${s.url} | focus : ${s.focus} | #od-status : « ${s.status} »`;
    write(line);
    appendFileSync(checks, `${line} | lang=${s.lang} | title=${s.title}\n`);
    return s;
  } catch (e) {
    write(`    [DOM] (illisible : ${String(e.message).split("\n")[0]})`);
    return { url: "", focus: "", status: "" };
  }
}

function xdo(...args) {
  execFileSync("xdotool", args, { stdio: "ignore" });
}

/** Presses a key (xdotool's names: Tab, Return, shift+Tab, Insert+f...) and waits for Orca. */
async function key(k, { label, quiet = 1200, times = 1, look = true } = {}) {
  for (let i = 0; i < times; i++) {
    write(`> touche : ${label ?? k}`);
    if (k.startsWith("Insert+")) {
      // The Orca key, held while the other is pressed.
      xdo("keydown", "Insert");
      await sleep(80);
      xdo("key", k.slice("Insert+".length));
      await sleep(80);
      xdo("keyup", "Insert");
    } else {
      xdo("key", "--clearmodifiers", k);
    }
    await settle(quiet);
    if (look) await observe();
  }
}

/** Types text as keys (Orca in focus mode, in a field). */
async function type(text, { quiet = 1200 } = {}) {
  write(`> saisie : « ${text.replace(/opendetat-demo-2026|pas-le-bon-mot-de-passe/, "••••••••")} »`);
  xdo("type", "--delay", "60", text);
  await settle(quiet);
  await observe();
}

/** Tab (or shift+Tab) until the focused element matches, `max` presses at most. */
async function tabTo(re, { max = 25, back = false } = {}) {
  for (let i = 0; i < max; i++) {
    await key(back ? "shift+Tab" : "Tab", { quiet: 800, look: false });
    const s = await observe();
    if (re.test(s.focus)) return true;
  }
  note(`introuvable au clavier en ${max} tabulations : ${re}`);
  return false;
}

/** Orca's browse-mode key (B: next button, K: next link...) until the focused element matches:
 *  Orca gives the focus to what it lands on when that takes focus. */
async function browseTo(k, re, { max = 15, label } = {}) {
  for (let i = 0; i < max; i++) {
    await key(k, { quiet: 900, look: false, label });
    const s = await observe();
    if (re.test(s.focus)) return true;
  }
  note(`introuvable avec ${label ?? k} en ${max} pressions : ${re}`);
  return false;
}

/** Goes to an address the way a keyboard user does: Ctrl+L, the address, Enter. */
async function go(path) {
  write(`> touche : Ctrl+L, puis saisie de l'adresse ${path}, puis Entrée`);
  xdo("key", "--clearmodifiers", "ctrl+l");
  await sleep(400);
  xdo("type", "--delay", "20", `${BASE}${path}`);
  await sleep(300);
  // What Orca says while the address is typed is the address bar's, not the page's.
  await settle(600);
  write("--- (fin de la saisie dans la barre d'adresse)");
  xdo("key", "--clearmodifiers", "Return");
  // Loaded when the address is the one asked for and the page has its h1 (polled: the address
  // bar's navigation is not always one DevTools reports as such).
  const want = new URL(BASE + path).pathname;
  let loaded = false;
  for (const until = Date.now() + 15000; !loaded && Date.now() < until; ) {
    loaded = await page
      .evaluate((p) => location.pathname === p && document.querySelector("h1") !== null, want)
      .catch(() => false);
    if (!loaded) await sleep(200);
  }
  if (!loaded) note(`la page ${path} n'a pas fini de se charger en 15 s`);
  await settle(2000, 1500);
  await observe();
}

function screenshot(name) {
  shot++;
  const file = join(OUT, `${String(shot).padStart(2, "0")}-${name}.png`);
  try {
    execFileSync("sh", ["-c", `xwd -root -silent -display ${display} | convert xwd:- png:'${file}'`], {
      stdio: "ignore",
    });
  } catch {
    // screenshots are a help, not the record
  }
}

// ---- data the journeys need (through the API, before the pass) ---------------------------------
async function api(method, path, body, token) {
  const res = await fetch(`${BASE}/api/v1${path}`, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}
const agent = (await api("POST", "/auth/login", { email: "agent@demo.opendetat.fr", password: "opendetat-demo-2026" }))
  .access_token;
// Two replies to a comment of Camille Martin's: two unread notifications for her.
const algo = "2018-10-transparence-algorithmes-publics";
const thread = await api("GET", `/forums/${algo}/comments?limit=100`);
const hers = thread.items.find((c) => c.author?.display_name === "Camille Martin" && c.depth === 0);
for (const body of [
  "Merci : la liste des algorithmes présentés sera publiée avec le compte rendu.",
  "Chaque administration volontaire indiquera un contact.",
]) {
  await api("POST", `/forums/${algo}/comments`, { body, parent_id: hers.id }, agent);
}
// A progress log on FR0041, so its page has the completion chart and its data table.
const milestones = await api("GET", "/commitments/FR0041/milestones?limit=100");
const byCode = Object.fromEntries(milestones.items.map((m) => [m.code, m.id]));
for (const [code, as_of, status, completion, note] of [
  ["12.1", "2018-12-20", "completed", "complete", "Cinq forums tenus en 2018."],
  ["12.2", "2019-06-28", "in_progress", "substantial", "Espace de dialogue en ligne ouvert aux participants."],
]) {
  await api("POST", `/milestones/${byCode[code]}/progress`, { as_of, status, completion, note }, agent);
}
await sleep(2000);

// ---- the journeys ------------------------------------------------------------------------------
const FORUM = "/forums/2027-01-espace-de-dialogue-en-ligne";
const versions = execFileSync("sh", ["-c", `orca --version; ${CHROMIUM} --version`], { encoding: "utf8" });
write(`# Passage au lecteur d'écran, ${new Date().toISOString().slice(0, 10)}\n# ${versions.trim().replace(/\n/g, " ; ")}`);
write("# Lignes « SPEECH OUTPUT » : ce qu'Orca a dit ; « > » : la touche pressée ; [DOM] : l'état de la page.");

step("Accueil : titre, résumé, liens d'évitement");
await go("/");
screenshot("accueil");
await key("Tab", { times: 3 });
note("retour au premier lien d'évitement et activation");
await key("shift+Tab", { times: 2 });
await key("Return", { quiet: 1500 });

step("Accueil : régions (M), titres (H), langue (Orca+F)");
await key("ctrl+Home");
await key("m", { times: 7, label: "M (région suivante)" });
await key("ctrl+Home");
await key("h", { times: 6, label: "H (titre suivant)" });
await key("Insert+f", { label: "Orca+F (attributs du texte : langue)" });

step("Connexion : le lien de l'en-tête");
await key("ctrl+Home");
if (await browseTo("k", /Se connecter/, { label: "K (lien suivant)" })) await key("Return", { quiet: 2000 });
else await go("/connexion");
screenshot("connexion");

step("Connexion : mauvais mot de passe");
if (await tabTo(/^input.*Adresse électronique/)) {
  await type("camille.martin@demo.opendetat.fr");
  await key("Tab");
  await type("pas-le-bon-mot-de-passe");
  await key("Return", { quiet: 2500 });
  screenshot("connexion-erreur");
}

step("Connexion : le bon mot de passe");
if (await tabTo(/^input.*Mot de passe/)) {
  await key("ctrl+a");
  await type("opendetat-demo-2026");
  await key("Return", { quiet: 2500 });
}

step("Forum : la page, s'inscrire");
await go(FORUM);
await key("1", { label: "1 (titre de niveau 1)" });
await key("h", { times: 3, label: "H (titre suivant)" });
if (await browseTo("b", /M'inscrire/, { label: "B (bouton suivant)" })) {
  await key("Return", { quiet: 2500 });
  screenshot("forum-inscrit");
}

step("Discussion : écrire un commentaire avec une mention (combobox)");
if (await tabTo(/Votre commentaire|combobox/, { max: 40 })) {
  await type("Merci pour ce forum. Je propose d'en reparler avec @Cl", { quiet: 2500 });
  screenshot("mention-liste");
  await key("Down", { label: "Flèche bas (option suivante)", quiet: 1500 });
  await key("Up", { label: "Flèche haut", quiet: 1500 });
  await key("Return", { label: "Entrée (prendre le nom)", quiet: 1500 });
  await type("lors du prochain forum.");
}

step("Discussion : publier (annonce, focus sur le nouveau commentaire)");
if (await tabTo(/Publier/)) {
  await key("Return", { quiet: 3000 });
  screenshot("commentaire-publie");
}

step("Discussion : supprimer, avec la confirmation");
if (await tabTo(/Supprimer/)) {
  await key("Return", { quiet: 2000 });
  screenshot("confirmation");
  // Annuler has the focus; the other choice comes next.
  if (await tabTo(/Confirmer la suppression/, { max: 1 })) await key("Return", { quiet: 3000 });
  else note("Tab depuis « Annuler » ne mène pas à « Confirmer la suppression »");
}

step("Notifications : marquer comme lue");
await go("/notifications");
await key("h", { times: 2, label: "H (titre suivant)" });
if (await browseTo("b", /Marquer comme lue/, { label: "B (bouton suivant)" })) {
  await key("Return", { quiet: 2500 });
  screenshot("notification-lue");
}

step("Engagement FR0041 : titres, graphique, tableau de données");
await go("/engagements/FR0041");
await key("1", { label: "1 (titre de niveau 1)" });
await key("Insert+f", { label: "Orca+F (attributs du texte : langue)" });
note("sur le titre anglais de l'engagement (lang=\"en\")");
await key("ctrl+Right", { times: 3, label: "Ctrl+Flèche droite (mot suivant)" });
await key("Insert+f", { label: "Orca+F (attributs du texte : langue)" });
await key("h", { times: 8, label: "H (titre suivant)" });
await key("ctrl+Home");
await key("g", { times: 2, label: "G (graphique suivant)" });
await key("t", { label: "T (tableau suivant)" });
await key("Down", { times: 6, label: "Flèche bas (ligne suivante)" });
screenshot("engagement");

step("Déclaration d'accessibilité");
await go("/accessibilite");
await key("h", { times: 11, label: "H (titre suivant)" });
await key("Down", { times: 3, label: "Flèche bas" });
screenshot("declaration");

write("\n=== FIN");
await browser.close().catch(() => {});
process.exit(0);
