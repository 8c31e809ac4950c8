import {
  commandEnv,
  homePath,
  openRouterBaseUrl,
  runTempDir,
  tomlString,
  trimSlash,
} from "@/lib/runtimes/command-helpers";
import type { RuntimeCommand, RuntimeCommandInput } from "@/lib/runtimes/types";

interface CustomProvider {
  id: string;
  name: string;
  baseUrl: string;
  envKey: string;
  /** Header name → the collection variable holding its value. */
  envHeaders: Record<string, string>;
}

/**
 * `codex exec` with JSON events; the prompt is read from stdin (`-`), never
 * from an argument, so a body starting with `---` is not parsed as a flag.
 * Codex has no turn limit flag: the run's wall-clock timeout bounds it.
 */
export function buildCodexCommand(input: RuntimeCommandInput): RuntimeCommand {
  const { env, home, model } = input;
  const codexHome = homePath(home, ".codex");
  const temp = runTempDir(home);
  const custom = customProvider(input);

  const argv = [
    "codex",
    "exec",
    "--json",
    "--skip-git-repo-check",
    "--dangerously-bypass-approvals-and-sandbox",
    "-m",
    model,
    "-",
  ];
  const own: Record<string, string> = {
    HOME: home,
    CODEX_HOME: codexHome,
    TMPDIR: temp.dir,
  };
  // The built-in provider reads the exec-only CODEX_API_KEY, not the
  // collection's OPENAI_API_KEY.
  if (!custom && env.OPENAI_API_KEY && !env.CODEX_API_KEY) {
    own.CODEX_API_KEY = env.OPENAI_API_KEY;
  }

  return {
    argv,
    env: commandEnv(env, own),
    files: [
      {
        path: homePath(codexHome, "config.toml"),
        content: codexConfig(model, custom),
      },
      temp.file,
    ],
    stdinFile: input.promptFile,
  };
}

/**
 * Codex ignores OPENAI_BASE_URL for model calls, so any other endpoint than
 * api.openai.com needs a provider entry of its own in config.toml.
 */
function customProvider(input: RuntimeCommandInput): CustomProvider | null {
  const { env } = input;

  if (input.provider === "openrouter") {
    const envHeaders: Record<string, string> = {};
    if (env.OPENROUTER_HTTP_REFERER) {
      envHeaders["HTTP-Referer"] = "OPENROUTER_HTTP_REFERER";
    }
    if (env.OPENROUTER_X_TITLE) envHeaders["X-Title"] = "OPENROUTER_X_TITLE";

    return {
      id: "jetty-openrouter",
      name: "OpenRouter",
      baseUrl: openRouterBaseUrl(env),
      envKey: "OPENROUTER_API_KEY",
      envHeaders,
    };
  }
  if (env.OPENAI_BASE_URL) {
    return {
      id: "jetty-openai",
      name: "OpenAI-compatible endpoint",
      baseUrl: trimSlash(env.OPENAI_BASE_URL),
      envKey: "OPENAI_API_KEY",
      envHeaders: {},
    };
  }

  return null;
}

function codexConfig(model: string, custom: CustomProvider | null): string {
  const lines = [
    `model = ${tomlString(model)}`,
    ...(custom ? [`model_provider = ${tomlString(custom.id)}`] : []),
    `approval_policy = "never"`,
    `sandbox_mode = "danger-full-access"`,
    "",
  ];
  if (custom) {
    lines.push(
      `[model_providers.${custom.id}]`,
      `name = ${tomlString(custom.name)}`,
      `base_url = ${tomlString(custom.baseUrl)}`,
      `env_key = ${tomlString(custom.envKey)}`,
      // "chat" is rejected by Codex 0.171: only the Responses API remains.
      `wire_api = "responses"`,
    );
    const headers = Object.entries(custom.envHeaders);
    if (headers.length > 0) {
      const pairs = headers.map(
        ([h, v]) => `${tomlString(h)} = ${tomlString(v)}`,
      );
      lines.push(`env_http_headers = { ${pairs.join(", ")} }`);
    }
    lines.push("");
  }
  lines.push(
    // Stops the plugin-marketplace sync (github.com, chatgpt.com).
    "[features]",
    "plugins = false",
    "",
    // Stops the analytics calls (ab.chatgpt.com).
    "[analytics]",
    "enabled = false",
    "",
  );

  return lines.join("\n");
}
