import pg from "pg";

import { readMigrationsFolder } from "@/lib/db/migrations-folder";
import { withSchemaEngine } from "@/lib/db/schema-engine";

// Not `server-only`: the launcher, the migrate script and the test setup
// run this in plain Node, before any Next server exists.

/**
 * Session advisory lock held while migrating, so racing processes apply
 * each migration once. Distinct from the key Prisma's native engine uses,
 * in case the engine takes its own lock on another connection.
 */
const migrationLockKey = 7_301_964_252_117;

export interface MigrateOptions {
  /** Defaults to the repository's `prisma/migrations`. */
  migrationsDir?: string;
  onLog?: (line: string) => void;
}

export interface MigrateResult {
  /** Names of the migrations this call applied, oldest first. */
  applied: string[];
}

/** Applies pending migrations to the database at `url`; a no-op when none. */
export async function migrateDatabase(
  url: string,
  options: MigrateOptions = {},
): Promise<MigrateResult> {
  const migrationsList = await readMigrationsFolder(options.migrationsDir);
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock($1)", [migrationLockKey]);
    const output = await withSchemaEngine(
      { url, onLog: options.onLog },
      (engine) =>
        engine.applyMigrations({
          migrationsList,
          filters: { externalTables: [], externalEnums: [] },
        }),
    ).catch((error: unknown) => {
      throw new Error(`Applying migrations failed: ${describe(error)}`);
    });

    return { applied: output.appliedMigrationNames };
  } finally {
    // Ending the session releases the lock even if the unlock never ran.
    await lock.end();
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && error !== null && "message" in error) {
    return String(error.message);
  }

  return JSON.stringify(error);
}
