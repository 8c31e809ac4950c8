import "server-only";

import type { TeamContext } from "@/lib/auth/context";
import { prisma } from "@/lib/db";

import { getCollection } from "./get-collection";

/** What anyone in the team may see of a variable: never its value. */
export interface EnvVarListItem {
  name: string;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: { id: string; email: string } | null;
}

/** A collection's environment variable names, who set them and when. */
export async function listEnvVars({
  ctx,
  collectionId,
}: {
  ctx: TeamContext;
  collectionId: string;
}): Promise<EnvVarListItem[]> {
  const collection = await getCollection({ ctx, collectionId });

  // Select names and dates only: the ciphertext never leaves this query.
  const rows = await prisma.envVar.findMany({
    where: { collectionId: collection.id },
    orderBy: { name: "asc" },
    select: { name: true, createdAt: true, updatedAt: true, updatedById: true },
  });
  const userIds = [
    ...new Set(rows.flatMap((r) => (r.updatedById ? [r.updatedById] : []))),
  ];
  const users =
    userIds.length === 0
      ? []
      : await prisma.user.findMany({
          where: { id: { in: userIds } },
          select: { id: true, email: true },
        });
  const byId = new Map(users.map((u) => [u.id, u]));

  return rows.map((row) => ({
    name: row.name,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedById ? (byId.get(row.updatedById) ?? null) : null,
  }));
}
