import "server-only";

import { assertRole, type TeamContext } from "@/lib/auth/context";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** Revokes an API token of the team (owners and admins); idempotent. */
export async function revokeApiToken(input: {
  ctx: TeamContext;
  tokenId: string;
}): Promise<void> {
  const { ctx } = input;
  assertRole(ctx, ["owner", "admin"]);

  await prisma.$transaction(async (tx) => {
    const revoked = await tx.apiToken.updateMany({
      where: { id: input.tokenId, teamId: ctx.teamId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (revoked.count === 0) {
      const exists = await tx.apiToken.count({
        where: { id: input.tokenId, teamId: ctx.teamId },
      });
      if (exists === 0) throw new AppError("not_found", "API token not found");
      return;
    }
    await tx.auditLog.create({
      data: {
        teamId: ctx.teamId,
        actorId: ctx.userId,
        action: "api_token.revoke",
        target: `api_token:${input.tokenId}`,
      },
    });
  });
}
