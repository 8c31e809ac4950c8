import "server-only";

import { assertRole, type TeamContext } from "@/lib/auth/context";
import { prisma } from "@/lib/db";
import { appendEventsLocked } from "@/lib/events/append-events";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

/**
 * Asks for a run to stop. A run no worker has taken yet is cancelled at once;
 * a running one is stopped by its worker within a tick (lib/runs/run-trajectory.ts).
 */
export async function cancelRun(input: {
  ctx: TeamContext;
  trajectoryId: string;
}): Promise<void> {
  const { ctx, trajectoryId } = input;
  assertRole(ctx, ["owner", "admin", "editor"]);

  const trajectory = await prisma.trajectory.findFirst({
    where: { id: trajectoryId, teamId: ctx.teamId },
    select: { id: true, status: true },
  });
  if (!trajectory) throw new AppError("not_found", "Trajectory not found");
  if (trajectory.status !== "pending" && trajectory.status !== "running")
    return;

  await prisma.$transaction([
    prisma.trajectory.updateMany({
      where: { id: trajectoryId, cancelRequestedAt: null },
      data: { cancelRequestedAt: new Date() },
    }),
    prisma.auditLog.create({
      data: {
        teamId: ctx.teamId,
        actorId: ctx.userId,
        action: "trajectory.cancel",
        target: trajectoryId,
      },
    }),
  ]);
  await appendEventsLocked(prisma, trajectoryId, (row) =>
    row.status !== "pending"
      ? null
      : {
          events: [
            {
              type: "result",
              payload: {
                success: false,
                kind: "cancelled",
                message: "Stopped by user",
              },
            },
            {
              type: "status",
              payload: { status: "cancelled", detail: "Stopped by user" },
            },
          ],
          data: {
            status: "cancelled",
            failureKind: "cancelled",
            outcome: {
              success: false,
              kind: "cancelled",
              message: "Stopped by user",
            },
            finishedAt: new Date(),
          },
        },
  );
  logger.info(
    { runId: trajectoryId, teamId: ctx.teamId },
    "run.cancel_requested",
  );
}
