import { toBedrockInferenceProfile } from "@/lib/providers/model-ids";
import {
  awsRegion,
  commandEnv,
  homePath,
  isTruthy,
  optionalFlag,
  trimSlash,
  withoutV1,
} from "@/lib/runtimes/command-helpers";
import type { RuntimeCommand, RuntimeCommandInput } from "@/lib/runtimes/types";

/**
 * `goose run -i FILE`: goose's `-t TEXT` is a clap option that rejects text
 * starting with `-`, so the prompt always goes through a file. Provider and
 * model come from GOOSE_PROVIDER / GOOSE_MODEL.
 */
export function buildGooseCommand(input: RuntimeCommandInput): RuntimeCommand {
  const { env, home } = input;
  const provider = providerSettings(input);

  const argv = [
    "goose",
    "run",
    "-i",
    input.promptFile,
    "--output-format",
    "stream-json",
    "--no-session",
    ...optionalFlag("--max-turns", input.maxTurns),
  ];
  const own = {
    HOME: home,
    XDG_CONFIG_HOME: homePath(home, ".config"),
    XDG_DATA_HOME: homePath(home, ".local", "share"),
    XDG_STATE_HOME: homePath(home, ".local", "state"),
    GOOSE_PROVIDER: provider.name,
    GOOSE_MODEL: provider.model,
    // In approve modes a tool confirmation with no TTY aborts the run.
    GOOSE_MODE: "auto",
    GOOSE_DISABLE_KEYRING: "true",
    // Naming a session is an extra model call nobody sees here.
    GOOSE_DISABLE_SESSION_NAMING: "true",
    ...provider.env,
  };

  return { argv, env: commandEnv(env, own), files: [] };
}

function providerSettings(input: RuntimeCommandInput): {
  name: string;
  model: string;
  env: Record<string, string>;
} {
  const { env, model } = input;

  switch (input.provider) {
    case "anthropic":
      return {
        name: "anthropic",
        model,
        env: env.ANTHROPIC_BASE_URL
          ? { ANTHROPIC_HOST: withoutV1(env.ANTHROPIC_BASE_URL) }
          : {},
      };
    case "openai":
      return {
        name: "openai",
        model,
        env: env.OPENAI_BASE_URL ? openAiHost(env.OPENAI_BASE_URL) : {},
      };
    case "google":
      if (isTruthy(env.GOOGLE_GENAI_USE_VERTEXAI)) {
        return {
          name: "gcp_vertex_ai",
          model,
          env: {
            GCP_PROJECT_ID: env.GOOGLE_CLOUD_PROJECT ?? "",
            GCP_LOCATION: env.GOOGLE_CLOUD_LOCATION ?? "",
          },
        };
      }
      return {
        name: "google",
        model,
        env: {
          // goose reads GOOGLE_API_KEY only; Gemini's own name is accepted.
          GOOGLE_API_KEY: env.GOOGLE_API_KEY ?? env.GEMINI_API_KEY ?? "",
          ...(env.GOOGLE_GEMINI_BASE_URL
            ? { GOOGLE_HOST: trimSlash(env.GOOGLE_GEMINI_BASE_URL) }
            : {}),
        },
      };
    case "bedrock": {
      const region = awsRegion(env);
      return {
        name: "aws_bedrock",
        model: toBedrockInferenceProfile(model, region),
        env: { AWS_REGION: region },
      };
    }
    case "openrouter":
      return {
        name: "openrouter",
        model,
        // goose appends api/v1/chat/completions to the bare host.
        env: env.OPENROUTER_BASE_URL
          ? {
              OPENROUTER_HOST: trimSlash(env.OPENROUTER_BASE_URL).replace(
                /\/api\/v1$/,
                "",
              ),
            }
          : {},
      };
  }
}

/**
 * goose joins OPENAI_HOST and OPENAI_BASE_PATH (default v1/chat/completions),
 * so a base URL with a path is split into the two.
 */
function openAiHost(baseUrl: string): Record<string, string> {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return { OPENAI_HOST: trimSlash(baseUrl) };
  }
  const basePath = trimSlash(url.pathname).replace(/^\//, "");

  return {
    OPENAI_HOST: url.origin,
    OPENAI_BASE_PATH: `${basePath ? `${basePath}/` : ""}chat/completions`,
  };
}
