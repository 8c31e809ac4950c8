import { ZodError } from "zod";

import { AppError, isAppError, isInvalidTextError } from "@/lib/errors";
import { logger } from "@/lib/logger";

/** Turns a thrown error into the JSON error body every route returns. */
export function errorResponse(error: unknown): Response {
  if (isAppError(error)) {
    return jsonError(error.status, error.code, error.message, error.issues);
  }
  if (error instanceof ZodError) {
    const issues = error.issues.map((i) => ({
      message: i.message,
      path: i.path.join("."),
    }));

    return jsonError(422, "validation", "The request is not valid", issues);
  }
  if (isInvalidTextError(error)) {
    return jsonError(404, "not_found", "Not found");
  }
  logger.error({ err: error }, "route.failed");

  return jsonError(500, "internal", "Something went wrong on our side");
}

export function jsonError(
  status: number,
  code: string,
  message: string,
  issues: AppError["issues"] = [],
): Response {
  return Response.json({ error: { code, message, issues } }, { status });
}
