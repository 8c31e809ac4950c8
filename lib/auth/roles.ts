import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";

export type { Role };

/** Every role, most rights first. */
export const roles: readonly Role[] = ["owner", "admin", "editor", "reviewer"];

/** Owners and admins manage a collection's keys and environment variables. */
export function canManageKeys(role: Role): boolean {
  return role === "owner" || role === "admin";
}

/** Owners, admins and editors create and change collections and runbooks. */
export function canEdit(role: Role): boolean {
  return role === "owner" || role === "admin" || role === "editor";
}

/** Owners, admins and editors start runs; reviewers only read. */
export function canRun(role: Role): boolean {
  return canEdit(role);
}

/** Throws `forbidden` unless the context's role is one of `allowed`. */
export function assertRole(
  ctx: { role: Role },
  allowed: readonly Role[],
): void {
  if (!allowed.includes(ctx.role)) {
    throw new AppError(
      "forbidden",
      `This needs one of these roles: ${allowed.join(", ")}.`,
    );
  }
}
