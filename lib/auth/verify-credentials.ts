import "server-only";

import { randomUUID } from "node:crypto";

import { prisma } from "@/lib/db";

import { hashPassword, verifyPassword } from "./password";
import { signInSchema } from "./schemas";

export interface VerifiedUser {
  id: string;
  email: string;
  name: string | null;
}

// Compared against when the email is unknown, so that case costs the same
// time as a wrong password and does not reveal which emails exist.
let timingHash: Promise<string> | undefined;

function unknownUserHash(): Promise<string> {
  timingHash ??= hashPassword(randomUUID());

  return timingHash;
}

/** The user whose email and password these are, or null. */
export async function verifyCredentials(
  credentials: unknown,
): Promise<VerifiedUser | null> {
  const parsed = signInSchema.safeParse(credentials);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;

  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true },
  });
  const matches = await verifyPassword(
    password,
    user?.passwordHash ?? (await unknownUserHash()),
  );
  if (!user || !matches) return null;

  return { id: user.id, email: user.email, name: user.name };
}
