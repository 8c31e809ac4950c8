import "server-only";

import type { TeamContext } from "@/lib/auth/context";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { hashApiToken } from "./token-format";

export interface ApiPrincipal {
  ctx: TeamContext;
  collectionId: string;
  tokenId: string;
}

/**
 * Resolves a bearer token to the team context it acts in. A revoked token,
 * or one whose creator is gone or no longer in the team, is refused (B28):
 * it never falls back to "no filter".
 */
export async function authenticateApiToken(
  token: string | null,
): Promise<ApiPrincipal> {
  if (!token) throw new AppError("unauthorized", "Missing API token");

  const row = await prisma.apiToken.findUnique({
    where: { hash: hashApiToken(token) },
    select: {
      id: true,
      teamId: true,
      collectionId: true,
      createdById: true,
      revokedAt: true,
    },
  });
  if (!row || row.revokedAt || !row.collectionId || !row.createdById) {
    throw new AppError("unauthorized", "Invalid API token");
  }
  const membership = await prisma.membership.findUnique({
    where: { teamId_userId: { teamId: row.teamId, userId: row.createdById } },
    select: { role: true },
  });
  if (!membership) throw new AppError("unauthorized", "Invalid API token");

  await prisma.apiToken.update({
    where: { id: row.id },
    data: { lastUsedAt: new Date() },
  });

  return {
    ctx: { userId: row.createdById, teamId: row.teamId, role: membership.role },
    collectionId: row.collectionId,
    tokenId: row.id,
  };
}
