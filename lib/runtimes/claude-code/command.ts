import { toBedrockInferenceProfile } from "@/lib/providers/model-ids";
import {
  awsRegion,
  commandEnv,
  homePath,
  optionalFlag,
  withoutV1,
} from "@/lib/runtimes/command-helpers";
import type { RuntimeCommand, RuntimeCommandInput } from "@/lib/runtimes/types";

// OpenRouter's Anthropic-compatible API; Claude Code appends /v1/messages.
const openRouterAnthropicUrl = "https://openrouter.ai/api";

/**
 * `claude -p` in stream-json mode. The prompt arrives on stdin: as an
 * argument, a body starting with `---` is read as an unknown option.
 */
export function buildClaudeCodeCommand(
  input: RuntimeCommandInput,
): RuntimeCommand {
  const { env, home } = input;
  const provider = providerSettings(input);

  const argv = [
    "claude",
    "-p",
    "--output-format",
    "stream-json",
    // stream-json with -p refuses to start without --verbose.
    "--verbose",
    "--dangerously-skip-permissions",
    "--model",
    provider.model,
    ...optionalFlag("--max-turns", input.maxTurns),
  ];
  const own = {
    HOME: home,
    // Without it, running as root rejects --dangerously-skip-permissions.
    IS_SANDBOX: "1",
    CLAUDE_CONFIG_DIR: homePath(home, ".claude"),
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
    DISABLE_AUTOUPDATER: "1",
    DISABLE_TELEMETRY: "1",
    DISABLE_ERROR_REPORTING: "1",
    // The default (10, with backoff) keeps a bad key retrying for minutes.
    CLAUDE_CODE_MAX_RETRIES: "2",
    ...provider.env,
  };

  return {
    argv,
    env: commandEnv(env, own, provider.unset),
    files: [],
    stdinFile: input.promptFile,
  };
}

function providerSettings(input: RuntimeCommandInput): {
  model: string;
  env: Record<string, string>;
  unset: string[];
} {
  const { env, model } = input;
  const otherClouds = ["CLAUDE_CODE_USE_VERTEX", "CLAUDE_CODE_USE_FOUNDRY"];

  switch (input.provider) {
    case "bedrock": {
      const region = awsRegion(env);
      const profile = toBedrockInferenceProfile(model, region);
      return {
        model: profile,
        env: {
          CLAUDE_CODE_USE_BEDROCK: "1",
          AWS_REGION: region,
          ...pick(env, "AWS_BEARER_TOKEN_BEDROCK"),
          ...modelPins(profile),
        },
        unset: otherClouds,
      };
    }
    case "openrouter": {
      // A collection's OPENROUTER_BASE_URL wins, then its ANTHROPIC_BASE_URL
      // (how the e2e points every Anthropic client at a local server).
      const baseUrl = env.OPENROUTER_BASE_URL
        ? withoutV1(env.OPENROUTER_BASE_URL)
        : env.ANTHROPIC_BASE_URL || openRouterAnthropicUrl;
      return {
        model,
        env: {
          ANTHROPIC_BASE_URL: baseUrl,
          ANTHROPIC_AUTH_TOKEN: env.OPENROUTER_API_KEY ?? "",
          // Set but empty: a collection's Anthropic key must not be sent to
          // OpenRouter, and an empty key makes the bearer token the one used.
          ANTHROPIC_API_KEY: "",
          ...modelPins(model),
        },
        unset: ["CLAUDE_CODE_USE_BEDROCK", ...otherClouds],
      };
    }
    default:
      // ANTHROPIC_API_KEY and any ANTHROPIC_BASE_URL come from the collection.
      return {
        model,
        env: {},
        unset: ["CLAUDE_CODE_USE_BEDROCK", ...otherClouds],
      };
  }
}

/**
 * Claude Code calls other tiers (haiku for titles, subagents) by alias; on a
 * gateway or Bedrock those aliases may not exist, so all point at the model.
 */
function modelPins(model: string): Record<string, string> {
  return {
    ANTHROPIC_MODEL: model,
    ANTHROPIC_DEFAULT_OPUS_MODEL: model,
    ANTHROPIC_DEFAULT_SONNET_MODEL: model,
    ANTHROPIC_DEFAULT_HAIKU_MODEL: model,
    ANTHROPIC_SMALL_FAST_MODEL: model,
    CLAUDE_CODE_SUBAGENT_MODEL: model,
  };
}

function pick(env: Readonly<Record<string, string>>, name: string) {
  return env[name] === undefined ? {} : { [name]: env[name] };
}
