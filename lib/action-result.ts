import { ZodError } from "zod";

import { AppError, type ErrorCode, type Issue } from "@/lib/errors";
import { logger } from "@/lib/logger";

/** What every server action returns: data, or an error the UI can show. */
export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: { code: ErrorCode; message: string; issues: Issue[] };
    };

/** Runs a server action body; expected failures never throw to the client. */
export async function action<T>(
  body: () => Promise<T>,
): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await body() };
  } catch (error) {
    return { ok: false, error: toActionError(error) };
  }
}

function toActionError(error: unknown) {
  if (error instanceof AppError) {
    return { code: error.code, message: error.message, issues: error.issues };
  }
  if (error instanceof ZodError) {
    return {
      code: "validation" as const,
      message: "Some fields are not valid.",
      issues: error.issues.map((i) => ({
        message: i.message,
        path: i.path.join("."),
      })),
    };
  }
  // Next uses thrown values for redirect() and notFound(); let them through.
  if (isNextControlFlow(error)) throw error;
  logger.error({ err: error }, "action.failed");

  return {
    code: "internal" as const,
    message: "Something went wrong on our side.",
    issues: [],
  };
}

function isNextControlFlow(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;

  return typeof digest === "string" && digest.startsWith("NEXT_");
}
