import "server-only";

import type { TeamContext } from "@/lib/auth/context";
import { requireId } from "@/lib/auth/require-id";
import { prisma } from "@/lib/db";

export interface CollectionListItem {
  id: string;
  name: string;
  slug: string;
  createdAt: Date;
  runbookCount: number;
  trajectoryCount: number;
}

/** The collections of the context's team, newest first. */
export async function listCollections({
  ctx,
}: {
  ctx: TeamContext;
}): Promise<CollectionListItem[]> {
  const teamId = requireId(ctx.teamId, "team id", "unauthorized");

  const rows = await prisma.collection.findMany({
    where: { teamId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      name: true,
      slug: true,
      createdAt: true,
      _count: { select: { runbooks: true, trajectories: true } },
    },
  });

  return rows.map(({ _count, ...row }) => ({
    ...row,
    runbookCount: _count.runbooks,
    trajectoryCount: _count.trajectories,
  }));
}
