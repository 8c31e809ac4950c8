import { randomBytes } from "node:crypto";

import { teamContextForUser, type TeamContext } from "@/lib/auth/context";
import { signUp } from "@/lib/auth/sign-up";
import { createCollection } from "@/lib/collections/create-collection";
import { setEnvVar } from "@/lib/collections/set-env-var";
import { createRunbook } from "@/lib/runbooks/create-runbook";

/** Environment every Jetty process needs, with test-only keys. */
export function setTestAppEnv(dataDir: string): void {
  process.env.JETTY_DATA_DIR = dataDir;
  process.env.JETTY_MASTER_KEY ??= randomBytes(32).toString("base64");
  process.env.NEXTAUTH_SECRET ??= "integration-test-nextauth-secret";
}

/**
 * A signed-up owner with a collection holding `env`, and one runbook —
 * made through Jetty's own use cases, as a person would in the UI.
 */
export async function seedRunbook(options: {
  env: Record<string, string>;
  runbookText: string;
  email?: string;
}): Promise<{ ctx: TeamContext; collectionId: string; runbookId: string }> {
  const email =
    options.email ?? `owner-${randomBytes(4).toString("hex")}@example.test`;
  const { userId } = await signUp({
    email,
    name: "Test Owner",
    password: "correct horse battery staple",
  });
  const ctx = await teamContextForUser(userId);
  const collection = await createCollection({ ctx, name: "Pipeline tests" });
  for (const [name, value] of Object.entries(options.env)) {
    await setEnvVar({ ctx, collectionId: collection.id, name, value });
  }
  const { runbookId } = await createRunbook({
    ctx,
    collectionId: collection.id,
    title: "Report",
    text: options.runbookText,
  });

  return { ctx, collectionId: collection.id, runbookId };
}
