import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

import { prefixLines } from "@/lib/dev/prefix-lines";

export interface PostgresProcessOptions {
  dataDir: string;
  port: number;
  /** Created when missing; `url` points at it. */
  database: string;
}

/** What the parent and `postgres-process-main.ts` say to each other. */
export type PostgresProcessMessage =
  | { type: "ready"; url: string }
  | { type: "failed"; message: string }
  | { type: "stop" };

export interface PostgresProcess {
  url: string;
  /** Stops Postgres (fast shutdown) and waits for it. */
  stop(): Promise<void>;
  /** Settles if the server goes away on its own. */
  exited: Promise<void>;
}

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const mainFile = fileURLToPath(
  new URL("./postgres-process-main.ts", import.meta.url),
);

/**
 * Runs the embedded PostgreSQL from a small process of its own, in its own
 * process group: Ctrl-C in a terminal then reaches the web server and the
 * worker but not the database, which stops after them. The process also
 * stops Postgres when its parent dies (the IPC channel closes), so a killed
 * launcher leaves no server holding the data directory.
 */
export async function startPostgresProcess(
  options: PostgresProcessOptions,
  output: NodeJS.WritableStream = process.stdout,
): Promise<PostgresProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", mainFile], {
    cwd: repoRoot,
    detached: true,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    env: { ...process.env, JETTY_PG_PROCESS: JSON.stringify(options) },
  });
  prefixLines(child.stdout!, output as never, "[postgres] ");
  prefixLines(child.stderr!, output as never, "[postgres] ");

  const exited = new Promise<void>((resolve) =>
    child.once("exit", () => resolve()),
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.on("message", (message: PostgresProcessMessage) => {
      if (message.type === "ready") resolve(message.url);
      if (message.type === "failed") reject(new Error(message.message));
    });
    void exited.then(() =>
      reject(new Error("the PostgreSQL process exited before it was ready")),
    );
  });

  return { url, exited, stop: () => stopChild(child, exited) };
}

async function stopChild(
  child: ChildProcess,
  exited: Promise<void>,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;

  if (child.connected) {
    child.send({ type: "stop" } satisfies PostgresProcessMessage);
  } else {
    child.kill("SIGTERM");
  }
  await exited;
}
