import type { ActionResult } from "@/lib/action-result";

/** A field's first error message, keyed by its path (`name`, `env.value`). */
export type FieldErrors = Record<string, string>;

/**
 * The per-field messages of a failed action. Issues without a path are left
 * to `formError`, so one message never shows twice.
 */
export function fieldErrors(
  result: ActionResult<unknown> | null | undefined,
): FieldErrors {
  if (!result || result.ok) return {};

  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    if (issue.path && !(issue.path in errors)) {
      errors[issue.path] = issue.message;
    }
  }

  return errors;
}

/** The message for the form as a whole, or undefined when all went well. */
export function formError(
  result: ActionResult<unknown> | null | undefined,
): string | undefined {
  if (!result || result.ok) return undefined;

  return result.error.message;
}
