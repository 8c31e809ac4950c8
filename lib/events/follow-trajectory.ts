import "server-only";

import { getEventBus } from "@/lib/events/event-bus";
import {
  terminalStatuses,
  type JettyEvent,
  type TrajectoryStatus,
} from "@/lib/events/schema";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export interface FollowOptions {
  prisma: PrismaClient;
  trajectoryId: string;
  /** Yield events with seq greater than this. */
  after: number;
  /** Aborting ends the generator at its next step. */
  signal?: AbortSignal;
  /** Yield `idle` after this long without events (for keepalives). */
  idleMs?: number;
  /** Re-check the database even without a notification (a safety floor). */
  pollMs?: number;
}

export type FollowItem =
  | { kind: "event"; event: JettyEvent }
  | { kind: "idle" }
  | { kind: "end"; status: TrajectoryStatus };

const pageSize = 500;

/**
 * A trajectory's events in seq order: the stored history after the cursor,
 * then new ones as the worker commits them (woken by NOTIFY, with a slow
 * poll as a floor), then `end` once the trajectory is terminal and every
 * event before its terminal status has been yielded.
 */
export async function* followTrajectory(
  options: FollowOptions,
): AsyncGenerator<FollowItem> {
  const { prisma, trajectoryId, signal } = options;
  const idleMs = options.idleMs ?? 15_000;
  const pollMs = options.pollMs ?? 5_000;
  let cursor = options.after;
  let dirty = true;
  let wake: (() => void) | undefined;
  const unsubscribe = getEventBus().subscribe(trajectoryId, (lastSeq) => {
    if (lastSeq > cursor) {
      dirty = true;
      wake?.();
    }
  });
  const onAbort = () => wake?.();
  signal?.addEventListener("abort", onAbort);

  try {
    let lastYield = Date.now();
    while (!signal?.aborted) {
      if (dirty) {
        dirty = false;
        const rows = await prisma.event.findMany({
          where: { trajectoryId, seq: { gt: cursor } },
          orderBy: { seq: "asc" },
          take: pageSize,
          select: { seq: true, type: true, payload: true, at: true },
        });
        for (const row of rows) {
          cursor = row.seq;
          yield {
            kind: "event",
            event: {
              seq: row.seq,
              at: row.at.toISOString(),
              type: row.type,
              payload: row.payload,
            } as JettyEvent,
          };
        }
        if (rows.length > 0) lastYield = Date.now();
        if (rows.length === pageSize) {
          dirty = true;
          continue;
        }
        const trajectory = await prisma.trajectory.findUnique({
          where: { id: trajectoryId },
          select: { status: true, lastSeq: true },
        });
        if (!trajectory) {
          yield { kind: "end", status: "archived" };
          return;
        }
        const status = trajectory.status as TrajectoryStatus;
        if (terminalStatuses.has(status) && cursor >= trajectory.lastSeq) {
          yield { kind: "end", status };
          return;
        }
      }

      const untilIdle = idleMs - (Date.now() - lastYield);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(
          resolve,
          Math.max(0, Math.min(pollMs, untilIdle)),
        );
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
      if (Date.now() - lastYield >= idleMs) {
        lastYield = Date.now();
        yield { kind: "idle" };
      }
      // Woken by a notification or by the poll floor: look again.
      dirty = true;
    }
  } finally {
    unsubscribe();
    signal?.removeEventListener("abort", onAbort);
  }
}
