import "server-only";

import { EVENTS_CHANNEL, eventRows } from "@/lib/events/event-writer";
import type { JettyEventInput } from "@/lib/events/schema";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

type TrajectoryRow = {
  id: string;
  status: string;
  lastSeq: number;
  heartbeatAt: Date | null;
};

/**
 * Appends events outside a worker (cancel before start, a lost worker's
 * run). Locks the trajectory row so seq numbers stay gap-free; `decide`
 * sees the locked row and returns the events and update, or null to skip.
 */
export async function appendEventsLocked(
  prisma: PrismaClient,
  trajectoryId: string,
  decide: (
    row: TrajectoryRow,
  ) => { events: JettyEventInput[]; data: Prisma.TrajectoryUpdateInput } | null,
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<TrajectoryRow[]>`
      SELECT id, status::text AS status, "lastSeq", "heartbeatAt"
      FROM "Trajectory" WHERE id = ${trajectoryId} FOR UPDATE`;
    const row = rows[0];
    if (!row) return false;
    const decision = decide(row);
    if (!decision) return false;

    const at = new Date();
    let seq = row.lastSeq;
    if (decision.events.length > 0) {
      await tx.event.createMany({
        data: eventRows(
          trajectoryId,
          decision.events.map((event) => ({ seq: ++seq, event, at })),
        ),
      });
    }
    await tx.trajectory.update({
      where: { id: trajectoryId },
      data: { ...decision.data, lastSeq: seq },
    });
    await tx.$executeRaw`SELECT pg_notify(${EVENTS_CHANNEL}, ${`${trajectoryId}:${seq}`})`;

    return true;
  });
}
