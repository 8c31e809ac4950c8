import { defineConfig } from "prisma/config";

// The Prisma CLI reads this; Jetty's own code does not. Offline, use
// `npm run db:generate` and `npm run db:migrate` (see scripts/prisma.ts and
// scripts/migrate.ts) rather than the CLI's migrate commands, which need a
// native schema engine download.
const url = process.env.DATABASE_URL;

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  ...(url ? { datasource: { url } } : {}),
});
