import "server-only";

import type { TeamContext } from "@/lib/auth/context";
import { prisma } from "@/lib/db";

import { getCollection } from "./get-collection";

export interface CollectionRunbookItem {
  id: string;
  title: string;
  slug: string;
  updatedAt: Date;
  revisionCount: number;
}

/** The runbooks of a collection in the context's team, newest change first. */
export async function listCollectionRunbooks({
  ctx,
  collectionId,
}: {
  ctx: TeamContext;
  collectionId: string;
}): Promise<CollectionRunbookItem[]> {
  const collection = await getCollection({ ctx, collectionId });

  const rows = await prisma.runbook.findMany({
    where: { collectionId: collection.id, teamId: ctx.teamId },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      title: true,
      slug: true,
      updatedAt: true,
      _count: { select: { revisions: true } },
    },
  });

  return rows.map(({ _count, ...row }) => ({
    ...row,
    revisionCount: _count.revisions,
  }));
}
