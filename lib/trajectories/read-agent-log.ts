import "server-only";

import type { TeamContext } from "@/lib/auth/context";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getStorage } from "@/lib/storage/local-storage";

/** The agent log kept for a trajectory (already redacted when stored). */
export async function readAgentLog(input: {
  ctx: TeamContext;
  trajectoryId: string;
}): Promise<{ name: string; text: string }> {
  const trajectory = await prisma.trajectory.findFirst({
    where: { id: input.trajectoryId, teamId: input.ctx.teamId },
    select: { agent: true, agentLogKey: true },
  });
  if (!trajectory?.agentLogKey) {
    throw new AppError("not_found", "No agent log for this trajectory");
  }
  const text = (await getStorage().read(trajectory.agentLogKey)).toString(
    "utf8",
  );

  return { name: `${trajectory.agent}.txt`, text };
}
