import "server-only";

import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

import { hashPassword } from "./password";
import { signUpSchema, type SignUpInput } from "./schemas";

export interface SignUpResult {
  userId: string;
  teamId: string;
}

/**
 * Creates a user with their own new team, as its owner; the user, team,
 * membership and audit row are written in one transaction.
 */
export async function signUp(input: SignUpInput): Promise<SignUpResult> {
  const { email, password, name } = signUpSchema.parse(input);

  const existing = await prisma.user.findUnique({
    where: { email },
    select: { id: true },
  });
  if (existing) throw emailTaken();

  const passwordHash = await hashPassword(password);

  let result: SignUpResult;
  try {
    result = await prisma.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email, name, passwordHash },
      });
      const team = await tx.team.create({
        data: { name: teamNameFor(name, email) },
      });
      await tx.membership.create({
        data: { teamId: team.id, userId: user.id, role: "owner" },
      });
      await tx.auditLog.create({
        data: {
          teamId: team.id,
          actorId: user.id,
          action: "user.signed_up",
          target: `user:${user.id}`,
          data: { email },
        },
      });

      return { userId: user.id, teamId: team.id };
    });
  } catch (error) {
    // Two sign-ups with one email can both pass the check above.
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }

  logger.info(result, "user.signed_up");

  return result;
}

function teamNameFor(name: string | undefined, email: string): string {
  const owner = name ?? email.split("@")[0];

  return `${owner}'s team`;
}

function emailTaken(): AppError {
  return new AppError("conflict", "An account with this email exists.", [
    { path: "email", message: "This email already has an account." },
  ]);
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002";
}
