import "server-only";

import type { TeamContext } from "@/lib/auth/context";
import { requireId } from "@/lib/auth/require-id";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

export interface CollectionSummary {
  id: string;
  name: string;
  slug: string;
  createdAt: Date;
}

/**
 * A collection of the context's team. Another team's collection is
 * `not_found`, exactly like one that does not exist.
 */
export async function getCollection({
  ctx,
  collectionId,
}: {
  ctx: TeamContext;
  collectionId: string;
}): Promise<CollectionSummary> {
  const teamId = requireId(ctx.teamId, "team id", "unauthorized");
  const id = requireId(collectionId, "collection id");

  const collection = await prisma.collection.findFirst({
    where: { id, teamId },
    select: { id: true, name: true, slug: true, createdAt: true },
  });
  if (!collection) throw collectionNotFound();

  return collection;
}

export function collectionNotFound(): AppError {
  return new AppError("not_found", "This collection does not exist.");
}
