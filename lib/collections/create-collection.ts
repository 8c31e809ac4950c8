import "server-only";

import { assertRole, type TeamContext } from "@/lib/auth/context";
import { requireId } from "@/lib/auth/require-id";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

import type { CollectionSummary } from "./get-collection";
import { collectionNameSchema } from "./schemas";
import { nextFreeSlug, slugify } from "./slugify";

// A concurrent create can take the slug we picked; pick again this often.
const slugAttempts = 3;

/** Creates a collection in the context's team (editors and up). */
export async function createCollection({
  ctx,
  name,
}: {
  ctx: TeamContext;
  name: string;
}): Promise<CollectionSummary> {
  assertRole(ctx, ["owner", "admin", "editor"]);
  const teamId = requireId(ctx.teamId, "team id", "unauthorized");
  const parsedName = parseName(name);
  const base = slugify(parsedName);

  for (let attempt = 1; attempt <= slugAttempts; attempt++) {
    const slug = await freeSlug(teamId, base);
    try {
      const collection = await prisma.$transaction(async (tx) => {
        const created = await tx.collection.create({
          data: { teamId, name: parsedName, slug },
          select: { id: true, name: true, slug: true, createdAt: true },
        });
        await tx.auditLog.create({
          data: {
            teamId,
            actorId: ctx.userId,
            action: "collection.created",
            target: `collection:${created.id}`,
            data: { name: created.name, slug: created.slug },
          },
        });

        return created;
      });
      logger.info(
        { teamId, collectionId: collection.id },
        "collection.created",
      );

      return collection;
    } catch (error) {
      if (!isUniqueViolation(error) || attempt === slugAttempts) throw error;
    }
  }

  throw new AppError("conflict", "Could not pick a free slug; try again.");
}

function parseName(name: string): string {
  const parsed = collectionNameSchema.safeParse(name);
  if (!parsed.success) {
    throw new AppError("validation", "The name is not valid.", [
      { path: "name", message: parsed.error.issues[0].message },
    ]);
  }

  return parsed.data;
}

async function freeSlug(teamId: string, base: string): Promise<string> {
  const rows = await prisma.collection.findMany({
    where: { teamId, slug: { startsWith: base } },
    select: { slug: true },
  });

  return nextFreeSlug(base, new Set(rows.map((r) => r.slug)));
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002";
}
