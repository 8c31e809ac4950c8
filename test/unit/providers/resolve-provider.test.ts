import { describe, expect, it } from "vitest";

import { providerIssues } from "@/lib/providers/provider-issues";
import { resolveProvider } from "@/lib/providers/resolve-provider";
import type { ProviderId } from "@/lib/providers/types";
import { parseRunbook } from "@/lib/runbooks/parse-runbook";
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

const builders: Record<RuntimeId, (i: RuntimeCommandInput) => RuntimeCommand> =
  {
    "claude-code": buildClaudeCodeCommand,
    codex: buildCodexCommand,
    "gemini-cli": buildGeminiCliCommand,
    hermes: buildHermesCommand,
    goose: buildGooseCommand,
  };

/** The variables that decide which provider and key a CLI uses. */
const keyVariables = [
  "ANTHROPIC_API_KEY",
  "ANTHROPIC_AUTH_TOKEN",
  "ANTHROPIC_BASE_URL",
  "CLAUDE_CODE_USE_BEDROCK",
  "AWS_REGION",
  "AWS_BEARER_TOKEN_BEDROCK",
  "OPENAI_API_KEY",
  "CODEX_API_KEY",
  "GEMINI_API_KEY",
  "GOOGLE_API_KEY",
  "GOOGLE_GENAI_USE_VERTEXAI",
  "OPENROUTER_API_KEY",
  "GOOSE_PROVIDER",
  "GOOSE_MODEL",
];

const providerKeys: Record<ProviderId, Record<string, string>> = {
  anthropic: { ANTHROPIC_API_KEY: "sk-ant" },
  openai: { OPENAI_API_KEY: "sk-oai" },
  google: { GEMINI_API_KEY: "gem" },
  bedrock: { AWS_BEARER_TOKEN_BEDROCK: "brk" },
  openrouter: { OPENROUTER_API_KEY: "sk-or" },
};

/** Resolve, then build the command the way the worker does. */
function runFor(
  frontmatter: Parameters<typeof resolveProvider>[0]["frontmatter"],
  env: Record<string, string>,
) {
  const resolved = resolveProvider({ frontmatter, envNames: Object.keys(env) });
  if (!resolved.ok) return { refusal: resolved.message };

  const command = builders[resolved.runtime]({
    model: resolved.model,
    provider: resolved.provider,
    env,
    home: "/home/agent",
    promptFile: "/app/.jetty/prompt.md",
  });
  const keyEnv = Object.fromEntries(
    keyVariables
      .filter((name) => command.env[name] !== undefined)
      .map((name) => [name, command.env[name]]),
  );

  return {
    provider: resolved.provider,
    model: resolved.model,
    env: keyEnv,
    command,
  };
}

const claude = "anthropic/claude-sonnet-4.6";
const gpt = "openai/gpt-5.5";
const gemini = "google/gemini-2.5-pro";

type Row = [RuntimeId, ProviderId, string, Record<string, unknown>];

// runtime × provider, with that provider's keys in the collection.
const matrix: Row[] = [
  [
    "claude-code",
    "anthropic",
    claude,
    { model: "claude-sonnet-4-6", env: { ANTHROPIC_API_KEY: "sk-ant" } },
  ],
  [
    "claude-code",
    "openai",
    gpt,
    {
      refusal:
        "claude-code does not run on openai: it supports anthropic, bedrock, openrouter.",
    },
  ],
  [
    "claude-code",
    "google",
    gemini,
    {
      refusal:
        "claude-code does not run on google: it supports anthropic, bedrock, openrouter.",
    },
  ],
  [
    "claude-code",
    "bedrock",
    claude,
    {
      model: "anthropic.claude-sonnet-4-6",
      env: {
        CLAUDE_CODE_USE_BEDROCK: "1",
        AWS_REGION: "us-east-1",
        AWS_BEARER_TOKEN_BEDROCK: "brk",
      },
    },
  ],
  [
    "claude-code",
    "openrouter",
    claude,
    {
      model: claude,
      env: {
        ANTHROPIC_BASE_URL: "https://openrouter.ai/api",
        ANTHROPIC_AUTH_TOKEN: "sk-or",
        ANTHROPIC_API_KEY: "",
        OPENROUTER_API_KEY: "sk-or",
      },
    },
  ],
  [
    "codex",
    "anthropic",
    claude,
    {
      refusal:
        "codex does not run on anthropic: it supports openai, openrouter.",
    },
  ],
  [
    "codex",
    "openai",
    gpt,
    {
      model: "gpt-5.5",
      env: { OPENAI_API_KEY: "sk-oai", CODEX_API_KEY: "sk-oai" },
    },
  ],
  [
    "codex",
    "google",
    gemini,
    {
      refusal: "codex does not run on google: it supports openai, openrouter.",
    },
  ],
  [
    "codex",
    "bedrock",
    gpt,
    {
      refusal: "codex does not run on bedrock: it supports openai, openrouter.",
    },
  ],
  [
    "codex",
    "openrouter",
    gpt,
    { model: gpt, env: { OPENROUTER_API_KEY: "sk-or" } },
  ],
  [
    "gemini-cli",
    "anthropic",
    claude,
    { refusal: "gemini-cli does not run on anthropic: it supports google." },
  ],
  [
    "gemini-cli",
    "openai",
    gpt,
    { refusal: "gemini-cli does not run on openai: it supports google." },
  ],
  [
    "gemini-cli",
    "google",
    gemini,
    { model: "gemini-2.5-pro", env: { GEMINI_API_KEY: "gem" } },
  ],
  [
    "gemini-cli",
    "bedrock",
    claude,
    { refusal: "gemini-cli does not run on bedrock: it supports google." },
  ],
  [
    "gemini-cli",
    "openrouter",
    gemini,
    { refusal: "gemini-cli does not run on openrouter: it supports google." },
  ],
  [
    "hermes",
    "anthropic",
    claude,
    { model: "claude-sonnet-4-6", env: { ANTHROPIC_API_KEY: "sk-ant" } },
  ],
  [
    "hermes",
    "openai",
    gpt,
    { model: "gpt-5.5", env: { OPENAI_API_KEY: "sk-oai" } },
  ],
  [
    "hermes",
    "google",
    gemini,
    { model: "gemini-2.5-pro", env: { GEMINI_API_KEY: "gem" } },
  ],
  [
    "hermes",
    "bedrock",
    claude,
    {
      model: "anthropic.claude-sonnet-4-6",
      env: { AWS_REGION: "us-east-1", AWS_BEARER_TOKEN_BEDROCK: "brk" },
    },
  ],
  [
    "hermes",
    "openrouter",
    gpt,
    { model: gpt, env: { OPENROUTER_API_KEY: "sk-or" } },
  ],
  [
    "goose",
    "anthropic",
    claude,
    {
      model: "claude-sonnet-4-6",
      env: {
        ANTHROPIC_API_KEY: "sk-ant",
        GOOSE_PROVIDER: "anthropic",
        GOOSE_MODEL: "claude-sonnet-4-6",
      },
    },
  ],
  [
    "goose",
    "openai",
    gpt,
    {
      model: "gpt-5.5",
      env: {
        OPENAI_API_KEY: "sk-oai",
        GOOSE_PROVIDER: "openai",
        GOOSE_MODEL: "gpt-5.5",
      },
    },
  ],
  [
    "goose",
    "google",
    gemini,
    {
      model: "gemini-2.5-pro",
      env: {
        GEMINI_API_KEY: "gem",
        GOOGLE_API_KEY: "gem",
        GOOSE_PROVIDER: "google",
        GOOSE_MODEL: "gemini-2.5-pro",
      },
    },
  ],
  [
    "goose",
    "bedrock",
    claude,
    {
      model: "anthropic.claude-sonnet-4-6",
      env: {
        AWS_REGION: "us-east-1",
        AWS_BEARER_TOKEN_BEDROCK: "brk",
        GOOSE_PROVIDER: "aws_bedrock",
        GOOSE_MODEL: "us.anthropic.claude-sonnet-4-6",
      },
    },
  ],
  [
    "goose",
    "openrouter",
    claude,
    {
      model: claude,
      env: {
        OPENROUTER_API_KEY: "sk-or",
        GOOSE_PROVIDER: "openrouter",
        GOOSE_MODEL: claude,
      },
    },
  ],
];

const keyText: Record<ProviderId, string> = {
  anthropic: "ANTHROPIC_API_KEY",
  openai: "OPENAI_API_KEY",
  google:
    "GEMINI_API_KEY or GOOGLE_API_KEY (or GOOGLE_GENAI_USE_VERTEXAI, GOOGLE_CLOUD_PROJECT and GOOGLE_CLOUD_LOCATION for Vertex AI)",
  bedrock: "AWS_BEARER_TOKEN_BEDROCK",
  openrouter: "OPENROUTER_API_KEY",
};

describe("runtime × provider matrix", () => {
  it.each(matrix)("%s on %s (%s)", (agent, provider, model, expected) => {
    const result = runFor(
      { agent, model, model_provider: provider },
      providerKeys[provider],
    );

    expect({ ...result, command: undefined, provider: undefined }).toEqual({
      ...expected,
      command: undefined,
      provider: undefined,
    });
  });

  it.each(matrix.filter(([, , , e]) => !("refusal" in e)))(
    "%s on %s with no key in the collection is refused",
    (agent, provider, model) => {
      const result = resolveProvider({
        frontmatter: { agent, model, model_provider: provider },
        envNames: ["APOLLO_API_KEY"],
      });

      expect(result).toEqual({
        ok: false,
        field: "model_provider",
        message: `${agent} on ${provider} needs ${keyText[provider]} in the collection's environment.`,
        missing: [Object.keys(providerKeys[provider])[0]],
      });
    },
  );
});

describe("other key sets", () => {
  it("Google: GOOGLE_API_KEY alone works, and gemini gets it as GEMINI_API_KEY", () => {
    const result = runFor(
      { agent: "gemini-cli", model: "gemini-2.5-pro" },
      { GOOGLE_API_KEY: "g" },
    );

    expect(result.env).toEqual({ GOOGLE_API_KEY: "g", GEMINI_API_KEY: "g" });
  });

  it("Google: Vertex AI needs the flag, the project and the location", () => {
    const vertex = {
      GOOGLE_GENAI_USE_VERTEXAI: "true",
      GOOGLE_CLOUD_PROJECT: "p",
      GOOGLE_CLOUD_LOCATION: "us-central1",
    };
    const ok = resolveProvider({
      frontmatter: { agent: "gemini-cli", model: "gemini-2.5-pro" },
      envNames: Object.keys(vertex),
    });
    const partial = resolveProvider({
      frontmatter: { agent: "gemini-cli", model: "gemini-2.5-pro" },
      envNames: ["GOOGLE_GENAI_USE_VERTEXAI", "GOOGLE_CLOUD_PROJECT"],
    });

    expect(ok).toMatchObject({
      ok: true,
      provider: "google",
      requiredEnv: Object.keys(vertex),
    });
    expect(partial).toMatchObject({
      ok: false,
      missing: ["GOOGLE_CLOUD_LOCATION"],
    });
  });

  it("Bedrock: AWS access keys work too, and AWS_REGION is honoured", () => {
    const env = {
      AWS_ACCESS_KEY_ID: "a",
      AWS_SECRET_ACCESS_KEY: "s",
      AWS_REGION: "eu-west-1",
    };
    const result = runFor(
      { agent: "claude-code", model: claude, model_provider: "bedrock" },
      env,
    );

    expect(result.env).toEqual({
      CLAUDE_CODE_USE_BEDROCK: "1",
      AWS_REGION: "eu-west-1",
    });
    expect(result.command?.argv).toContain("eu.anthropic.claude-sonnet-4-6");
  });

  it("OpenRouter: OPENROUTER_BASE_URL from the collection is used", () => {
    const result = runFor(
      { agent: "claude-code", model: claude, model_provider: "openrouter" },
      {
        OPENROUTER_API_KEY: "k",
        OPENROUTER_BASE_URL: "https://or.example/api/v1",
      },
    );

    expect(result.env).toMatchObject({
      ANTHROPIC_BASE_URL: "https://or.example/api",
    });
  });
});

describe("models that cannot work with the provider", () => {
  it.each([
    [
      "claude-code",
      "anthropic",
      "gpt-5.5",
      'claude-code on anthropic runs Anthropic models only, not "gpt-5.5".',
    ],
    [
      "codex",
      "openai",
      "anthropic/claude-sonnet-4.6",
      'codex on openai runs OpenAI models only, not "anthropic/claude-sonnet-4.6".',
    ],
    [
      "gemini-cli",
      "google",
      "claude-sonnet-4-6",
      'gemini-cli on google runs Google models only, not "claude-sonnet-4-6".',
    ],
    [
      "hermes",
      "anthropic",
      "meta-llama/llama-3.3-70b",
      'hermes on anthropic runs Anthropic models only, not "meta-llama/llama-3.3-70b".',
    ],
    [
      "claude-code",
      "bedrock",
      "openai/gpt-oss-120b",
      'claude-code on bedrock runs Anthropic models only, not "openai/gpt-oss-120b".',
    ],
    [
      "codex",
      "openrouter",
      "stub-model",
      'codex on openrouter needs a vendor/name model id (e.g. anthropic/claude-sonnet-4.6); the vendor of "stub-model" is unknown.',
    ],
  ] as const)("%s on %s with %s", (agent, provider, model, message) => {
    const result = resolveProvider({
      frontmatter: { agent, model, model_provider: provider },
      envNames: [
        "ANTHROPIC_API_KEY",
        "OPENAI_API_KEY",
        "GEMINI_API_KEY",
        "AWS_BEARER_TOKEN_BEDROCK",
        "OPENROUTER_API_KEY",
      ],
    });

    expect(result).toEqual({ ok: false, field: "model", message });
  });

  it("lets a bare model name it cannot place through (a local test model)", () => {
    const result = resolveProvider({
      frontmatter: {
        agent: "codex",
        model: "stub-model",
        model_provider: "openai",
      },
      envNames: ["OPENAI_API_KEY"],
    });

    expect(result).toMatchObject({ ok: true, model: "stub-model" });
  });

  it("refuses a model_provider Jetty does not know", () => {
    const result = resolveProvider({
      frontmatter: {
        agent: "claude-code",
        model: "google/nano-banana",
        model_provider: "replicate",
      },
      envNames: ["REPLICATE_API_KEY"],
    });

    expect(result).toEqual({
      ok: false,
      field: "model_provider",
      message:
        'model_provider "replicate" is not one Jetty runs agents on: use anthropic, openai, google, bedrock, openrouter.',
    });
  });
});

describe("picking a provider when model_provider is absent", () => {
  const all = [
    "ANTHROPIC_API_KEY",
    "OPENAI_API_KEY",
    "GEMINI_API_KEY",
    "AWS_BEARER_TOKEN_BEDROCK",
    "OPENROUTER_API_KEY",
  ];
  const pick = (
    agent: RuntimeId,
    model: string | undefined,
    envNames: string[],
  ) => resolveProvider({ frontmatter: { agent, model }, envNames });

  it("prefers the model's own vendor, then OpenRouter, then Bedrock", () => {
    expect(pick("claude-code", claude, all)).toMatchObject({
      provider: "anthropic",
    });
    expect(
      pick("claude-code", claude, [
        "AWS_BEARER_TOKEN_BEDROCK",
        "OPENROUTER_API_KEY",
      ]),
    ).toMatchObject({ provider: "openrouter" });
    expect(
      pick("claude-code", claude, ["AWS_BEARER_TOKEN_BEDROCK"]),
    ).toMatchObject({
      provider: "bedrock",
      model: "anthropic.claude-sonnet-4-6",
      requiredEnv: ["AWS_BEARER_TOKEN_BEDROCK"],
    });
    expect(pick("hermes", gemini, all)).toMatchObject({
      provider: "google",
      model: "gemini-2.5-pro",
    });
  });

  it("names every key that would do when none is there", () => {
    expect(pick("claude-code", claude, [])).toEqual({
      ok: false,
      field: "agent",
      message:
        "claude-code needs ANTHROPIC_API_KEY (anthropic) or OPENROUTER_API_KEY (openrouter) or AWS_BEARER_TOKEN_BEDROCK (bedrock) in the collection's environment.",
      missing: [
        "ANTHROPIC_API_KEY",
        "OPENROUTER_API_KEY",
        "AWS_BEARER_TOKEN_BEDROCK",
      ],
    });
    expect(pick("codex", "gpt-5.5", ["ANTHROPIC_API_KEY"])).toMatchObject({
      ok: false,
      message:
        "codex needs OPENAI_API_KEY (openai) or OPENROUTER_API_KEY (openrouter) in the collection's environment.",
    });
  });

  it("gives an agent with no model a default that fits the provider", () => {
    expect(pick("claude-code", undefined, ["ANTHROPIC_API_KEY"])).toMatchObject(
      { provider: "anthropic", model: "claude-sonnet-4-6" },
    );
    expect(pick("hermes", undefined, ["OPENAI_API_KEY"])).toMatchObject({
      provider: "openai",
      model: "gpt-5.5",
    });
    expect(pick("goose", undefined, ["OPENROUTER_API_KEY"])).toMatchObject({
      provider: "openrouter",
      model: claude,
    });
  });

  it("without env names, checks only what the text decides", () => {
    expect(
      resolveProvider({ frontmatter: { agent: "codex", model: "gpt-5.5" } }),
    ).toMatchObject({
      ok: true,
      provider: "openai",
      requiredEnv: [],
    });
  });
});

describe("providerIssues (the editor's view)", () => {
  it("marks an unknown model_provider at its line", () => {
    const parsed = parseRunbook(
      "---\nagent: claude-code\nmodel: google/nano-banana\nmodel_provider: replicate\n---\n",
    );

    expect(providerIssues(parsed)).toEqual([
      {
        message:
          'model_provider "replicate" is not one Jetty runs agents on: use anthropic, openai, google, bedrock, openrouter.',
        path: "model_provider",
        severity: "error",
        line: 4,
        column: 17,
      },
    ]);
  });

  it("marks a model the provider cannot run at the model's line", () => {
    const parsed = parseRunbook(
      "---\nagent: claude-code\nmodel_provider: anthropic\nmodel: gpt-5.5\n---\n",
    );

    expect(providerIssues(parsed)).toEqual([
      expect.objectContaining({ path: "model", line: 4, column: 8 }),
    ]);
  });

  it("marks a missing key at the model_provider line when names are given", () => {
    const parsed = parseRunbook(
      "---\nagent: claude-code\nmodel_provider: openrouter\n---\n",
    );

    expect(providerIssues(parsed, ["ANTHROPIC_API_KEY"])).toEqual([
      expect.objectContaining({
        message:
          "claude-code on openrouter needs OPENROUTER_API_KEY in the collection's environment.",
        line: 3,
      }),
    ]);
    expect(providerIssues(parsed)).toEqual([]);
  });

  it("marks an inferred agent's refusal at the model line", () => {
    const parsed = parseRunbook("---\nversion: 1\nmodel: gpt-5.5\n---\n");

    expect(providerIssues(parsed, [])).toEqual([
      expect.objectContaining({ path: "agent", line: 3 }),
    ]);
  });
});
