import "server-only";

import type { JettyEventInput } from "@/lib/events/schema";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logger";

/** The Postgres channel that says "trajectory X has events up to seq N". */
export const EVENTS_CHANNEL = "jetty_events";

export interface EventWriter {
  /** Queues events in order; they are written in small batches. */
  append(events: JettyEventInput | JettyEventInput[]): void;
  /** Resolves once everything appended so far is committed. */
  flush(): Promise<void>;
  /**
   * Writes the last events together with the trajectory's final state, so a
   * reader that sees the terminal status also sees every event before it.
   */
  finish(events: JettyEventInput[], data: TrajectoryUpdate): Promise<void>;
  /** The last sequence number handed out. */
  readonly lastSeq: number;
}

type TrajectoryUpdate = Omit<Prisma.TrajectoryUncheckedUpdateInput, "lastSeq">;

interface EventWriterOptions {
  prisma: PrismaClient;
  trajectoryId: string;
  /** The trajectory's current lastSeq; new events continue after it. */
  lastSeq: number;
  /** How long appended events may wait for batch-mates. */
  batchDelayMs?: number;
}

const maxBatch = 200;
const maxAttempts = 5;

/**
 * Persists a trajectory's events with gap-free per-trajectory seq numbers,
 * then NOTIFYs in the same transaction so a listener never sees a seq whose
 * row is not yet visible. Events stay queued until their batch commits:
 * a failing write is retried, never dropped.
 */
export function createEventWriter(options: EventWriterOptions): EventWriter {
  const { prisma, trajectoryId } = options;
  const batchDelayMs = options.batchDelayMs ?? 20;
  let lastSeq = options.lastSeq;
  let pending: { seq: number; event: JettyEventInput; at: Date }[] = [];
  let chain: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  const writeBatch = async () => {
    while (pending.length > 0) {
      const batch = pending.slice(0, maxBatch);
      await withRetries(() => insert(batch));
      pending = pending.slice(batch.length);
    }
  };

  const insert = (batch: typeof pending, data: TrajectoryUpdate = {}) => {
    const last = batch[batch.length - 1].seq;

    return prisma.$transaction([
      prisma.event.createMany({
        data: eventRows(trajectoryId, batch),
        skipDuplicates: true,
      }),
      prisma.trajectory.update({
        where: { id: trajectoryId },
        data: { ...data, lastSeq: last },
      }),
      prisma.$executeRaw`SELECT pg_notify(${EVENTS_CHANNEL}, ${`${trajectoryId}:${last}`})`,
    ]);
  };

  // A batch that failed all its retries stays in `pending` and is tried
  // again on the next flush; the failure is reported by `flush`.
  let failure: unknown;
  const enqueueWrite = () => {
    chain = chain.then(writeBatch).catch((err) => {
      failure = err;
    });
  };

  const schedule = () => {
    if (timer) return;
    const run = () => {
      timer = undefined;
      enqueueWrite();
    };
    if (pending.length >= maxBatch) run();
    else timer = setTimeout(run, batchDelayMs);
  };

  return {
    append(events) {
      const list = Array.isArray(events) ? events : [events];
      if (list.length === 0) return;
      const at = new Date();
      for (const event of list) pending.push({ seq: ++lastSeq, event, at });
      schedule();
    },
    async flush() {
      if (timer) {
        clearTimeout(timer);
        timer = undefined;
      }
      failure = undefined;
      enqueueWrite();
      await chain;
      if (failure) throw failure;
    },
    async finish(events, data) {
      await this.flush();
      const at = new Date();
      const batch = events.map((event) => ({ seq: ++lastSeq, event, at }));
      await withRetries(() => insert(batch, data));
    },
    get lastSeq() {
      return lastSeq;
    },
  };
}

async function withRetries(write: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await write();
      return;
    } catch (err) {
      if (attempt >= maxAttempts) throw err;
      logger.warn({ err, attempt }, "events.write_retry");
      await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
    }
  }
}

/** Event table rows for numbered events of one trajectory. */
export function eventRows(
  trajectoryId: string,
  items: { seq: number; event: JettyEventInput; at: Date }[],
) {
  return items.map(({ seq, event, at }) => ({
    trajectoryId,
    seq,
    type: event.type,
    payload: event.payload as object,
    at,
  }));
}
