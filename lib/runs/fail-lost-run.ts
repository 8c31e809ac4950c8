import "server-only";

import { appendEventsLocked } from "@/lib/events/append-events";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logger";

const lostMessage = "The worker running this trajectory was lost";

/**
 * Fails runs whose worker stopped sending heartbeats (killed, OOM, redeploy).
 * Their sandbox died with the worker (local) or is reaped by label; the events
 * already written are kept. Returns the ids it failed.
 */
export async function failLostRuns(
  prisma: PrismaClient,
  options: { staleAfterMs: number; onlyId?: string },
): Promise<string[]> {
  const cutoff = new Date(Date.now() - options.staleAfterMs);
  const candidates = await prisma.trajectory.findMany({
    where: {
      status: "running",
      ...(options.onlyId ? { id: options.onlyId } : {}),
      OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: cutoff } }],
    },
    select: { id: true },
  });

  const failed: string[] = [];
  for (const { id } of candidates) {
    const done = await appendEventsLocked(prisma, id, (row) => {
      const stale = !row.heartbeatAt || row.heartbeatAt < cutoff;
      if (row.status !== "running" || !stale) return null;
      const outcome = {
        success: false,
        kind: "sandbox_error",
        message: lostMessage,
      };

      return {
        events: [
          {
            type: "error",
            payload: {
              message: lostMessage,
              kind: "sandbox_error",
              fatal: true,
            },
          },
          { type: "result", payload: { ...outcome, kind: "sandbox_error" } },
          {
            type: "status",
            payload: { status: "failed", detail: lostMessage },
          },
        ],
        data: {
          status: "failed",
          failureKind: "sandbox_error",
          outcome,
          finishedAt: new Date(),
        },
      };
    });
    if (done) {
      failed.push(id);
      logger.warn({ runId: id }, "run.worker_lost");
    }
  }

  return failed;
}
