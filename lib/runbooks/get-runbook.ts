import "server-only";

import type { TeamContext } from "@/lib/auth/context";
import { requireId } from "@/lib/auth/require-id";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** One saved, immutable version of a runbook's text. */
export interface RevisionSummary {
  id: string;
  number: number;
  sha256: string;
  createdAt: Date;
}

export interface RunbookDetail {
  id: string;
  title: string;
  slug: string;
  collection: {
    id: string;
    name: string;
    /** Names of its environment variables (never values), for checks. */
    envNames: string[];
  };
  /** The latest revision with its text; null only for a runbook never saved. */
  revision: (RevisionSummary & { text: string }) | null;
  updatedAt: Date;
}

/**
 * A runbook of the context's team with its latest revision. Another team's
 * runbook is `not_found`, exactly like one that does not exist.
 */
export async function getRunbook({
  ctx,
  runbookId,
}: {
  ctx: TeamContext;
  runbookId: string;
}): Promise<RunbookDetail> {
  const teamId = requireId(ctx.teamId, "team id", "unauthorized");
  const id = requireId(runbookId, "runbook id");

  const runbook = await prisma.runbook.findFirst({
    where: { id, teamId },
    select: {
      id: true,
      title: true,
      slug: true,
      updatedAt: true,
      collection: {
        select: {
          id: true,
          name: true,
          envVars: { select: { name: true }, orderBy: { name: "asc" } },
        },
      },
      revisions: {
        orderBy: { number: "desc" },
        take: 1,
        select: {
          id: true,
          number: true,
          sha256: true,
          text: true,
          createdAt: true,
        },
      },
    },
  });
  if (!runbook) throw runbookNotFound();

  const { revisions, collection, ...rest } = runbook;

  return {
    ...rest,
    collection: {
      id: collection.id,
      name: collection.name,
      envNames: collection.envVars.map((v) => v.name),
    },
    revision: revisions[0] ?? null,
  };
}

export function runbookNotFound(): AppError {
  return new AppError("not_found", "This runbook does not exist.");
}
