import "server-only";

import { assertRole, type TeamContext } from "@/lib/auth/context";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db";
import { AppError, type Issue } from "@/lib/errors";
import { logger } from "@/lib/logger";

import { getCollection } from "./get-collection";
import { envVarNameSchema, envVarValueSchema } from "./schemas";

export interface SetEnvVarResult {
  name: string;
  created: boolean;
}

/**
 * Sets (creates or replaces) a collection's environment variable, encrypted
 * under the master key (owners and admins). The audit row names the
 * variable, never its value.
 */
export async function setEnvVar({
  ctx,
  collectionId,
  name,
  value,
}: {
  ctx: TeamContext;
  collectionId: string;
  name: string;
  value: string;
}): Promise<SetEnvVarResult> {
  assertRole(ctx, ["owner", "admin"]);
  const input = parseInput(name, value);
  const collection = await getCollection({ ctx, collectionId });

  const sealed = encryptSecret(input.value);
  const result = await prisma.$transaction(async (tx) => {
    const existing = await tx.envVar.findUnique({
      where: {
        collectionId_name: { collectionId: collection.id, name: input.name },
      },
      select: { id: true },
    });
    await tx.envVar.upsert({
      where: {
        collectionId_name: { collectionId: collection.id, name: input.name },
      },
      create: {
        collectionId: collection.id,
        name: input.name,
        ciphertext: sealed.ciphertext,
        keyId: sealed.keyId,
        updatedById: ctx.userId,
      },
      update: {
        ciphertext: sealed.ciphertext,
        keyId: sealed.keyId,
        updatedById: ctx.userId,
      },
    });
    await tx.auditLog.create({
      data: {
        teamId: ctx.teamId,
        actorId: ctx.userId,
        action: existing ? "env_var.updated" : "env_var.created",
        target: `collection:${collection.id}`,
        data: { name: input.name },
      },
    });

    return { name: input.name, created: !existing };
  });
  logger.info(
    { teamId: ctx.teamId, collectionId: collection.id, name: result.name },
    "env_var.set",
  );

  return result;
}

function parseInput(name: string, value: string) {
  const issues: Issue[] = [];
  const parsedName = envVarNameSchema.safeParse(name);
  if (!parsedName.success) {
    issues.push({ path: "name", message: parsedName.error.issues[0].message });
  }
  const parsedValue = envVarValueSchema.safeParse(value);
  if (!parsedValue.success) {
    issues.push({
      path: "value",
      message: parsedValue.error.issues[0].message,
    });
  }
  if (!parsedName.success || !parsedValue.success) {
    throw new AppError("validation", "Some fields are not valid.", issues);
  }

  return { name: parsedName.data, value: parsedValue.data };
}
