import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

// What a production build is made from; a newer file here means rebuild.
const sources = [
  "app",
  "components",
  "lib",
  "public",
  "proxy.ts",
  "next.config.ts",
  "package-lock.json",
  "postcss.config.mjs",
  "tsconfig.json",
];
const skipped = new Set(["node_modules", "generated", ".next"]);

/**
 * True when `.next` has no build, or any source file changed after it was
 * made — so `npm start` after a pull never serves yesterday's code.
 */
export function buildIsStale(repoRoot: string): boolean {
  const buildId = path.join(repoRoot, ".next/BUILD_ID");
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;

  const newer = (entry: string): boolean => {
    if (!existsSync(entry)) return false;
    const stat = statSync(entry);
    if (!stat.isDirectory()) return stat.mtimeMs > builtAt;

    return readdirSync(entry).some(
      (name) => !skipped.has(name) && newer(path.join(entry, name)),
    );
  };

  return sources.some((source) => newer(path.join(repoRoot, source)));
}
