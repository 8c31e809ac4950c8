import "server-only";

import { getServerSession, type Session } from "next-auth";
import { cache } from "react";

import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { authOptions } from "./options";
import type { Role } from "./roles";

export { assertRole, canEdit, canManageKeys, canRun, type Role } from "./roles";

/** Who is acting and in which team; every use case takes one. */
export interface TeamContext {
  userId: string;
  teamId: string;
  role: Role;
}

/**
 * The signed-in user's team context; throws `unauthorized` without a session
 * or a user id in it. Read once per request: use cases take the context and
 * never read the session themselves.
 */
export const requireTeamContext = cache(async (): Promise<TeamContext> =>
  teamContextFromSession(await getServerSession(authOptions)),
);

/** The team context of a session; refuses one without a user id (B28). */
export async function teamContextFromSession(
  session: Session | null,
): Promise<TeamContext> {
  const userId = session?.user?.id;
  if (typeof userId !== "string" || userId === "") {
    throw new AppError("unauthorized", "Sign in to continue.");
  }

  return teamContextForUser(userId);
}

/**
 * The team context of a user: their team, or the first one they joined.
 * A user without a membership (deleted, removed) is unauthorized.
 */
export async function teamContextForUser(userId: string): Promise<TeamContext> {
  if (typeof userId !== "string" || userId === "") {
    throw new AppError("unauthorized", "Sign in to continue.");
  }

  // TODO(teams): a user in several teams always acts in the oldest one until
  // there is a team switcher to pick another.
  const membership = await prisma.membership.findFirst({
    where: { userId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { teamId: true, role: true },
  });
  if (!membership) {
    throw new AppError("unauthorized", "Your account has no team.");
  }

  return { userId, teamId: membership.teamId, role: membership.role };
}
