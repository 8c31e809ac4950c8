import "server-only";

import type { Readable } from "node:stream";

import type { TeamContext } from "@/lib/auth/context";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getStorage } from "@/lib/storage/local-storage";

/**
 * Opens a results file by the path recorded when it was collected. The
 * lookup is an exact match in the database, so `..`, encoded slashes or
 * absolute paths simply find nothing (B27).
 */
export async function openResultFile(input: {
  ctx: TeamContext;
  trajectoryId: string;
  path: string;
}): Promise<{ path: string; size: number; body: Readable }> {
  const file = await prisma.resultFile.findFirst({
    where: {
      trajectoryId: input.trajectoryId,
      path: input.path,
      trajectory: { teamId: input.ctx.teamId },
    },
    select: { path: true, storageKey: true },
  });
  if (!file) throw new AppError("not_found", "File not found");

  const { body, size } = await getStorage().stream(file.storageKey);

  return { path: file.path, size, body };
}
