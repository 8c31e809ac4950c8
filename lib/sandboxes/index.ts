import path from "node:path";

import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import {
  createLocalSandboxProvider,
  reapLocalSandboxes,
} from "@/lib/sandboxes/local";
import type { SandboxProvider } from "@/lib/sandboxes/types";

let cached: SandboxProvider | undefined;

/**
 * The sandbox provider this deployment uses: `local` (bubblewrap) unless
 * JETTY_SANDBOX or a Daytona key says `daytona`. One per process.
 */
export function getSandboxProvider(): SandboxProvider {
  if (cached) return cached;

  const config = env();
  refuseDaytona(config.sandbox);
  cached = createLocalSandboxProvider({
    rootDir: path.join(config.dataDir, "sandboxes"),
    agentPath: config.JETTY_AGENT_PATH?.split(":").filter(Boolean),
    protectedDirs: [config.dataDir],
  });

  return cached;
}

/**
 * Removes sandboxes (and their processes) that a crashed worker left
 * behind, except the runs `keep` names. Call once at worker start.
 */
export async function reapSandboxes(
  keep: (runId: string) => boolean,
): Promise<void> {
  const config = env();
  refuseDaytona(config.sandbox);

  await reapLocalSandboxes({
    rootDir: path.join(config.dataDir, "sandboxes"),
    keep,
  });
}

function refuseDaytona(sandbox: "local" | "daytona"): void {
  // TODO(sandboxes): the Daytona provider (lib/sandboxes/daytona.ts) is not
  // written yet; fail before any run starts rather than fall back to local.
  if (sandbox === "daytona") {
    throw new AppError("internal", "Daytona sandbox provider is not built yet");
  }
}
