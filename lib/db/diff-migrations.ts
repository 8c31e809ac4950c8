import type {
  MigrationList,
  SchemaContainer,
} from "@prisma/schema-engine-wasm";

import { withSchemaEngine } from "@/lib/db/schema-engine";

export interface DiffMigrationsOptions {
  /**
   * A server to make the scratch ("shadow") database on, where the
   * committed migrations are replayed. The database itself is not changed.
   */
  url: string;
  migrations: MigrationList;
  schemaFiles: SchemaContainer[];
}

/**
 * The SQL that takes a database from the committed migrations to the
 * schema; an empty string when they already match.
 */
export async function diffMigrations(
  options: DiffMigrationsOptions,
): Promise<string> {
  return withSchemaEngine({ url: options.url }, async (engine) => {
    const result = await engine.diff({
      from:
        options.migrations.migrationDirectories.length > 0
          ? { tag: "migrations", ...options.migrations }
          : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: options.schemaFiles },
      script: true,
      exitCode: true,
      filters: { externalTables: [], externalEnums: [] },
    });

    // With `exitCode`, 2 means "the schemas differ"; 0 comes with a
    // placeholder comment instead of SQL.
    return result.exitCode === 2 ? (result.stdout ?? "") : "";
  });
}
