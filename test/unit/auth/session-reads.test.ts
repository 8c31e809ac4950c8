import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

// B28: a lost session id that reaches a Prisma `where` reads as "no filter".
// Only lib/auth may read the session; everything else takes a TeamContext.
const root = path.resolve(__dirname, "../../..");
const scanned = ["app", "components", "lib", "proxy.ts"];
const allowed = new Set(["lib/auth/context.ts", "lib/auth/options.ts"]);

function sourceFiles(entry: string): string[] {
  const full = path.join(root, entry);
  if (statSync(full).isFile()) return [entry];

  return readdirSync(full).flatMap((name) => {
    if (name === "generated" || name === "node_modules") return [];
    const child = path.join(entry, name);
    if (statSync(path.join(root, child)).isDirectory()) {
      return sourceFiles(child);
    }

    return /\.(ts|tsx)$/.test(name) && !name.endsWith(".d.ts") ? [child] : [];
  });
}

const sessionReads = [
  /getServerSession\s*\(/,
  /\bsession\??\.user\??\.id\b/,
  /\buseSession\s*\(/,
];

describe("session reads", () => {
  it("happen only in lib/auth", () => {
    const offenders = scanned
      .flatMap(sourceFiles)
      .filter((file) => !allowed.has(file.split(path.sep).join("/")))
      .filter((file) => {
        const text = readFileSync(path.join(root, file), "utf8");

        return sessionReads.some((pattern) => pattern.test(text));
      });

    expect(offenders).toEqual([]);
  });

  it("would notice one", () => {
    const sample =
      "prisma.collection.findMany({ where: { ownerId: session.user.id } })";

    expect(sessionReads.some((pattern) => pattern.test(sample))).toBe(true);
  });
});
