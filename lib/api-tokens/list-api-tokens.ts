import "server-only";

import type { TeamContext } from "@/lib/auth/context";
import { getCollection } from "@/lib/collections/get-collection";
import { prisma } from "@/lib/db";

export interface ApiTokenSummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** A collection's live API tokens: names and prefixes, never a token. */
export async function listApiTokens(input: {
  ctx: TeamContext;
  collectionId: string;
}): Promise<ApiTokenSummary[]> {
  const collection = await getCollection(input);

  return prisma.apiToken.findMany({
    where: {
      teamId: input.ctx.teamId,
      collectionId: collection.id,
      revokedAt: null,
    },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      prefix: true,
      createdAt: true,
      lastUsedAt: true,
    },
  });
}
