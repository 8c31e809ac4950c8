import { describe, expect, it } from "vitest";

import type { ProviderId } from "@/lib/providers/types";
import { buildClaudeCodeCommand } from "@/lib/runtimes/claude-code/command";
import { buildCodexCommand } from "@/lib/runtimes/codex/command";
import { buildGeminiCliCommand } from "@/lib/runtimes/gemini-cli/command";
import { buildGooseCommand } from "@/lib/runtimes/goose/command";
import { buildHermesCommand } from "@/lib/runtimes/hermes/command";
import type {
  RuntimeCommand,
  RuntimeCommandInput,
  RuntimeId,
} from "@/lib/runtimes/types";

const home = "/home/agent";
const promptFile = "/app/.jetty/prompt.md";

function input(
  provider: ProviderId,
  model: string,
  env: Record<string, string> = {},
  extra: Partial<RuntimeCommandInput> = {},
): RuntimeCommandInput {
  return { provider, model, env, home, promptFile, ...extra };
}

function file(command: RuntimeCommand, path: string): string {
  const found = command.files.find((f) => f.path === path);
  if (!found) throw new Error(`no file ${path}`);

  return found.content;
}

const builders: [
  RuntimeId,
  (i: RuntimeCommandInput) => RuntimeCommand,
  ProviderId,
][] = [
  ["claude-code", buildClaudeCodeCommand, "anthropic"],
  ["codex", buildCodexCommand, "openai"],
  ["gemini-cli", buildGeminiCliCommand, "google"],
  ["hermes", buildHermesCommand, "anthropic"],
  ["goose", buildGooseCommand, "anthropic"],
];

describe("the prompt never reaches argv as text", () => {
  it.each(builders)("%s passes the prompt as a file", (_, build, provider) => {
    const command = build(
      input(provider, "m", { ANTHROPIC_API_KEY: "k" }, { maxTurns: 5 }),
    );

    expect(command.argv.some((a) => a.startsWith("---"))).toBe(false);
    // Either stdin is the prompt file, or the file path is the value of a
    // flag that reads a file.
    if (command.stdinFile) {
      expect(command.stdinFile).toBe(promptFile);
      expect(command.argv).not.toContain(promptFile);
    } else {
      const at = command.argv.indexOf(promptFile);
      expect(["--query-file", "-i"]).toContain(command.argv[at - 1]);
    }
  });

  it.each(builders)(
    "%s starts with a bare executable name",
    (id, build, provider) => {
      const command = build(input(provider, "m"));

      expect(command.argv[0]).toMatch(/^[a-z]+$/);
      expect(command.argv[0]).toBe(
        {
          "claude-code": "claude",
          codex: "codex",
          "gemini-cli": "gemini",
          hermes: "hermes",
          goose: "goose",
        }[id],
      );
    },
  );

  it.each(builders)(
    "%s writes its files under the agent's home",
    (_, build, provider) => {
      const command = build(input(provider, "m"));

      for (const f of command.files)
        expect(f.path.startsWith(`${home}/`)).toBe(true);
    },
  );

  it.each(builders)(
    "%s passes the collection's own variables through",
    (_, build, provider) => {
      const command = build(input(provider, "m", { APOLLO_API_KEY: "ap" }));

      expect(command.env.APOLLO_API_KEY).toBe("ap");
      expect(command.env.HOME).toBe(home);
    },
  );
});

describe("claude-code", () => {
  it("runs headless stream-json with the quiet, sandboxed settings", () => {
    const command = buildClaudeCodeCommand(
      input(
        "anthropic",
        "claude-sonnet-4-6",
        { ANTHROPIC_API_KEY: "k" },
        { maxTurns: 30 },
      ),
    );

    expect(command.argv).toEqual([
      "claude",
      "-p",
      "--output-format",
      "stream-json",
      "--verbose",
      "--dangerously-skip-permissions",
      "--model",
      "claude-sonnet-4-6",
      "--max-turns",
      "30",
    ]);
    expect(command.env).toEqual({
      ANTHROPIC_API_KEY: "k",
      HOME: home,
      IS_SANDBOX: "1",
      CLAUDE_CONFIG_DIR: "/home/agent/.claude",
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
      DISABLE_AUTOUPDATER: "1",
      DISABLE_TELEMETRY: "1",
      DISABLE_ERROR_REPORTING: "1",
      CLAUDE_CODE_MAX_RETRIES: "2",
    });
    expect(command.stdinFile).toBe(promptFile);
  });

  it("leaves --max-turns out when the runbook sets none", () => {
    const command = buildClaudeCodeCommand(
      input("anthropic", "claude-sonnet-4-6"),
    );

    expect(command.argv).not.toContain("--max-turns");
  });

  it("honours ANTHROPIC_BASE_URL from the collection", () => {
    const command = buildClaudeCodeCommand(
      input("anthropic", "claude-sonnet-4-6", {
        ANTHROPIC_API_KEY: "dummy",
        ANTHROPIC_BASE_URL: "http://127.0.0.1:8787",
      }),
    );

    expect(command.env.ANTHROPIC_BASE_URL).toBe("http://127.0.0.1:8787");
  });

  it("drops a collection's Bedrock switch when the provider is Anthropic", () => {
    const command = buildClaudeCodeCommand(
      input("anthropic", "claude-sonnet-4-6", {
        ANTHROPIC_API_KEY: "k",
        CLAUDE_CODE_USE_BEDROCK: "1",
      }),
    );

    expect(command.env.CLAUDE_CODE_USE_BEDROCK).toBeUndefined();
  });

  it("on Bedrock: switches Claude Code over and pins every tier", () => {
    const command = buildClaudeCodeCommand(
      input("bedrock", "anthropic.claude-sonnet-4-6", {
        AWS_BEARER_TOKEN_BEDROCK: "t",
        AWS_REGION: "us-west-2",
      }),
    );
    const profile = "us.anthropic.claude-sonnet-4-6";

    expect(command.argv).toContain(profile);
    expect(command.env).toMatchObject({
      CLAUDE_CODE_USE_BEDROCK: "1",
      AWS_REGION: "us-west-2",
      AWS_BEARER_TOKEN_BEDROCK: "t",
      ANTHROPIC_MODEL: profile,
      ANTHROPIC_DEFAULT_HAIKU_MODEL: profile,
      CLAUDE_CODE_SUBAGENT_MODEL: profile,
    });
  });

  it("on OpenRouter: bearer token, empty API key, OpenRouter's Anthropic base", () => {
    const model = "anthropic/claude-sonnet-4.6";
    const command = buildClaudeCodeCommand(
      input("openrouter", model, {
        OPENROUTER_API_KEY: "or",
        ANTHROPIC_API_KEY: "mine",
      }),
    );

    expect(command.env).toMatchObject({
      ANTHROPIC_BASE_URL: "https://openrouter.ai/api",
      ANTHROPIC_AUTH_TOKEN: "or",
      ANTHROPIC_API_KEY: "",
      ANTHROPIC_MODEL: model,
      ANTHROPIC_DEFAULT_OPUS_MODEL: model,
      ANTHROPIC_DEFAULT_SONNET_MODEL: model,
      ANTHROPIC_DEFAULT_HAIKU_MODEL: model,
    });
  });

  it("on OpenRouter: OPENROUTER_BASE_URL, then ANTHROPIC_BASE_URL, win", () => {
    const base = (env: Record<string, string>) =>
      buildClaudeCodeCommand(
        input("openrouter", "x/y", { OPENROUTER_API_KEY: "or", ...env }),
      ).env.ANTHROPIC_BASE_URL;

    expect(base({ OPENROUTER_BASE_URL: "https://gw.example/api/v1/" })).toBe(
      "https://gw.example/api",
    );
    expect(base({ ANTHROPIC_BASE_URL: "http://127.0.0.1:8787" })).toBe(
      "http://127.0.0.1:8787",
    );
  });
});

describe("codex", () => {
  it("reads the prompt from stdin with `-` and writes a quiet config.toml", () => {
    const command = buildCodexCommand(
      input("openai", "gpt-5.5", { OPENAI_API_KEY: "k" }),
    );

    expect(command.argv).toEqual([
      "codex",
      "exec",
      "--json",
      "--skip-git-repo-check",
      "--dangerously-bypass-approvals-and-sandbox",
      "-m",
      "gpt-5.5",
      "-",
    ]);
    expect(command.stdinFile).toBe(promptFile);
    expect(command.env).toMatchObject({
      CODEX_HOME: "/home/agent/.codex",
      CODEX_API_KEY: "k",
      TMPDIR: "/home/agent/.tmp",
    });
    expect(file(command, "/home/agent/.codex/config.toml")).toBe(
      [
        'model = "gpt-5.5"',
        'approval_policy = "never"',
        'sandbox_mode = "danger-full-access"',
        "",
        "[features]",
        "plugins = false",
        "",
        "[analytics]",
        "enabled = false",
        "",
      ].join("\n"),
    );
  });

  it("uses a custom provider for OPENAI_BASE_URL, which codex ignores", () => {
    const command = buildCodexCommand(
      input("openai", "gpt-5.5", {
        OPENAI_API_KEY: "k",
        OPENAI_BASE_URL: "http://127.0.0.1:8787/v1/",
      }),
    );
    const config = file(command, "/home/agent/.codex/config.toml");

    expect(config).toContain('model_provider = "jetty-openai"');
    expect(config).toContain(
      [
        "[model_providers.jetty-openai]",
        'name = "OpenAI-compatible endpoint"',
        'base_url = "http://127.0.0.1:8787/v1"',
        'env_key = "OPENAI_API_KEY"',
        'wire_api = "responses"',
      ].join("\n"),
    );
    expect(command.env.CODEX_API_KEY).toBeUndefined();
  });

  it("uses a custom provider for OpenRouter, with its optional headers", () => {
    const command = buildCodexCommand(
      input("openrouter", "openai/gpt-5.5", {
        OPENROUTER_API_KEY: "or",
        OPENROUTER_HTTP_REFERER: "https://jetty.example",
        OPENROUTER_X_TITLE: "Jetty",
      }),
    );
    const config = file(command, "/home/agent/.codex/config.toml");

    expect(config).toBe(
      [
        'model = "openai/gpt-5.5"',
        'model_provider = "jetty-openrouter"',
        'approval_policy = "never"',
        'sandbox_mode = "danger-full-access"',
        "",
        "[model_providers.jetty-openrouter]",
        'name = "OpenRouter"',
        'base_url = "https://openrouter.ai/api/v1"',
        'env_key = "OPENROUTER_API_KEY"',
        'wire_api = "responses"',
        'env_http_headers = { "HTTP-Referer" = "OPENROUTER_HTTP_REFERER", "X-Title" = "OPENROUTER_X_TITLE" }',
        "",
        "[features]",
        "plugins = false",
        "",
        "[analytics]",
        "enabled = false",
        "",
      ].join("\n"),
    );
  });

  it("escapes a model id that would break TOML", () => {
    const command = buildCodexCommand(
      input("openai", 'gpt"\\x', { OPENAI_API_KEY: "k" }),
    );

    expect(file(command, "/home/agent/.codex/config.toml")).toContain(
      'model = "gpt\\"\\\\x"',
    );
  });
});

describe("gemini-cli", () => {
  const settingsPath = "/home/agent/.gemini/settings.json";

  it("runs headless from stdin in a trusted workspace with a per-run TMPDIR", () => {
    const command = buildGeminiCliCommand(
      input("google", "gemini-2.5-pro", { GEMINI_API_KEY: "g" }),
    );

    expect(command.argv).toEqual([
      "gemini",
      "--output-format",
      "stream-json",
      "--yolo",
      "-m",
      "gemini-2.5-pro",
    ]);
    expect(command.stdinFile).toBe(promptFile);
    expect(command.env).toMatchObject({
      HOME: home,
      TMPDIR: "/home/agent/.tmp",
      GEMINI_CLI_TRUST_WORKSPACE: "true",
      GEMINI_API_KEY: "g",
    });
    expect(command.files.map((f) => f.path)).toContain(
      "/home/agent/.tmp/.keep",
    );
  });

  it("pins the API-key auth type and turns telemetry, usage and updates off", () => {
    const command = buildGeminiCliCommand(
      input("google", "gemini-2.5-pro", {
        GEMINI_API_KEY: "g",
        GOOGLE_GEMINI_BASE_URL: "http://127.0.0.1:8787",
      }),
    );

    expect(JSON.parse(file(command, settingsPath))).toEqual({
      security: { auth: { selectedType: "gemini-api-key" } },
      privacy: { usageStatisticsEnabled: false },
      telemetry: { enabled: false },
      general: { enableAutoUpdate: false, enableAutoUpdateNotification: false },
    });
    expect(command.env.GOOGLE_GEMINI_BASE_URL).toBe("http://127.0.0.1:8787");
  });

  it("pins vertex-ai when the collection asks for Vertex", () => {
    const command = buildGeminiCliCommand(
      input("google", "gemini-2.5-pro", {
        GOOGLE_GENAI_USE_VERTEXAI: "True",
        GOOGLE_CLOUD_PROJECT: "p",
        GOOGLE_CLOUD_LOCATION: "us-central1",
      }),
    );

    expect(
      JSON.parse(file(command, settingsPath)).security.auth.selectedType,
    ).toBe("vertex-ai");
    expect(command.env.GOOGLE_GENAI_USE_VERTEXAI).toBe("true");
    expect(command.env.GEMINI_API_KEY).toBeUndefined();
  });

  it("limits turns through the session-turn setting", () => {
    const command = buildGeminiCliCommand(
      input("google", "gemini-2.5-pro", {}, { maxTurns: 7 }),
    );

    expect(JSON.parse(file(command, settingsPath)).model).toEqual({
      maxSessionTurns: 7,
    });
  });
});

describe("hermes", () => {
  it.each([
    ["anthropic", {}, "anthropic"],
    ["openai", {}, "openai-api"],
    ["google", {}, "gemini"],
    ["google", { GOOGLE_GENAI_USE_VERTEXAI: "1" }, "vertex"],
    ["openrouter", {}, "openrouter"],
    ["bedrock", {}, "bedrock"],
  ] as const)("%s %j → --provider %s", (provider, env, name) => {
    const command = buildHermesCommand(input(provider, "m", env));

    expect(command.argv.at(-1)).toBe(name);
  });

  it("reads the prompt with --query-file and emits stream-json", () => {
    const command = buildHermesCommand(
      input(
        "openrouter",
        "anthropic/claude-sonnet-4.6",
        { OPENROUTER_API_KEY: "k" },
        { maxTurns: 9 },
      ),
    );

    expect(command.argv).toEqual([
      "hermes",
      "--yolo",
      "chat",
      "--query-file",
      promptFile,
      "--format",
      "stream-json",
      "-m",
      "anthropic/claude-sonnet-4.6",
      "--provider",
      "openrouter",
      "--max-turns",
      "9",
    ]);
    expect(command.env).toMatchObject({
      HERMES_HOME: "/home/agent/.hermes",
      OPENROUTER_API_KEY: "k",
    });
    expect(command.stdinFile).toBeUndefined();
  });

  it("on Bedrock: sets the region and uses its inference profile", () => {
    const command = buildHermesCommand(
      input("bedrock", "anthropic.claude-sonnet-4-6", {
        AWS_BEARER_TOKEN_BEDROCK: "t",
      }),
    );

    expect(command.argv).toContain("us.anthropic.claude-sonnet-4-6");
    expect(command.env).toMatchObject({
      AWS_REGION: "us-east-1",
      AWS_BEARER_TOKEN_BEDROCK: "t",
    });
  });
});

describe("goose", () => {
  it("runs from -i FILE with provider and model in its variables", () => {
    const command = buildGooseCommand(
      input(
        "anthropic",
        "claude-sonnet-4-6",
        { ANTHROPIC_API_KEY: "k" },
        { maxTurns: 40 },
      ),
    );

    expect(command.argv).toEqual([
      "goose",
      "run",
      "-i",
      promptFile,
      "--output-format",
      "stream-json",
      "--no-session",
      "--max-turns",
      "40",
    ]);
    expect(command.env).toMatchObject({
      GOOSE_PROVIDER: "anthropic",
      GOOSE_MODEL: "claude-sonnet-4-6",
      GOOSE_MODE: "auto",
      GOOSE_DISABLE_KEYRING: "true",
      GOOSE_DISABLE_SESSION_NAMING: "true",
      XDG_CONFIG_HOME: "/home/agent/.config",
    });
  });

  it.each([
    [
      "anthropic",
      { ANTHROPIC_BASE_URL: "http://127.0.0.1:8787/v1" },
      { ANTHROPIC_HOST: "http://127.0.0.1:8787" },
    ],
    [
      "openai",
      { OPENAI_BASE_URL: "http://127.0.0.1:8787/v1" },
      {
        OPENAI_HOST: "http://127.0.0.1:8787",
        OPENAI_BASE_PATH: "v1/chat/completions",
      },
    ],
    [
      "openrouter",
      { OPENROUTER_BASE_URL: "https://gw.example/api/v1" },
      { OPENROUTER_HOST: "https://gw.example" },
    ],
    [
      "google",
      { GEMINI_API_KEY: "g", GOOGLE_GEMINI_BASE_URL: "http://127.0.0.1:8787/" },
      { GOOGLE_API_KEY: "g", GOOGLE_HOST: "http://127.0.0.1:8787" },
    ],
    [
      "google",
      {
        GOOGLE_GENAI_USE_VERTEXAI: "true",
        GOOGLE_CLOUD_PROJECT: "p",
        GOOGLE_CLOUD_LOCATION: "l",
      },
      {
        GOOSE_PROVIDER: "gcp_vertex_ai",
        GCP_PROJECT_ID: "p",
        GCP_LOCATION: "l",
      },
    ],
    [
      "bedrock",
      { AWS_REGION: "eu-west-1" },
      {
        GOOSE_PROVIDER: "aws_bedrock",
        GOOSE_MODEL: "eu.anthropic.claude-sonnet-4-6",
        AWS_REGION: "eu-west-1",
      },
    ],
  ] as const)("%s with %j sets %j", (provider, env, expected) => {
    const model = provider === "bedrock" ? "anthropic.claude-sonnet-4-6" : "m";
    const command = buildGooseCommand(input(provider, model, env));

    expect(command.env).toMatchObject(expected);
  });
});
