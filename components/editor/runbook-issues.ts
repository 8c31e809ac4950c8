import type { Issue } from "@/lib/errors";
import { providerIssues } from "@/lib/providers/provider-issues";
import { parseRunbook } from "@/lib/runbooks/parse-runbook";

/**
 * Every problem the editor shows for a runbook text: the frontmatter issues
 * a save would refuse, and the provider problem a run would be refused
 * with, given the collection's variable names. Pure, so the browser, the
 * server render and the tests agree.
 */
export function runbookIssues(
  text: string,
  options: { envNames?: readonly string[] } = {},
): Issue[] {
  const parsed = parseRunbook(text);

  return [...parsed.issues, ...providerIssues(parsed, options.envNames)].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0),
  );
}
