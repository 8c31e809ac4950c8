import type { Issue } from "@/lib/errors";
import { parseRunbook } from "@/lib/runbooks/parse-runbook";

/**
 * Every problem the editor shows for a runbook text: the frontmatter issues
 * the server will also find on save. Pure, so the browser and tests agree.
 */
export function runbookIssues(
  text: string,
  _options: { envNames?: readonly string[] } = {},
): Issue[] {
  return parseRunbook(text).issues;
}
