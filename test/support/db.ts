import { randomBytes } from "node:crypto";
import { inject } from "vitest";

import { createPrismaClient } from "@/lib/db";
import { dropDatabase, ensureDatabase } from "@/lib/dev/embedded-postgres";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl } from "@/lib/db/database-url";

export interface TestDatabase {
  url: string;
  prisma: PrismaClient;
  drop(): Promise<void>;
}

function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString("hex")}`;
}

/**
 * A fresh database with every migration applied, copied from the run's
 * template. It also points DATABASE_URL at itself (until `drop`), so code
 * that uses the process-wide client from `@/lib/db` lands here too.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { adminUrl, template } = inject("testDatabaseServer");
  const name = uniqueName("jetty_test");
  await ensureDatabase(adminUrl, name, { template });
  const url = databaseUrl(adminUrl, name);
  const prisma = createPrismaClient(url);
  const previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = url;

  return {
    url,
    prisma,
    async drop() {
      await prisma.$disconnect();
      if (process.env.DATABASE_URL === url) {
        if (previousUrl === undefined) delete process.env.DATABASE_URL;
        else process.env.DATABASE_URL = previousUrl;
      }
      await dropDatabase(adminUrl, name);
    },
  };
}

/** A database with no tables at all, for tests of migrations themselves. */
export async function createEmptyDatabase(): Promise<{
  url: string;
  drop(): Promise<void>;
}> {
  const { adminUrl } = inject("testDatabaseServer");
  const name = uniqueName("jetty_empty");
  await ensureDatabase(adminUrl, name);

  return {
    url: databaseUrl(adminUrl, name),
    drop: () => dropDatabase(adminUrl, name),
  };
}
