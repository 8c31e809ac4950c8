import { toBedrockInferenceProfile } from "@/lib/providers/model-ids";
import type { ProviderId } from "@/lib/providers/types";
import {
  awsRegion,
  commandEnv,
  homePath,
  isTruthy,
  optionalFlag,
} from "@/lib/runtimes/command-helpers";
import type { RuntimeCommand, RuntimeCommandInput } from "@/lib/runtimes/types";

// hermes-agent's own provider ids (hermes_cli/auth.py registry).
const hermesProvider: Record<ProviderId, string> = {
  anthropic: "anthropic",
  openai: "openai-api",
  google: "gemini",
  bedrock: "bedrock",
  openrouter: "openrouter",
};

/**
 * `hermes chat` in stream-json mode. `--query-file` reads the prompt
 * verbatim, so a body starting with `---` is never taken for an option.
 */
export function buildHermesCommand(input: RuntimeCommandInput): RuntimeCommand {
  const { env, home } = input;
  const own: Record<string, string> = {
    HOME: home,
    HERMES_HOME: homePath(home, ".hermes"),
  };

  let model = input.model;
  let provider = hermesProvider[input.provider];
  if (input.provider === "bedrock") {
    own.AWS_REGION = awsRegion(env);
    model = toBedrockInferenceProfile(model, own.AWS_REGION);
  }
  if (input.provider === "google" && isTruthy(env.GOOGLE_GENAI_USE_VERTEXAI)) {
    provider = "vertex";
  }

  const argv = [
    "hermes",
    // A top-level flag: it goes before the subcommand.
    "--yolo",
    "chat",
    "--query-file",
    input.promptFile,
    "--format",
    "stream-json",
    "-m",
    model,
    "--provider",
    provider,
    ...optionalFlag("--max-turns", input.maxTurns),
  ];

  return { argv, env: commandEnv(env, own), files: [] };
}
