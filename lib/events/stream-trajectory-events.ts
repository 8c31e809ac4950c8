import "server-only";

import {
  followTrajectory,
  type FollowItem,
} from "@/lib/events/follow-trajectory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logger";

export interface StreamOptions {
  prisma: PrismaClient;
  trajectoryId: string;
  /** Send events with seq greater than this. */
  after: number;
  heartbeatMs?: number;
  pollMs?: number;
}

const encoder = new TextEncoder();

/** Counts open streams, for tests and for the operator's logs (B21). */
export const openStreams = { count: 0 };

/**
 * The SSE body for one subscriber: `retry:` first, then each event with its
 * seq as `id:`, keepalive comments when quiet, and `event: end` once the
 * trajectory is terminal. A client that goes away stops only its own work.
 */
export function streamTrajectoryEvents(
  options: StreamOptions,
): ReadableStream<Uint8Array> {
  const abort = new AbortController();
  const items = followTrajectory({
    prisma: options.prisma,
    trajectoryId: options.trajectoryId,
    after: options.after,
    signal: abort.signal,
    idleMs: options.heartbeatMs,
    pollMs: options.pollMs,
  });
  let started = false;

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        openStreams.count++;
        controller.enqueue(encoder.encode("retry: 3000\n: connected\n\n"));
        return;
      }
      try {
        const next = await items.next();
        // The client went away while we waited: the stream is cancelled,
        // and touching its controller now would throw.
        if (abort.signal.aborted) return;
        if (next.done) {
          finish();
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(frame(next.value)));
        if (next.value.kind === "end") {
          finish();
          controller.close();
        }
      } catch (err) {
        if (abort.signal.aborted) return;
        logger.warn({ err, runId: options.trajectoryId }, "sse.failed");
        controller.enqueue(
          encoder.encode(`event: error\ndata: {"message":"stream failed"}\n\n`),
        );
        finish();
        controller.close();
      }
    },
    cancel() {
      finish();
      void items.return(undefined);
    },
  });

  function finish() {
    if (abort.signal.aborted) return;
    abort.abort();
    if (started) openStreams.count--;
    logger.debug({ runId: options.trajectoryId }, "sse.subscriber_closed");
  }
}

function frame(item: FollowItem): string {
  switch (item.kind) {
    case "event":
      return `id: ${item.event.seq}\ndata: ${JSON.stringify(item.event)}\n\n`;
    case "idle":
      return ": keepalive\n\n";
    case "end":
      return `event: end\ndata: ${JSON.stringify({ status: item.status })}\n\n`;
  }
}
