import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import pg from "pg";
import { afterEach, describe, expect, inject, it } from "vitest";

import { diffMigrations } from "@/lib/db/diff-migrations";
import { migrateDatabase } from "@/lib/db/migrate";
import {
  migrationsDir,
  readMigrationsFolder,
  readSchemaFiles,
} from "@/lib/db/migrations-folder";
import { $Enums, Prisma } from "@/lib/generated/prisma/client";
import { createEmptyDatabase, createTestDatabase } from "@/test/support/db";

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function emptyDatabase(): Promise<string> {
  const database = await createEmptyDatabase();
  cleanups.push(database.drop);

  return database.url;
}

async function query<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function committedMigrationNames(): Promise<string[]> {
  const { migrationDirectories } = await readMigrationsFolder();

  return migrationDirectories.map((directory) => directory.path);
}

async function tempMigrations(
  migrations: Record<string, string>,
): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "jetty-migrations-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  for (const [name, sql] of Object.entries(migrations)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, "migration.sql"), sql);
  }

  return dir;
}

describe("migrateDatabase", () => {
  it("creates every table and enum of the schema in an empty database", async () => {
    const url = await emptyDatabase();

    const { applied } = await migrateDatabase(url);

    expect(applied).toEqual(await committedMigrationNames());
    const tables = await query<{ tablename: string }>(
      url,
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
    );
    expect(tables.map((t) => t.tablename).sort()).toEqual(
      [...Object.values(Prisma.ModelName), "_prisma_migrations"].sort(),
    );
    const enums = await query<{ typname: string }>(
      url,
      "SELECT typname FROM pg_type WHERE typtype = 'e'",
    );
    expect(enums.map((e) => e.typname).sort()).toEqual(
      Object.keys($Enums).sort(),
    );
  });

  it("records each migration in _prisma_migrations the way Prisma does", async () => {
    const url = await emptyDatabase();

    await migrateDatabase(url);

    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
      applied_steps_count: number;
    }>(url, "SELECT * FROM _prisma_migrations ORDER BY migration_name");
    const names = await committedMigrationNames();
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      const sql = await readFile(
        path.join(migrationsDir, row.migration_name, "migration.sql"),
      );
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("is a no-op the second time", async () => {
    const url = await emptyDatabase();
    await migrateDatabase(url);

    const second = await migrateDatabase(url);

    expect(second.applied).toEqual([]);
    const [{ count }] = await query<{ count: string }>(
      url,
      "SELECT count(*) FROM _prisma_migrations",
    );
    expect(Number(count)).toBe((await committedMigrationNames()).length);
  });

  it("applies each migration once when two processes race", async () => {
    const url = await emptyDatabase();

    const results = await Promise.all([
      migrateDatabase(url),
      migrateDatabase(url),
    ]);

    const applied = results.flatMap((result) => result.applied).sort();
    expect(applied).toEqual(await committedMigrationNames());
    const rows = await query<{ migration_name: string }>(
      url,
      "SELECT migration_name FROM _prisma_migrations",
    );
    expect(rows).toHaveLength(applied.length);
  });

  it("sends each script whole, so a ';' inside a string or a body survives", async () => {
    const url = await emptyDatabase();
    const migrationsDir = await tempMigrations({
      "20000101000000_semicolons": `CREATE TABLE "Note" ("text" TEXT NOT NULL DEFAULT 'a; b');
DO $$ BEGIN INSERT INTO "Note" DEFAULT VALUES; INSERT INTO "Note" VALUES ('c;'); END $$;
`,
    });

    const { applied } = await migrateDatabase(url, { migrationsDir });

    expect(applied).toEqual(["20000101000000_semicolons"]);
    const rows = await query<{ text: string }>(
      url,
      `SELECT "text" FROM "Note" ORDER BY "text"`,
    );
    expect(rows.map((r) => r.text)).toEqual(["a; b", "c;"]);
  });

  it("rolls back a failing migration as a whole and says why", async () => {
    const url = await emptyDatabase();
    const migrationsDir = await tempMigrations({
      "20000101000000_broken": `CREATE TABLE "Half" ("id" TEXT);
CREATE TABLE "Half" ("id" TEXT);
`,
    });

    await expect(migrateDatabase(url, { migrationsDir })).rejects.toThrow(
      /Half.*already exists/,
    );

    const tables = await query<{ tablename: string }>(
      url,
      "SELECT tablename FROM pg_tables WHERE tablename = 'Half'",
    );
    expect(tables).toEqual([]);
  });
});

describe("diffMigrations", () => {
  const adminUrl = () => inject("testDatabaseServer").adminUrl;

  it("finds nothing to add: the committed migrations match the schema", async () => {
    const script = await diffMigrations({
      url: adminUrl(),
      migrations: await readMigrationsFolder(),
      schemaFiles: await readSchemaFiles(),
    });

    expect(script).toBe("");
  });

  it("writes the SQL for a model the migrations do not have yet", async () => {
    const [schema] = await readSchemaFiles();
    const changed = {
      path: schema.path,
      content: `${schema.content}\nmodel Widget {\n  id String @id\n}\n`,
    };

    const script = await diffMigrations({
      url: adminUrl(),
      migrations: await readMigrationsFolder(),
      schemaFiles: [changed],
    });

    expect(script).toContain(`CREATE TABLE "Widget"`);
    expect(script).not.toContain(`CREATE TABLE "Team"`);
  });

  it("leaves no scratch databases behind", async () => {
    await diffMigrations({
      url: adminUrl(),
      migrations: await readMigrationsFolder(),
      schemaFiles: await readSchemaFiles(),
    });

    const shadows = await query<{ datname: string }>(
      adminUrl(),
      "SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'",
    );
    expect(shadows).toEqual([]);
  });
});

describe("createTestDatabase", () => {
  it("gives each caller its own migrated database and drops it", async () => {
    const first = await createTestDatabase();
    const second = await createTestDatabase();
    cleanups.push(first.drop, second.drop);

    await first.prisma.team.create({ data: { name: "Only in first" } });

    expect(await first.prisma.team.count()).toBe(1);
    expect(await second.prisma.team.count()).toBe(0);
    expect(first.url).not.toBe(second.url);

    await cleanups.pop()?.();
    const left = await query<{ datname: string }>(
      inject("testDatabaseServer").adminUrl,
      `SELECT datname FROM pg_database WHERE datname = '${new URL(second.url).pathname.slice(1)}'`,
    );
    expect(left).toEqual([]);
  });
});
