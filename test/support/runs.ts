import path from "node:path";

import { expect } from "vitest";

import type { PrismaClient } from "@/lib/generated/prisma/client";

import { seedRunbook } from "./seed";

export const terminalStatuses = ["completed", "failed", "cancelled"];

/** Polls `read` until `done` holds; fails with the last value seen. */
export async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() - started > timeoutMs) {
      throw new Error(
        `timed out waiting; last value: ${JSON.stringify(value)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A trajectory with its events (in order) and results files. */
export function trajectoryOf(prisma: PrismaClient, id: string) {
  return prisma.trajectory.findUniqueOrThrow({
    where: { id },
    include: { events: { orderBy: { seq: "asc" } }, resultFiles: true },
  });
}

/** Waits until the trajectory is terminal and returns it. */
export function waitForEnd(
  prisma: PrismaClient,
  id: string,
  timeoutMs = 90_000,
) {
  return waitFor(
    () => trajectoryOf(prisma, id),
    (t) => terminalStatuses.includes(t.status),
    timeoutMs,
  );
}

/** Seeds a runbook whose collection holds `env` and starts a run of it. */
export async function startSeededRun(
  env: Record<string, string>,
  runbookText: string,
) {
  const { startRun } = await import("@/lib/runs/start-run");
  const seeded = await seedRunbook({ env, runbookText });
  const { trajectoryId } = await startRun({
    ctx: seeded.ctx,
    runbookId: seeded.runbookId,
  });

  return { ctx: seeded.ctx, trajectoryId };
}

/** Seeds and starts a run, then waits until it is terminal. */
export async function runToEnd(
  prisma: PrismaClient,
  env: Record<string, string>,
  runbookText: string,
  timeoutMs?: number,
) {
  const { trajectoryId } = await startSeededRun(env, runbookText);

  return waitForEnd(prisma, trajectoryId, timeoutMs);
}

export function expectGapFreeSeqs(events: { seq: number }[]) {
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
}

/** A worker in this process, with the local sandbox and storage under dataDir. */
export async function startTestWorker(options: {
  prisma: PrismaClient;
  dataDir: string;
  agentPath?: string[];
  stallWarningSec?: number;
}) {
  const { startWorker } = await import("@/lib/runs/start-worker");
  const { createLocalSandboxProvider } = await import("@/lib/sandboxes/local");
  const { createLocalStorage } = await import("@/lib/storage/local-storage");

  return startWorker({
    prisma: options.prisma,
    sandboxes: createLocalSandboxProvider({
      rootDir: path.join(options.dataDir, "sandboxes"),
      protectedDirs: [options.dataDir],
      agentPath: options.agentPath,
    }),
    storage: createLocalStorage(path.join(options.dataDir, "storage")),
    concurrency: 2,
    stallWarningSec: options.stallWarningSec,
  });
}
