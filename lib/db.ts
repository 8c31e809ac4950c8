import "server-only";

import { PrismaPg } from "@prisma/adapter-pg";

import { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * The one Prisma client of a process, kept on globalThis so Next's dev
 * reloads do not open a new pool on every edit. It remembers its URL: test
 * files point DATABASE_URL at a database of their own.
 */
const globalForPrisma = globalThis as unknown as {
  jettyPrisma?: { url: string; client: PrismaClient };
};

export function createPrismaClient(connectionString: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
}

function connectionString(): string {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error("DATABASE_URL is not set (scripts/jetty.ts sets it)");

  return url;
}

function processClient(): PrismaClient {
  const url = connectionString();
  const current = globalForPrisma.jettyPrisma;
  if (current?.url === url) return current.client;

  void current?.client.$disconnect();
  const client = createPrismaClient(url);
  globalForPrisma.jettyPrisma = { url, client };

  return client;
}

/**
 * Created on first use, not at import: `next build` loads every route module
 * to read its config, and there is no DATABASE_URL at build time.
 */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = processClient();
    const value = Reflect.get(client, property, client);

    return typeof value === "function" ? value.bind(client) : value;
  },
});
