import { spawn, type SpawnOptions } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { buildClaudeCodeCommand } from "@/lib/runtimes/claude-code/command";
import { buildCodexCommand } from "@/lib/runtimes/codex/command";
import { buildGeminiCliCommand } from "@/lib/runtimes/gemini-cli/command";
import type { RuntimeCommand } from "@/lib/runtimes/types";
import {
  replyText,
  startModelServer,
  type ModelServer,
} from "@/test/support/model-server";

// The real CLIs installed from npm, run against the scripted model server
// (its `reply` scenario: no tool calls, since nothing here is sandboxed):
// proof that the prompt file reaches them verbatim (a body starting
// with `---` is not read as an option) and that the config files we write
// are ones they accept.
const bin = path.resolve("node_modules/.bin");
const prompt = "---\nagent: claude-code\n---\n\n# Task\n\nSay done.\n";

let server: ModelServer;
let root: string;

beforeAll(async () => {
  server = await startModelServer({ scenario: "reply" });
  root = fs.mkdtempSync(path.join(os.tmpdir(), "jetty-real-cli-"));
});

afterAll(async () => {
  await server.close();
  fs.rmSync(root, { recursive: true, force: true });
});

/** A fresh home, app dir and prompt file, as the sandbox would lay out. */
function layout(name: string) {
  const dir = path.join(root, name);
  const home = path.join(dir, "home");
  const app = path.join(dir, "app");
  const promptFile = path.join(dir, "prompt.md");
  fs.mkdirSync(home, { recursive: true });
  fs.mkdirSync(app, { recursive: true });
  fs.writeFileSync(promptFile, prompt);

  return { home, app, promptFile };
}

async function run(command: RuntimeCommand, cwd: string) {
  for (const file of command.files) {
    fs.mkdirSync(path.dirname(file.path), { recursive: true });
    fs.writeFileSync(file.path, file.content);
  }
  const stdin = fs.openSync(command.stdinFile ?? "/dev/null", "r");
  const options: SpawnOptions = {
    cwd,
    env: {
      ...command.env,
      PATH: `${bin}:${path.dirname(process.execPath)}:/usr/bin:/bin`,
      TERM: "dumb",
      // Next's types make NODE_ENV required; the CLIs only need it defined.
      NODE_ENV: "test",
    },
    stdio: [stdin, "pipe", "pipe"],
    // A cap so a hung CLI fails the test instead of stalling the suite.
    timeout: 90_000,
  };
  const child = spawn(command.argv[0], command.argv.slice(1), options);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (c: Buffer) => (stdout += c));
  child.stderr?.on("data", (c: Buffer) => (stderr += c));
  const code = await new Promise<number | null>((resolve) =>
    child.on("close", resolve),
  );
  fs.closeSync(stdin);

  return { code, stdout, stderr };
}

/** The model requests whose body carries the prompt text verbatim. */
function requestsWithPrompt(pathPart: string) {
  return server.requests.filter(
    (r) =>
      r.path.includes(pathPart) &&
      r.bodyText.includes(JSON.stringify(prompt).slice(1, -1)),
  );
}

describe("real CLIs run the built commands", () => {
  it("claude reads a --- prompt from stdin", { timeout: 120_000 }, async () => {
    const { home, app, promptFile } = layout("claude");
    const command = buildClaudeCodeCommand({
      provider: "anthropic",
      model: "claude-sonnet-4-6",
      env: { ANTHROPIC_API_KEY: "dummy", ANTHROPIC_BASE_URL: server.url },
      home,
      promptFile,
      maxTurns: 3,
    });

    const result = await run(command, app);

    expect(result.stderr).not.toContain("unknown option");
    expect(result.code).toBe(0);
    expect(requestsWithPrompt("/v1/messages").length).toBeGreaterThan(0);
    const last = JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "{}");
    expect(last).toMatchObject({
      type: "result",
      is_error: false,
      result: replyText,
    });
  });

  it(
    "codex accepts config.toml and reads a --- prompt from stdin",
    { timeout: 120_000 },
    async () => {
      const { home, app, promptFile } = layout("codex");
      const command = buildCodexCommand({
        provider: "openai",
        model: "gpt-5.5",
        env: { OPENAI_API_KEY: "dummy", OPENAI_BASE_URL: `${server.url}/v1` },
        home,
        promptFile,
      });

      const result = await run(command, app);

      expect(result.code).toBe(0);
      expect(requestsWithPrompt("/v1/responses").length).toBeGreaterThan(0);
      expect(result.stdout).toContain('"type":"turn.completed"');
    },
  );

  it(
    "gemini accepts settings.json and reads a --- prompt from stdin",
    { timeout: 120_000 },
    async () => {
      const { home, app, promptFile } = layout("gemini");
      const command = buildGeminiCliCommand({
        provider: "google",
        model: "gemini-2.5-pro",
        env: { GEMINI_API_KEY: "dummy", GOOGLE_GEMINI_BASE_URL: server.url },
        home,
        promptFile,
      });

      const result = await run(command, app);

      expect(result.code).toBe(0);
      expect(
        requestsWithPrompt(":streamGenerateContent").length,
      ).toBeGreaterThan(0);
      const last = JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "{}");
      expect(last).toMatchObject({ type: "result", status: "success" });
    },
  );

  it(
    "claude on OpenRouter sends the key as a bearer token",
    { timeout: 120_000 },
    async () => {
      const { home, app, promptFile } = layout("claude-openrouter");
      const command = buildClaudeCodeCommand({
        provider: "openrouter",
        model: "anthropic/claude-sonnet-4.6",
        env: {
          OPENROUTER_API_KEY: "sk-or-test",
          ANTHROPIC_API_KEY: "must-not-be-sent",
          OPENROUTER_BASE_URL: `${server.url}/api/v1`,
        },
        home,
        promptFile,
      });

      const result = await run(command, app);
      const calls = requestsWithPrompt("/api/v1/messages");

      expect(result.code).toBe(0);
      expect(calls.length).toBeGreaterThan(0);
      expect(calls[0].headers.authorization).toBe("Bearer sk-or-test");
      expect(calls[0].headers["x-api-key"]).toBeUndefined();
      expect(JSON.parse(calls[0].bodyText).model).toBe(
        "anthropic/claude-sonnet-4.6",
      );
    },
  );

  it(
    "codex on OpenRouter uses the custom provider's key and headers",
    { timeout: 120_000 },
    async () => {
      const { home, app, promptFile } = layout("codex-openrouter");
      const command = buildCodexCommand({
        provider: "openrouter",
        model: "openai/gpt-5.5",
        env: {
          OPENROUTER_API_KEY: "sk-or-test",
          OPENROUTER_BASE_URL: `${server.url}/or/v1`,
          OPENROUTER_X_TITLE: "Jetty",
        },
        home,
        promptFile,
      });

      const result = await run(command, app);
      const calls = requestsWithPrompt("/or/v1/responses");

      expect(result.code).toBe(0);
      expect(calls.length).toBeGreaterThan(0);
      expect(calls[0].headers.authorization).toBe("Bearer sk-or-test");
      expect(calls[0].headers["x-title"]).toBe("Jetty");
    },
  );
});
