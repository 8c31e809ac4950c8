import type { TeamContext } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** The AppError a use case rejected with; fails the test on anything else. */
export async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) {
    throw new Error(`expected an AppError, got ${String(error)}`);
  }

  return error;
}

/** A user with `role` in a team, as the context use cases take. */
export async function addMember(
  prisma: PrismaClient,
  teamId: string,
  role: TeamContext["role"],
): Promise<TeamContext> {
  const user = await prisma.user.create({
    data: { email: `${role}-${teamId}@example.test`, passwordHash: "x" },
  });
  await prisma.membership.create({ data: { teamId, userId: user.id, role } });

  return { userId: user.id, teamId, role };
}
