/**
 * The process `startPostgresProcess` spawns: starts the embedded server,
 * reports its URL over IPC, and stops it when told to, on SIGTERM, or when
 * the parent goes away.
 */
import {
  startEmbeddedPostgres,
  type RunningPostgres,
} from "@/lib/dev/embedded-postgres";
import type {
  PostgresProcessMessage,
  PostgresProcessOptions,
} from "@/lib/dev/postgres-process";

// A dead parent leaves our pipes without a reader; writing must not crash
// us before Postgres is stopped.
process.stdout.on("error", () => {});
process.stderr.on("error", () => {});

const options = JSON.parse(
  process.env.JETTY_PG_PROCESS ?? "{}",
) as PostgresProcessOptions;

function send(message: PostgresProcessMessage): void {
  if (process.connected) process.send?.(message);
}

const starting: Promise<RunningPostgres> = startEmbeddedPostgres({
  dataDir: options.dataDir,
  port: options.port,
  onLog: (line) => console.log(line),
});
let stopping: Promise<void> | undefined;

/** Waits out a start in progress, so a stop during it still stops it. */
function stop(exitCode = 0): Promise<void> {
  stopping ??= (async () => {
    const server = await starting.catch(() => undefined);
    await server?.stop();
    process.exit(exitCode);
  })();

  return stopping;
}

process.on("disconnect", () => void stop());
process.on("SIGTERM", () => void stop());
process.on("message", (message: PostgresProcessMessage) => {
  if (message.type === "stop") void stop();
});

try {
  const server = await starting;
  await server.ensureDatabase(options.database);
  send({ type: "ready", url: server.url(options.database) });
} catch (error) {
  send({
    type: "failed",
    message: error instanceof Error ? error.message : String(error),
  });
  await stop(1);
}
