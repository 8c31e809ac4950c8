import "server-only";

import { assertRole, type TeamContext } from "@/lib/auth/context";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

import { getCollection } from "./get-collection";
import { envVarNameSchema } from "./schemas";

/** Removes a collection's environment variable (owners and admins). */
export async function deleteEnvVar({
  ctx,
  collectionId,
  name,
}: {
  ctx: TeamContext;
  collectionId: string;
  name: string;
}): Promise<{ name: string }> {
  assertRole(ctx, ["owner", "admin"]);
  const parsed = envVarNameSchema.safeParse(name);
  if (!parsed.success) throw envVarNotFound();
  const collection = await getCollection({ ctx, collectionId });

  await prisma.$transaction(async (tx) => {
    const { count } = await tx.envVar.deleteMany({
      where: { collectionId: collection.id, name: parsed.data },
    });
    if (count === 0) throw envVarNotFound();
    await tx.auditLog.create({
      data: {
        teamId: ctx.teamId,
        actorId: ctx.userId,
        action: "env_var.deleted",
        target: `collection:${collection.id}`,
        data: { name: parsed.data },
      },
    });
  });
  logger.info(
    { teamId: ctx.teamId, collectionId: collection.id, name: parsed.data },
    "env_var.deleted",
  );

  return { name: parsed.data };
}

function envVarNotFound(): AppError {
  return new AppError("not_found", "This variable is not set.");
}
