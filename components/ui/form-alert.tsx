import type { ActionResult } from "@/lib/action-result";

import { formError } from "./action-feedback";
import { cn } from "./cn";

interface FormAlertProps {
  result: ActionResult<unknown> | null | undefined;
  /** Shown after a successful action; nothing is shown when absent. */
  success?: string;
  className?: string;
}

/** The outcome of a form's last action, inline above or below the form. */
export function FormAlert({ result, success, className }: FormAlertProps) {
  const error = formError(result);
  if (error) {
    return (
      <p
        role="alert"
        className={cn(
          "rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700",
          className,
        )}
      >
        {error}
      </p>
    );
  }
  if (result?.ok && success) {
    return (
      <p
        role="status"
        className={cn(
          "rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-700",
          className,
        )}
      >
        {success}
      </p>
    );
  }

  return null;
}
