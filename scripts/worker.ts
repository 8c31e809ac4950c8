/**
 * The run worker: takes trajectories off the queue and runs them in
 * sandboxes. Started beside the web server by scripts/jetty.ts; run it as
 * `node --conditions=react-server --import tsx scripts/worker.ts`.
 */
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { startWorker } from "@/lib/runs/start-worker";
import { getSandboxProvider, reapSandboxes } from "@/lib/sandboxes";
import { getStorage } from "@/lib/storage/local-storage";

async function main() {
  const config = env();
  const worker = await startWorker({
    prisma,
    sandboxes: getSandboxProvider(),
    storage: getStorage(),
    concurrency: Number(process.env.JETTY_WORKER_CONCURRENCY ?? 2),
    staleAfterMs: Number(process.env.JETTY_STALE_AFTER_MS ?? 30_000),
    stallWarningSec: config.JETTY_STALL_WARNING_SEC,
    reapSandboxes,
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "worker.stopping");
    await worker.stop();
    await prisma.$disconnect();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((err) => {
  logger.fatal({ err }, "worker.crashed");
  process.exit(1);
});
