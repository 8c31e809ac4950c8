import type { Issue } from "@/lib/errors";
import { resolveProvider } from "@/lib/providers/resolve-provider";
import type { ParsedRunbook } from "@/lib/runbooks/parse-runbook";

/**
 * The provider refusal a run would get, as an Issue on the frontmatter line
 * it is about (`agent`, `model` or `model_provider`). Without `envNames`,
 * only what the text alone decides is checked (runtime, provider, model).
 */
export function providerIssues(
  parsed: ParsedRunbook,
  envNames?: readonly string[],
): Issue[] {
  if (!parsed.ok) return [];

  const result = resolveProvider({ frontmatter: parsed.frontmatter, envNames });
  if (result.ok) return [];

  const { positions } = parsed;
  const where = positions[result.field] ??
    positions.model ??
    positions.agent ?? { line: parsed.frontmatterLine, column: 1 };

  return [
    {
      message: result.message,
      path: result.field,
      severity: "error",
      line: where.line,
      column: where.column,
    },
  ];
}
