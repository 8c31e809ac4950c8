import "server-only";

import { getEventBus } from "@/lib/events/event-bus";
import { terminalStatuses, type TrajectoryStatus } from "@/lib/events/schema";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logger";

export interface StreamOptions {
  prisma: PrismaClient;
  trajectoryId: string;
  /** Send events with seq greater than this. */
  after: number;
  heartbeatMs?: number;
  /** Re-check the database even without a notification (a safety floor). */
  pollMs?: number;
}

const pageSize = 500;
const encoder = new TextEncoder();

/** Counts open streams, for tests and for the operator's logs (B21). */
export const openStreams = { count: 0 };

/**
 * The SSE body for one subscriber: stored history after the cursor, then live
 * events as the worker commits them, then `event: end` once the trajectory is
 * terminal. Closing the connection stops this subscriber's work only.
 */
export function streamTrajectoryEvents(
  options: StreamOptions,
): ReadableStream<Uint8Array> {
  const { prisma, trajectoryId } = options;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const pollMs = options.pollMs ?? 5_000;
  let cursor = options.after;
  let closed = false;
  let dirty = true;
  let wake: (() => void) | undefined;
  let unsubscribe: (() => void) | undefined;

  const stop = () => {
    if (closed) return;
    closed = true;
    unsubscribe?.();
    wake?.();
    openStreams.count--;
    logger.debug({ runId: trajectoryId }, "sse.subscriber_closed");
  };

  return new ReadableStream<Uint8Array>({
    start(controller) {
      openStreams.count++;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      unsubscribe = getEventBus().subscribe(trajectoryId, (lastSeq) => {
        if (lastSeq > cursor) {
          dirty = true;
          wake?.();
        }
      });
      send("retry: 3000\n: connected\n\n");

      const loop = async () => {
        let lastWrite = Date.now();
        while (!closed) {
          if (dirty) {
            dirty = false;
            const events = await prisma.event.findMany({
              where: { trajectoryId, seq: { gt: cursor } },
              orderBy: { seq: "asc" },
              take: pageSize,
              select: { seq: true, type: true, payload: true, at: true },
            });
            for (const event of events) {
              send(
                `id: ${event.seq}\ndata: ${JSON.stringify({
                  seq: event.seq,
                  at: event.at.toISOString(),
                  type: event.type,
                  payload: event.payload,
                })}\n\n`,
              );
              cursor = event.seq;
            }
            if (events.length > 0) lastWrite = Date.now();
            if (events.length === pageSize) {
              dirty = true;
              continue;
            }
            const row = await prisma.trajectory.findUnique({
              where: { id: trajectoryId },
              select: { status: true, lastSeq: true },
            });
            const status = row?.status as TrajectoryStatus | undefined;
            if (
              !row ||
              (terminalStatuses.has(status!) && cursor >= row.lastSeq)
            ) {
              send(
                `event: end\ndata: ${JSON.stringify({ status: status ?? "archived" })}\n\n`,
              );
              stop();
              controller.close();
              return;
            }
          }
          const waitMs = Math.min(
            pollMs,
            heartbeatMs - (Date.now() - lastWrite),
          );
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, Math.max(0, waitMs));
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = undefined;
          if (Date.now() - lastWrite >= heartbeatMs) {
            send(": keepalive\n\n");
            lastWrite = Date.now();
          }
          // Woken by a notification or by the poll floor: look again.
          dirty = true;
        }
      };
      loop().catch((err) => {
        logger.warn({ err, runId: trajectoryId }, "sse.failed");
        send(
          `event: error\ndata: ${JSON.stringify({ message: "stream failed" })}\n\n`,
        );
        stop();
        try {
          controller.close();
        } catch {
          // Already closed by the client.
        }
      });
    },
    cancel() {
      stop();
    },
  });
}
