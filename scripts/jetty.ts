/**
 * Jetty's launcher: `npm run dev` (next dev) and `npm start` (next start,
 * building first when there is no build). It fills in what a developer has
 * not configured — an embedded PostgreSQL when DATABASE_URL is unset,
 * development keys under JETTY_DATA_DIR — applies migrations, then runs the
 * web server and the run worker side by side. When either stops, or on
 * SIGINT/SIGTERM, it stops both, then the database.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { migrateDatabase } from "@/lib/db/migrate";
import { buildIsStale } from "@/lib/dev/build-is-stale";
import { ensureDevSecret } from "@/lib/dev/dev-secret";
import { prefixLines } from "@/lib/dev/prefix-lines";
import { startPostgresProcess } from "@/lib/dev/postgres-process";

type Mode = "dev" | "start";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const childStopTimeoutMs = 15_000;

const children = new Set<ChildProcess>();
/** Run after the children have exited, last registered first. */
const afterChildren: (() => Promise<void>)[] = [];
let stopping = false;

function log(message: string): void {
  console.log(`[jetty] ${message}`);
}

/** Stops the children, then everything in `afterChildren`, then exits. */
async function shutdown(exitCode: number, reason: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log(reason);

  await Promise.all([...children].map(stopChild));
  for (const cleanup of afterChildren.reverse()) {
    await cleanup().catch((error: unknown) =>
      log(`cleanup failed: ${String(error)}`),
    );
  }
  process.exit(exitCode);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;

  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), childStopTimeoutMs);
  await exited;
  clearTimeout(timer);
}

function startChild(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  prefixLines(child.stdout!, process.stdout, `[${name}] `);
  prefixLines(child.stderr!, process.stderr, `[${name}] `);
  child.on("exit", (code, signal) => {
    children.delete(child);
    if (!stopping) {
      void shutdown(
        1,
        `${name} exited (${signal ?? `code ${code}`}); stopping`,
      );
    }
  });

  return child;
}

/** Runs a one-off step (the build) to its end; failing stops the launcher. */
async function runStep(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  prefixLines(child.stdout!, process.stdout, `[${name}] `);
  prefixLines(child.stderr!, process.stderr, `[${name}] `);
  const code = await new Promise<number | null>((resolve) =>
    child.once("exit", (exitCode) => resolve(exitCode)),
  );
  children.delete(child);
  if (code !== 0 && !stopping) {
    await shutdown(1, `${name} failed (code ${code})`);
  }
}

async function devSecret(
  name: string,
  dataDir: string,
  fileName: string,
): Promise<string> {
  const file = path.join(dataDir, fileName);
  const { value, created } = await ensureDevSecret(file);
  log(
    `${name} is not set: using the development key in ${file}` +
      `${created ? " (generated now)" : ""}. Set ${name} in production.`,
  );

  return value;
}

async function main(mode: Mode): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const dataDir = path.resolve(process.env.JETTY_DATA_DIR ?? ".jetty");
  await mkdir(dataDir, { recursive: true, mode: 0o700 });

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: mode === "dev" ? "development" : "production",
    PORT: String(port),
    JETTY_DATA_DIR: dataDir,
    CHECKPOINT_DISABLE: "1",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  env.JETTY_MASTER_KEY ||= await devSecret(
    "JETTY_MASTER_KEY",
    dataDir,
    "master.key",
  );
  env.NEXTAUTH_SECRET ||= await devSecret(
    "NEXTAUTH_SECRET",
    dataDir,
    "nextauth.secret",
  );
  env.NEXTAUTH_URL ||= `http://localhost:${port}`;

  if (env.DATABASE_URL) {
    log("using DATABASE_URL; no database is started");
  } else {
    const pgPort = Number(env.JETTY_PG_PORT ?? 54329);
    const pgDir = path.join(dataDir, "pg");
    log(`starting embedded PostgreSQL on 127.0.0.1:${pgPort} (data: ${pgDir})`);
    const postgres = await startPostgresProcess({
      dataDir: pgDir,
      port: pgPort,
      database: "jetty",
    });
    afterChildren.push(async () => {
      log("stopping PostgreSQL");
      await postgres.stop();
    });
    void postgres.exited.then(() => {
      if (!stopping) void shutdown(1, "PostgreSQL exited; stopping");
    });
    env.DATABASE_URL = postgres.url;
    log(`PostgreSQL is ready: ${redactPassword(postgres.url)}`);
  }

  const { applied } = await migrateDatabase(env.DATABASE_URL);
  log(
    applied.length > 0
      ? `applied migrations: ${applied.join(", ")}`
      : "database schema is up to date",
  );
  if (stopping) return;

  if (mode === "start" && buildIsStale(repoRoot)) {
    log("no up-to-date production build in .next: running next build");
    await runStep("build", [nextBin, "build"], env);
    if (stopping) return;
  }

  startChild("web", [nextBin, mode, "--port", String(port)], env);
  startChild(
    "worker",
    ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"],
    env,
  );
  log(`web server starting on ${env.NEXTAUTH_URL}`);
}

function redactPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";

  return parsed.toString();
}

const mode = process.argv[2];
if (mode !== "dev" && mode !== "start") {
  console.error("usage: tsx scripts/jetty.ts dev|start");
  process.exit(2);
}

process.on("SIGINT", () => void shutdown(0, "SIGINT: stopping"));
process.on("SIGTERM", () => void shutdown(0, "SIGTERM: stopping"));

// `npm start` runs this through a shell that does not pass SIGTERM on: when
// whatever started us goes away, we are reparented, and stop like on SIGTERM.
const parentPid = process.ppid;
setInterval(() => {
  if (process.ppid !== parentPid) void shutdown(0, "parent exited: stopping");
}, 1000).unref();

main(mode).catch((error: unknown) =>
  shutdown(
    1,
    `could not start: ${error instanceof Error ? error.message : String(error)}`,
  ),
);
