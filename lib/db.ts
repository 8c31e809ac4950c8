import "server-only";

import { PrismaPg } from "@prisma/adapter-pg";

import { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * The one Prisma client of a process. Kept on globalThis so Next's dev
 * reloads do not open a new pool on every edit.
 */
const globalForPrisma = globalThis as unknown as { jettyPrisma?: PrismaClient };

export function createPrismaClient(connectionString: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
}

function connectionString(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (scripts/jetty.ts sets it)");

  return url;
}

export const prisma: PrismaClient =
  globalForPrisma.jettyPrisma ?? createPrismaClient(connectionString());

if (process.env.NODE_ENV !== "production") globalForPrisma.jettyPrisma = prisma;
