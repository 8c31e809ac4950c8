import "server-only";

import { randomUUID } from "node:crypto";
import os from "node:os";

import type { PrismaClient } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logger";
import { failLostRuns } from "@/lib/runs/fail-lost-run";
import { getBoss, RUN_QUEUE, runJobSchema, stopBoss } from "@/lib/runs/queue";
import { runTrajectory, type RunDeps } from "@/lib/runs/run-trajectory";
import type { SandboxProvider } from "@/lib/sandboxes/types";
import type { Storage } from "@/lib/storage/local-storage";

export interface WorkerOptions {
  prisma: PrismaClient;
  sandboxes: SandboxProvider;
  storage: Storage;
  /** Runs this process takes at once. */
  concurrency?: number;
  /** A run whose heartbeat is older than this is failed as "worker lost". */
  staleAfterMs?: number;
  stallWarningSec?: number;
  /** Removes sandboxes left by a dead worker, keeping live runs' ones. */
  reapSandboxes?: (keep: (runId: string) => boolean) => Promise<void>;
}

/**
 * Starts taking runs from the queue. On start, and then every few seconds,
 * runs left `running` by a dead worker are failed and their sandboxes reaped.
 */
export async function startWorker(options: WorkerOptions) {
  const workerId = `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const staleAfterMs = options.staleAfterMs ?? 30_000;
  const log = logger.child({ workerId });
  const shutdown = new AbortController();
  const inFlight = new Set<Promise<void>>();
  const deps: RunDeps = {
    prisma: options.prisma,
    sandboxes: options.sandboxes,
    storage: options.storage,
    workerId,
    stallWarningSec: options.stallWarningSec,
    shutdownSignal: shutdown.signal,
  };

  const sweep = async () => {
    await failLostRuns(options.prisma, { staleAfterMs });
    if (options.reapSandboxes) {
      const live = await options.prisma.trajectory.findMany({
        where: { status: { in: ["pending", "running"] } },
        select: { id: true },
      });
      const liveIds = new Set(live.map((t) => t.id));
      await options.reapSandboxes((runId) => liveIds.has(runId));
    }
  };
  await sweep();
  const sweeper = setInterval(
    () => {
      sweep().catch((err) => log.warn({ err }, "worker.sweep_failed"));
    },
    Math.max(1000, staleAfterMs / 2),
  );

  const boss = await getBoss("worker");
  await boss.work(
    RUN_QUEUE,
    {
      localConcurrency: options.concurrency ?? 2,
      batchSize: 1,
      pollingIntervalSeconds: 2,
    },
    async ([job]) => {
      const { trajectoryId } = runJobSchema.parse(job.data);
      const run = runTrajectory(trajectoryId, deps);
      inFlight.add(run);
      try {
        await run;
      } finally {
        inFlight.delete(run);
      }
    },
  );
  log.info({ concurrency: options.concurrency ?? 2 }, "worker.started");

  return {
    workerId,
    /** Stops taking jobs and ends in-flight runs (failed, sandbox destroyed). */
    async stop() {
      clearInterval(sweeper);
      shutdown.abort();
      await Promise.allSettled([...inFlight]);
      await stopBoss();
      log.info("worker.stopped");
    },
  };
}
