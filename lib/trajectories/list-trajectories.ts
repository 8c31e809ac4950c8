import "server-only";

import { z } from "zod";

import type { TeamContext } from "@/lib/auth/context";
import { getCollection } from "@/lib/collections/get-collection";
import { prisma } from "@/lib/db";
import type { TrajectoryStatus } from "@/lib/generated/prisma/enums";

export interface TrajectoryListItem {
  id: string;
  status: TrajectoryStatus;
  agent: string;
  model: string;
  provider: string;
  failureKind: string | null;
  runbook: { id: string; title: string } | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** From start to finish; null until the trajectory has both. */
  durationMs: number | null;
  /** The running or final cost; null when nothing was reported yet. */
  costUsd: number | null;
}

export interface TrajectoryPage {
  items: TrajectoryListItem[];
  /** Pass back as `cursor` for the next (older) page; null on the last. */
  nextCursor: string | null;
}

// Trajectory.usage holds running totals; the list needs only the cost.
const usageCostSchema = z.object({ costUsd: z.number().nullish() }).loose();

const defaultLimit = 50;
const maxLimit = 200;

/** A collection's trajectories in the context's team, newest first. */
export async function listTrajectories({
  ctx,
  collectionId,
  limit = defaultLimit,
  cursor,
}: {
  ctx: TeamContext;
  collectionId: string;
  limit?: number;
  cursor?: string;
}): Promise<TrajectoryPage> {
  const collection = await getCollection({ ctx, collectionId });
  const take = Math.min(Math.max(1, Math.floor(limit)), maxLimit);

  const rows = await prisma.trajectory.findMany({
    where: { teamId: ctx.teamId, collectionId: collection.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    select: {
      id: true,
      status: true,
      agent: true,
      model: true,
      provider: true,
      failureKind: true,
      usage: true,
      createdAt: true,
      startedAt: true,
      finishedAt: true,
      runbook: { select: { id: true, title: true } },
    },
  });
  const page = rows.slice(0, take);

  return {
    items: page.map(({ usage, ...row }) => ({
      ...row,
      durationMs:
        row.startedAt && row.finishedAt
          ? row.finishedAt.getTime() - row.startedAt.getTime()
          : null,
      costUsd: usageCostSchema.safeParse(usage).data?.costUsd ?? null,
    })),
    nextCursor: rows.length > take ? page[page.length - 1].id : null,
  };
}
