import { AppError, type ErrorCode } from "@/lib/errors";

/**
 * Returns `value` when it is a non-empty string and throws otherwise.
 *
 * Prisma reads `where: { id: undefined }` as "no filter", so an id that went
 * missing upstream would match every row (B28). Guard any id that crosses a
 * trust boundary with this before it reaches a `where`.
 */
export function requireId(
  value: string | null | undefined,
  what: string,
  code: ErrorCode = "bad_request",
): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new AppError(code, `Missing ${what}.`);
  }

  return value;
}
