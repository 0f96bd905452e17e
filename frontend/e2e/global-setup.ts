// Starts the real backend against a fresh, seeded PostgreSQL database for the browser tests, and
// returns the teardown that stops it and drops the database. Builds nothing: the Makefile builds
// the server (cargo build) and `npm test` builds the web app before Playwright runs.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const dist = resolve(here, "../dist");

function serverBinary(): string {
  const target = process.env.CARGO_TARGET_DIR ? resolve(root, process.env.CARGO_TARGET_DIR) : resolve(root, "target");
  const bin = resolve(target, "debug/opendetat");
  if (!existsSync(bin))
    throw new Error(`e2e: ${bin} is missing: build it first (cargo build -p opendetat, or make test).`);
  return bin;
}

function psql(server: string, sql: string) {
  execFileSync("psql", [`${server}/postgres`, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql], { stdio: "inherit" });
}

/** The port a helper (the SMTP sink, the OpenID provider) prints as `ready PORT` once it listens. */
function readyPort(child: ChildProcess, what: string): Promise<string> {
  return new Promise<string>((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`e2e: ${what} did not start within 20 s`)), 20_000);
    child.stdout!.setEncoding("utf8");
    child.stdout!.once("data", (line: string) => {
      clearTimeout(timer);
      const m = line.match(/ready (\d+)/);
      if (m) resolvePort(m[1]);
      else reject(new Error(`e2e: unexpected output of ${what}: ${line}`));
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`e2e: ${what} exited early (code ${code})`));
    });
  });
}

export default async function globalSetup() {
  if (!existsSync(resolve(dist, "index.html")))
    throw new Error("e2e: frontend/dist is missing: run `npm run build` first.");
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(chromium)) {
    throw new Error(
      `e2e: no browser at ${chromium}: apt-get install -y chromium fonts-liberation (or set CHROMIUM_PATH).`,
    );
  }
  const bin = serverBinary();
  // Mail goes to a real SMTP server, aiosmtpd (tests/smtp/sink.py), which keeps each message
  // as a file the tests read (e2e/mail.ts).
  const python = execFileSync(resolve(root, "tests/smtp/venv.sh"), {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
  const mailDir = mkdtempSync(resolve(tmpdir(), "opendetat-e2e-mail-"));
  const sink = spawn(python, [resolve(root, "tests/smtp/sink.py"), "--dir", mailDir], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const smtpPort = await readyPort(sink, "the SMTP sink");
  process.env.E2E_MAIL_DIR = mailDir;
  // ProConnect and FranceConnect are one real OpenID Connect provider, oidc-provider-mock
  // (tests/oidc/provider.py): discovery, keys, the authorization code flow, a form where the
  // test types who signs in, and the end of session.
  const provider = spawn(python, [resolve(root, "tests/oidc/provider.py")], { stdio: ["pipe", "pipe", "pipe"] });
  // Its errors are shown; the line it logs for every request, and its libraries' deprecation
  // warnings at start (authlib's, three lines each), are not.
  const noise = [/^\S+ - - \[[^\]]+\] "/, /DeprecationWarning/, /^It will be compatible/, /^\s+from /];
  provider.stderr.setEncoding("utf8");
  provider.stderr.on("data", (chunk: string) => {
    const said = chunk.split("\n").filter((line) => line.trim() && !noise.some((n) => n.test(line)));
    if (said.length) process.stderr.write(`oidc provider: ${said.join("\n")}\n`);
  });
  const oidcPort = await readyPort(provider, "the OpenID provider");
  const issuer = `http://localhost:${oidcPort}`;
  process.env.E2E_OIDC_ISSUER = issuer;
  const oidc = (prefix: string) => ({
    [`${prefix}_ISSUER`]: issuer,
    [`${prefix}_CLIENT_ID`]: "opendetat-e2e",
    [`${prefix}_CLIENT_SECRET`]: "e2e-client-secret",
    // The mock gives names under the standard `profile` scope only (ProConnect's own scopes,
    // `given_name usual_name`, name nothing there).
    [`${prefix}_SCOPES`]: "openid email profile siret uid",
  });
  const server = execFileSync(resolve(root, "scripts/ensure-postgres.sh"), {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
  const db = `opendetat_e2e_${randomBytes(6).toString("hex")}`;
  const env = {
    ...process.env,
    DATABASE_URL: `${server}/${db}`,
    OPENDETAT_ENV: "dev",
    BIND_ADDR: "127.0.0.1:0",
    STATIC_DIR: dist,
    RUST_LOG: process.env.E2E_RUST_LOG ?? "error",
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    PUBLIC_URL: "http://opendetat.e2e",
    JOB_POLL_MS: "50",
    // The browser tests post as a few demo accounts in quick succession.
    RATE_LIMIT_POSTING: "1000/1m",
    // Every browser test comes from 127.0.0.1: the API's budget per address has its own tests.
    RATE_LIMIT_API_ANONYMOUS: "1000000/1m",
    RATE_LIMIT_API_AUTHENTICATED: "1000000/1m",
    // And sign in from one address some eighty times in a run (the default, 60 per 10 minutes,
    // answered 429 to the last specs' sign-ins in CI); the limit itself is tested in the HTTP
    // tests (hardening.rs), not here.
    RATE_LIMIT_SIGN_IN: "100000/1m",
    ...oidc("PROCONNECT"),
    ...oidc("FRANCECONNECT"),
  };
  delete (env as NodeJS.ProcessEnv).JWT_SECRET;
  execFileSync(bin, ["seed"], { env, stdio: ["ignore", "ignore", "inherit"] });

  const child = spawn(bin, ["serve"], { env, stdio: ["ignore", "pipe", "inherit"] });
  const baseURL = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error("e2e: the server did not say where it listens within 30 s")),
      30_000,
    );
    let buffer = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      buffer += chunk;
      const m = buffer.match(/listening on (http:\/\/[^\s]+)/);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`e2e: the server exited early (code ${code})`));
    });
  });
  // Keep reading so the pipe never fills.
  child.stdout.resume();
  process.env.E2E_BASE_URL = baseURL;
  // For the tests that set dates (a deadline passed) rather than wait for them.
  process.env.E2E_DATABASE_URL = `${server}/${db}`;
  console.log(`e2e: server ${baseURL}, database ${db}`);

  return async () => {
    sink.kill("SIGTERM");
    provider.kill("SIGTERM");
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    try {
      psql(server, `DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
    } catch (e) {
      console.error(`e2e: could not drop ${db}:`, e);
    }
  };
}
