import path from "node:path";
import { z } from "zod";

/**
 * Jetty's configuration, parsed once from process.env. `scripts/jetty.ts`
 * fills in development defaults (embedded Postgres URL, generated keys)
 * before the web server and the worker start.
 */
const envSchema = z.object({
  NODE_ENV: z
    .enum(["development", "production", "test"])
    .default("development"),
  DATABASE_URL: z.string().url(),
  JETTY_DATA_DIR: z.string().default(".jetty"),
  /** 32 bytes, base64: the key env values are encrypted under. */
  JETTY_MASTER_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, {
      message: "must be 32 bytes encoded as base64",
    }),
  JETTY_MASTER_KEY_ID: z.string().default("k1"),
  NEXTAUTH_SECRET: z.string().min(16),
  JETTY_SANDBOX: z.enum(["local", "daytona"]).optional(),
  DAYTONA_API_KEY: z.string().optional(),
  DAYTONA_API_URL: z.string().url().optional(),
  /** Extra directories put first on the local sandbox's PATH (stand-ins). */
  JETTY_AGENT_PATH: z.string().optional(),
  /** Seconds without agent output before a "stalled" warning. */
  JETTY_STALL_WARNING_SEC: z.coerce.number().int().positive().default(300),
});

export type Env = z.infer<typeof envSchema> & {
  dataDir: string;
  sandbox: "local" | "daytona";
};

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;

  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `${i.path.join(".")}: ${i.message}`)
      .join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  const value = parsed.data;
  cached = {
    ...value,
    dataDir: path.resolve(value.JETTY_DATA_DIR),
    sandbox:
      value.JETTY_SANDBOX ?? (value.DAYTONA_API_KEY ? "daytona" : "local"),
  };

  return cached;
}
