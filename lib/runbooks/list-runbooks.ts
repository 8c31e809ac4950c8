import "server-only";

import type { TeamContext } from "@/lib/auth/context";
import { requireId } from "@/lib/auth/require-id";
import { getCollection } from "@/lib/collections/get-collection";
import { prisma } from "@/lib/db";

export interface RunbookSummary {
  id: string;
  title: string;
  slug: string;
  updatedAt: Date;
  /** Number of the latest revision; 0 for a runbook never saved. */
  revisionNumber: number;
}

/** The runbooks of one collection of the context's team, newest first. */
export async function listRunbooks({
  ctx,
  collectionId,
}: {
  ctx: TeamContext;
  collectionId: string;
}): Promise<RunbookSummary[]> {
  const teamId = requireId(ctx.teamId, "team id", "unauthorized");
  const collection = await getCollection({ ctx, collectionId });

  const rows = await prisma.runbook.findMany({
    where: { teamId, collectionId: collection.id },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    select: {
      id: true,
      title: true,
      slug: true,
      updatedAt: true,
      revisions: {
        orderBy: { number: "desc" },
        take: 1,
        select: { number: true },
      },
    },
  });

  return rows.map(({ revisions, ...row }) => ({
    ...row,
    revisionNumber: revisions[0]?.number ?? 0,
  }));
}
