import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import type { TestProject } from "vitest/node";

import { migrateDatabase } from "@/lib/db/migrate";
import {
  dropDatabase,
  ensureDatabase,
  startEmbeddedPostgres,
  type RunningPostgres,
} from "@/lib/dev/embedded-postgres";
import { freePort } from "@/lib/dev/free-port";
import { databaseUrl } from "@/lib/db/database-url";

declare module "vitest" {
  export interface ProvidedContext {
    /** Where test databases are made: see test/support/db.ts. */
    testDatabaseServer: {
      /** A URL on the server with the right to create databases. */
      adminUrl: string;
      /** Database with every migration applied, copied per test file. */
      template: string;
    };
  }
}

/**
 * One PostgreSQL for the whole integration run: an embedded one in a temp
 * folder on a free port, or the server of TEST_DATABASE_URL when set. It
 * holds a template database with all migrations applied.
 */
export default async function setup(project: TestProject) {
  let server: RunningPostgres | undefined;
  let folder: string | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    folder = await mkdtemp(path.join(os.tmpdir(), "jetty-test-pg-"));
    server = await startEmbeddedPostgres({
      dataDir: path.join(folder, "pg"),
      port: await freePort(),
    });
    adminUrl = server.url("postgres");
  }

  const template = `jetty_template_${process.pid}`;
  await dropDatabase(adminUrl, template);
  await ensureDatabase(adminUrl, template);
  await migrateDatabase(databaseUrl(adminUrl, template));
  project.provide("testDatabaseServer", { adminUrl, template });

  return async () => {
    await dropDatabase(adminUrl, template);
    await server?.stop();
    if (folder) await rm(folder, { recursive: true, force: true });
  };
}
