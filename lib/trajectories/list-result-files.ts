import "server-only";

import type { TeamContext } from "@/lib/auth/context";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

export interface ResultFileEntry {
  path: string;
  size: number;
  sha256: string;
  url: string;
}

/** A trajectory's kept results files; another team's trajectory is a 404. */
export async function listResultFiles(input: {
  ctx: TeamContext;
  trajectoryId: string;
}): Promise<ResultFileEntry[]> {
  const trajectory = await prisma.trajectory.findFirst({
    where: { id: input.trajectoryId, teamId: input.ctx.teamId },
    select: {
      id: true,
      resultFiles: {
        orderBy: { path: "asc" },
        select: { path: true, size: true, sha256: true },
      },
    },
  });
  if (!trajectory) throw new AppError("not_found", "Trajectory not found");

  return trajectory.resultFiles.map((file) => ({
    ...file,
    url: resultFileUrl(trajectory.id, file.path),
  }));
}

/** The download URL of a results file, each path segment encoded. */
export function resultFileUrl(trajectoryId: string, path: string): string {
  const encoded = path.split("/").map(encodeURIComponent).join("/");

  return `/api/trajectories/${encodeURIComponent(trajectoryId)}/files/${encoded}`;
}
