import "server-only";

import { PgBoss } from "pg-boss";
import { z } from "zod";

import { logger } from "@/lib/logger";

/** The run queue: one job per trajectory, handled by scripts/worker.ts. */
export const RUN_QUEUE = "trajectory-run";

export const runJobSchema = z.object({ trajectoryId: z.string().min(1) });
export type RunJob = z.infer<typeof runJobSchema>;

/**
 * Retry policy: a job is retried once, and only because its worker died (the
 * heartbeat stopped). The retry does not run the agent again: it finds the
 * trajectory `running` and fails it as "worker lost" (lib/runs/fail-lost-run.ts),
 * since re-running an agent would repeat its side effects.
 */
const queueOptions = {
  retryLimit: 1,
  heartbeatSeconds: 15,
  // Wall-clock limits are enforced by the worker itself; this only bounds a
  // job whose heartbeat keeps going but which never settles.
  expireInSeconds: 24 * 60 * 60,
  notify: true,
};

const globalForBoss = globalThis as unknown as {
  jettyBoss?: Promise<PgBoss>;
};

/** The process's pg-boss instance, started once; `role` picks maintenance. */
export function getBoss(role: "web" | "worker" = "web"): Promise<PgBoss> {
  globalForBoss.jettyBoss ??= startBoss(role);

  return globalForBoss.jettyBoss;
}

async function startBoss(role: "web" | "worker"): Promise<PgBoss> {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set");

  const boss = new PgBoss({
    connectionString,
    supervise: role === "worker",
    schedule: false,
    useListenNotify: role === "worker",
    max: role === "worker" ? 4 : 2,
  });
  boss.on("error", (err) => logger.error({ err }, "queue.error"));
  await boss.start();
  await boss.createQueue(RUN_QUEUE, queueOptions);

  return boss;
}

/** Queues a trajectory for a worker; called after its row is committed. */
export async function enqueueRun(job: RunJob): Promise<void> {
  const boss = await getBoss();
  await boss.send(RUN_QUEUE, runJobSchema.parse(job), {
    singletonKey: job.trajectoryId,
  });
}

/** Stops this process's pg-boss instance, if one was started. */
export async function stopBoss(): Promise<void> {
  const pending = globalForBoss.jettyBoss;
  globalForBoss.jettyBoss = undefined;
  if (pending) await (await pending).stop({ graceful: false });
}
