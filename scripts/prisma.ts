/**
 * Runs the Prisma CLI offline: `tsx scripts/prisma.ts generate`.
 *
 * Prisma 7's CLI downloads a native schema engine before every command and
 * fails without internet, though `generate` never runs it; pointing
 * PRISMA_SCHEMA_ENGINE_BINARY at any existing file skips the download.
 * Migrations go through scripts/migrate.ts (the WebAssembly engine).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

const placeholderEngine = ["/bin/true", "/usr/bin/true"].find((file) =>
  existsSync(file),
);
let cli: string;
try {
  cli = createRequire(import.meta.url).resolve("prisma/build/index.js");
} catch {
  // `npm ci --omit=dev` has no CLI; such an install must ship a generated
  // client, and failing its postinstall would help no one.
  console.warn("prisma CLI not installed (devDependency): nothing to run");
  process.exit(0);
}

const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], {
  stdio: "inherit",
  env: {
    ...process.env,
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    ...(placeholderEngine && !process.env.PRISMA_SCHEMA_ENGINE_BINARY
      ? { PRISMA_SCHEMA_ENGINE_BINARY: placeholderEngine }
      : {}),
  },
});

process.exit(result.status ?? 1);
