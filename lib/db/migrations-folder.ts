import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

import type {
  MigrationList,
  SchemaContainer,
} from "@prisma/schema-engine-wasm";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/** `prisma/migrations`, the folder `prisma migrate deploy` reads too. */
export const migrationsDir = path.join(repoRoot, "prisma", "migrations");

export const schemaPath = path.join(repoRoot, "prisma", "schema.prisma");

export const migrationLockfileName = "migration_lock.toml";

/** The migrations folder in the shape the schema engine takes. */
export async function readMigrationsFolder(
  dir: string = migrationsDir,
): Promise<MigrationList> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return [];
      throw error;
    },
  );
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const migrationDirectories = await Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name, "migration.sql");
      const content = await readFile(file, "utf8").then(
        (value) => ({ tag: "ok" as const, value }),
        (error: Error) => ({ tag: "error" as const, value: error.message }),
      );

      return { path: name, migrationFile: { path: "migration.sql", content } };
    }),
  );
  const lockfile = await readFile(
    path.join(dir, migrationLockfileName),
    "utf8",
  ).catch(() => null);

  return {
    baseDir: dir,
    lockfile: { path: migrationLockfileName, content: lockfile },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

/** The Prisma schema as the engine's container of files. */
export async function readSchemaFiles(
  file: string = schemaPath,
): Promise<SchemaContainer[]> {
  return [{ path: file, content: await readFile(file, "utf8") }];
}
