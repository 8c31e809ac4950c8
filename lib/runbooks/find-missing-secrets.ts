import type { RunbookFrontmatter } from "@/lib/runbooks/frontmatter-schema";

/**
 * The collection variables a runbook's required secrets point at that the
 * collection does not have, in declaration order.
 */
export function findMissingSecrets(
  frontmatter: Pick<RunbookFrontmatter, "secrets">,
  envNames: readonly string[],
): string[] {
  const present = new Set(envNames);
  const missing = Object.values(frontmatter.secrets)
    .filter((secret) => secret.required && !present.has(secret.env))
    .map((secret) => secret.env);

  return [...new Set(missing)];
}
