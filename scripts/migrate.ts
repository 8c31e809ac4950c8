/**
 * Applies pending migrations to DATABASE_URL: `npm run db:migrate`.
 * `npm run dev` and `npm start` do this themselves before starting.
 */
import { migrateDatabase } from "@/lib/db/migrate";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    "DATABASE_URL is not set. `npm run dev` starts a database and migrates it.",
  );
  process.exit(2);
}

const { applied } = await migrateDatabase(url);
console.log(
  applied.length > 0
    ? `Applied ${applied.length} migration(s): ${applied.join(", ")}`
    : "Database is up to date.",
);
