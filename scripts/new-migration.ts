/**
 * Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL that
 * takes a database from the committed migrations to prisma/schema.prisma.
 *
 *   npm run db:new-migration -- add_labels
 *
 * Replaying the migrations needs a scratch ("shadow") database: it is made
 * on the server of DATABASE_URL when set, else on a throwaway embedded
 * PostgreSQL.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { diffMigrations } from "@/lib/db/diff-migrations";
import {
  migrationLockfileName,
  migrationsDir,
  readMigrationsFolder,
  readSchemaFiles,
} from "@/lib/db/migrations-folder";
import { startEmbeddedPostgres } from "@/lib/dev/embedded-postgres";
import { freePort } from "@/lib/dev/free-port";

const lockfileText = `# Written by scripts/new-migration.ts. prisma migrate checks the provider.
provider = "postgresql"
`;

function migrationName(raw: string | undefined): string {
  const name = (raw ?? "")
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!name) {
    console.error("usage: tsx scripts/new-migration.ts NAME");
    process.exit(2);
  }

  return name;
}

function timestamp(now: Date): string {
  return now.toISOString().replace(/\D/g, "").slice(0, 14);
}

async function withServerUrl<T>(fn: (url: string) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) return fn(process.env.DATABASE_URL);

  const dir = await mkdtemp(path.join(os.tmpdir(), "jetty-new-migration-"));
  const server = await startEmbeddedPostgres({
    dataDir: path.join(dir, "pg"),
    port: await freePort(),
  });
  try {
    return await fn(server.url("postgres"));
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const name = migrationName(process.argv[2]);
  const migrations = await readMigrationsFolder();
  const schemaFiles = await readSchemaFiles();

  const script = await withServerUrl((url) =>
    diffMigrations({ url, migrations, schemaFiles }),
  );

  if (!script.trim()) {
    console.log("No schema changes since the last migration; nothing written.");
    return;
  }

  const folder = path.join(migrationsDir, `${timestamp(new Date())}_${name}`);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, "migration.sql"), script);
  if (!existsSync(path.join(migrationsDir, migrationLockfileName))) {
    await writeFile(
      path.join(migrationsDir, migrationLockfileName),
      lockfileText,
    );
  }
  console.log(`Wrote ${path.relative(process.cwd(), folder)}/migration.sql`);
}

await main();
