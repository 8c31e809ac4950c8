import "server-only";

import { z } from "zod";

import { assertRole, type TeamContext } from "@/lib/auth/context";
import { getCollection } from "@/lib/collections/get-collection";
import { prisma } from "@/lib/db";

import { generateApiToken } from "./token-format";

const nameSchema = z.string().trim().min(1, "Give the token a name.").max(80);

/**
 * Creates an API token that runs in one collection (owners and admins). The
 * token itself is returned once and never stored: only its hash is kept.
 */
export async function createApiToken(input: {
  ctx: TeamContext;
  collectionId: string;
  name: string;
}): Promise<{ id: string; token: string; prefix: string }> {
  const { ctx } = input;
  assertRole(ctx, ["owner", "admin"]);
  const name = nameSchema.parse(input.name);
  const collection = await getCollection({
    ctx,
    collectionId: input.collectionId,
  });
  const { token, prefix, hash } = generateApiToken();

  const created = await prisma.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: {
        teamId: ctx.teamId,
        collectionId: collection.id,
        name,
        prefix,
        hash,
        scopes: ["run", "read"],
        createdById: ctx.userId,
      },
      select: { id: true },
    });
    await tx.auditLog.create({
      data: {
        teamId: ctx.teamId,
        actorId: ctx.userId,
        action: "api_token.create",
        target: `api_token:${row.id}`,
        data: { name, prefix, collectionId: collection.id },
      },
    });

    return row;
  });

  return { id: created.id, token, prefix };
}
