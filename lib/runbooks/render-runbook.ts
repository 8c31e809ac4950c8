import type { Issue } from "@/lib/errors";
import type { RunbookSecret } from "@/lib/runbooks/frontmatter-schema";
import { sandboxPaths } from "@/lib/sandboxes/types";

export type TemplateValue = string | number | boolean;

export interface RenderOptions {
  /** Template variables of the run; `results_dir` may be overridden here. */
  variables?: Readonly<Record<string, TemplateValue>>;
  /** Secret values by name (a collection's env works: names are env names). */
  secrets?: Readonly<Record<string, string>>;
  /**
   * The runbook's declared secrets: `{{secrets.NAME}}` then also finds a
   * value under the variable NAME points at (`env:`).
   */
  declaredSecrets?: Readonly<Record<string, RunbookSecret>>;
  /** File line of the body's first line, so issues point into the file. */
  bodyStartLine?: number;
}

export interface RenderedRunbook {
  text: string;
  /** Variables with no value, left in the text as written. */
  unresolved: string[];
  issues: Issue[];
}

// Only `{{ name }}` and `{{ secrets.NAME }}` are placeholders. Real runbooks
// also contain `{{ echo …; exit 1; }}` (shell), `{{len(matches)}}` and
// `{{...}}` (examples of other template languages): those are text.
const placeholder =
  /\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*\}\}/g;

/**
 * Fills a runbook body's placeholders: `{{results_dir}}` (/app/results),
 * `{{var}}` from template variables and `{{secrets.NAME}}`. A variable with
 * no value stays as written, with a warning: catalogue runbooks test for the
 * raw `{{name}}` to apply their own defaults. A secret with no value is an
 * error, since the agent would otherwise run without it.
 */
export function renderRunbookBody(
  body: string,
  options: RenderOptions = {},
): RenderedRunbook {
  const variables: Record<string, TemplateValue> = {
    results_dir: sandboxPaths.results,
    ...options.variables,
  };
  const firstLine = options.bodyStartLine ?? 1;
  const lineStarts = lineStartOffsets(body);
  const where = (offset: number) => {
    const index = lastIndexAtOrBefore(lineStarts, offset);
    return { line: firstLine + index, column: offset - lineStarts[index] + 1 };
  };

  const unresolved = new Map<string, number>();
  const missingSecrets = new Map<string, number>();
  const text = body.replace(placeholder, (match, name: string, offset) => {
    if (name.startsWith("secrets.")) {
      const secretName = name.slice("secrets.".length);
      const value = secretValue(secretName, options);
      if (value !== undefined) return value;
      if (!missingSecrets.has(secretName))
        missingSecrets.set(secretName, offset);
      return match;
    }
    if (Object.hasOwn(variables, name)) return String(variables[name]);
    if (!unresolved.has(name)) unresolved.set(name, offset);

    return match;
  });

  const issues: Issue[] = [];
  for (const [name, offset] of missingSecrets) {
    issues.push({
      message: `{{secrets.${name}}} has no value: declare ${name} under secrets and set it in the collection's environment.`,
      path: `secrets.${name}`,
      severity: "error",
      ...where(offset),
    });
  }
  for (const [name, offset] of unresolved) {
    issues.push({
      message: `{{${name}}} has no value: it reaches the agent as written unless the run passes the template variable ${name}.`,
      path: name,
      severity: "warning",
      ...where(offset),
    });
  }
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));

  return { text, unresolved: [...unresolved.keys()], issues };
}

function secretValue(name: string, options: RenderOptions): string | undefined {
  const secrets = options.secrets ?? {};
  if (Object.hasOwn(secrets, name)) return secrets[name];

  const env = options.declaredSecrets?.[name]?.env;
  return env && Object.hasOwn(secrets, env) ? secrets[env] : undefined;
}

function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\n") starts.push(i + 1);
  }

  return starts;
}

function lastIndexAtOrBefore(sorted: number[], value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (sorted[mid] <= value) low = mid;
    else high = mid - 1;
  }

  return low;
}
