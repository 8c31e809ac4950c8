import { AppError } from "@/lib/errors";
import { maxRunbookBytes } from "@/lib/runbooks/limits";
import type { ParsedRunbook } from "@/lib/runbooks/parse-runbook";

/** Refuses a runbook text past the size limit (save and run alike). */
export function assertRunbookSize(text: string): void {
  if (Buffer.byteLength(text, "utf8") > maxRunbookBytes) {
    throw new AppError(
      "validation",
      `The runbook is larger than ${maxRunbookBytes / 1024} KB.`,
      [{ message: "The runbook is too large.", path: "text" }],
    );
  }
}

/**
 * Refuses a runbook whose frontmatter has errors, naming the first one and
 * its line; `lead` says what was refused ("The runbook cannot run").
 */
export function assertValidRunbook(
  parsed: ParsedRunbook,
  lead: string,
  fallback: string,
): asserts parsed is Extract<ParsedRunbook, { ok: true }> {
  const errors = parsed.issues.filter((i) => i.severity !== "warning");
  if (parsed.ok && errors.length === 0) return;

  const first = errors[0];
  const where = first?.line ? ` (line ${first.line})` : "";
  throw new AppError(
    "validation",
    `${lead}: ${first?.message ?? fallback}${where}`,
    errors,
  );
}
