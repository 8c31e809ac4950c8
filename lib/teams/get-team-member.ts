import "server-only";

import type { TeamContext } from "@/lib/auth/context";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

export interface TeamMember {
  email: string;
  name: string | null;
  teamName: string;
}

/** The acting user's email and team name, for the app's top bar. */
export async function getTeamMember({
  ctx,
}: {
  ctx: TeamContext;
}): Promise<TeamMember> {
  const membership = await prisma.membership.findUnique({
    where: { teamId_userId: { teamId: ctx.teamId, userId: ctx.userId } },
    select: {
      user: { select: { email: true, name: true } },
      team: { select: { name: true } },
    },
  });
  if (!membership) throw new AppError("unauthorized", "Sign in to continue.");

  return {
    email: membership.user.email,
    name: membership.user.name,
    teamName: membership.team.name,
  };
}
