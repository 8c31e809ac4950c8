import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { createLocalSandboxProvider } from "@/lib/sandboxes/local";
import type { Sandbox, SandboxProvider } from "@/lib/sandboxes/types";
import {
  reportPath,
  reportText,
  startModelServer,
  type ModelServer,
} from "@/test/support/model-server";

// The REAL claude, codex and gemini CLIs (project dependencies) inside the
// local sandbox, talking to the scripted model server on 127.0.0.1. The
// argv/env follow ../shared/agent-clis.md 2.6, 3.6 and 4.6; the production
// command builders live in lib/runtimes/ and are tested there.
let base: string;
let provider: SandboxProvider;
let server: ModelServer;
const open: Sandbox[] = [];
let counter = 0;
const prompt = "Read input.txt, run ls, and write results/report.md";

beforeAll(async () => {
  base = await fs.mkdtemp(path.join(os.tmpdir(), "jetty-agents-"));
  provider = createLocalSandboxProvider({
    rootDir: path.join(base, "sandboxes"),
  });
  server = await startModelServer({ slowMs: 60_000 });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.destroy()));
});
afterAll(async () => {
  await server.close();
  await fs.rm(base, { recursive: true, force: true });
});

/** A fresh sandbox with an input file whose first line is unique. */
async function sandboxWithInput() {
  const sandbox = await provider.create({
    runId: `agent-${process.pid}-${++counter}`,
    snapshot: "python312-uv",
    env: {},
    labels: {},
    timeoutSec: 60,
  });
  open.push(sandbox);
  const line = `hello from input.txt, token ${counter}-${Date.now()}`;
  await sandbox.writeFile("/app/input.txt", `${line}\nsecond line\n`);

  return { sandbox, line };
}

async function run(
  sandbox: Sandbox,
  argv: string[],
  env: Record<string, string>,
  signal = AbortSignal.timeout(45_000),
) {
  let stdout = "";
  let stderr = "";
  const result = await sandbox.exec({
    argv,
    env: { TERM: "dumb", ...env },
    signal,
    onStdout: (chunk) => (stdout += Buffer.from(chunk).toString("utf8")),
    onStderr: (chunk) => (stderr += Buffer.from(chunk).toString("utf8")),
  });
  const events = stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

  return { ...result, stdout, stderr, events };
}

function claudeCommand(sandbox: Sandbox, apiKey: string) {
  return {
    argv: [
      "claude",
      "-p",
      "--output-format",
      "stream-json",
      "--verbose",
      "--dangerously-skip-permissions",
      "--model",
      "claude-sonnet-4-5",
      "--max-turns",
      "10",
      "--",
      prompt,
    ],
    env: {
      CLAUDE_CONFIG_DIR: `${sandbox.home}/.claude`,
      ANTHROPIC_BASE_URL: server.url,
      ANTHROPIC_API_KEY: apiKey,
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
      DISABLE_AUTOUPDATER: "1",
      DISABLE_TELEMETRY: "1",
      DISABLE_ERROR_REPORTING: "1",
      // Claude refuses --dangerously-skip-permissions as root without it.
      IS_SANDBOX: "1",
      CLAUDE_CODE_MAX_RETRIES: "1",
    },
  };
}

function requestsWithKey(key: string) {
  return server.requests.filter((r) => JSON.stringify(r.body).includes(key));
}

describe("real agent CLIs in the local sandbox", () => {
  it(
    "claude-code reads, lists and writes the report",
    { timeout: 60_000 },
    async () => {
      const { sandbox, line } = await sandboxWithInput();
      const { argv, env } = claudeCommand(sandbox, "dummy");

      const result = await run(sandbox, argv, env);

      expect(result).toMatchObject({ exitCode: 0, signal: null });
      expect(result.events.at(-1)).toMatchObject({
        type: "result",
        is_error: false,
      });
      expect((await sandbox.readFile(reportPath)).toString()).toBe(
        reportText(line),
      );
      expect(requestsWithKey(line).map((r) => r.route)).toContain(
        "anthropic.messages",
      );
    },
  );

  it(
    "claude-code ends non-zero when the model server rejects the key",
    { timeout: 60_000 },
    async () => {
      const { sandbox } = await sandboxWithInput();
      const { argv, env } = claudeCommand(sandbox, "scenario:auth");

      const result = await run(sandbox, argv, env);

      expect(result.exitCode).not.toBe(0);
      expect(result.events.at(-1)).toMatchObject({
        type: "result",
        is_error: true,
      });
      expect(await sandbox.listFiles("/app/results")).toEqual([]);
    },
  );

  it(
    "codex writes the report with apply_patch via a custom provider",
    { timeout: 60_000 },
    async () => {
      const { sandbox, line } = await sandboxWithInput();
      const codexHome = `${sandbox.home}/.codex`;
      await sandbox.writeFile(
        `${codexHome}/config.toml`,
        [
          'model = "gpt-5.5"',
          'model_provider = "stub"',
          'approval_policy = "never"',
          'sandbox_mode = "danger-full-access"',
          "",
          "[model_providers.stub]",
          'name = "Local stub"',
          `base_url = "${server.url}/v1"`,
          'env_key = "STUB_API_KEY"',
          'wire_api = "responses"',
          "",
          "[features]",
          "plugins = false",
          "",
          "[analytics]",
          "enabled = false",
          "",
        ].join("\n"),
      );

      const result = await run(
        sandbox,
        [
          "codex",
          "exec",
          "--json",
          "--skip-git-repo-check",
          "--dangerously-bypass-approvals-and-sandbox",
          "--",
          prompt,
        ],
        { CODEX_HOME: codexHome, STUB_API_KEY: "dummy" },
      );

      expect(result).toMatchObject({ exitCode: 0, signal: null });
      expect(result.events.at(-1)).toMatchObject({ type: "turn.completed" });
      expect(result.events).toContainEqual(
        expect.objectContaining({
          type: "item.completed",
          item: expect.objectContaining({ type: "file_change" }),
        }),
      );
      expect((await sandbox.readFile(reportPath)).toString()).toBe(
        reportText(line),
      );
    },
  );

  it(
    "gemini-cli reads, runs and writes the report",
    { timeout: 60_000 },
    async () => {
      const { sandbox, line } = await sandboxWithInput();
      await sandbox.writeFile(
        `${sandbox.home}/.gemini/settings.json`,
        JSON.stringify({
          security: { auth: { selectedType: "gemini-api-key" } },
          privacy: { usageStatisticsEnabled: false },
          telemetry: { enabled: false },
          general: {
            enableAutoUpdate: false,
            enableAutoUpdateNotification: false,
          },
        }),
      );

      const result = await run(
        sandbox,
        [
          "gemini",
          "--output-format",
          "stream-json",
          "--yolo",
          "-m",
          "gemini-2.5-pro",
          `--prompt=${prompt}`,
        ],
        {
          TMPDIR: "/tmp",
          GOOGLE_GEMINI_BASE_URL: server.url,
          GEMINI_API_KEY: "dummy",
          GEMINI_CLI_TRUST_WORKSPACE: "true",
        },
      );

      expect(result).toMatchObject({ exitCode: 0, signal: null });
      expect(result.events.at(-1)).toMatchObject({
        type: "result",
        status: "success",
      });
      expect((await sandbox.readFile(reportPath)).toString()).toBe(
        reportText(line),
      );
    },
  );

  it(
    "aborting claude while it waits on a slow model stops it",
    { timeout: 60_000 },
    async () => {
      const { sandbox } = await sandboxWithInput();
      const { argv, env } = claudeCommand(sandbox, "scenario:slow");
      const controller = new AbortController();
      const before = server.requests.length;
      const running = run(sandbox, argv, env, controller.signal);

      await expect
        .poll(
          () =>
            server.requests.slice(before).some((r) => r.scenario === "slow"),
          {
            timeout: 30_000,
          },
        )
        .toBe(true);
      controller.abort();
      const result = await running;

      expect(result.exitCode).not.toBe(0);
      expect(await sandbox.listFiles("/app/results")).toEqual([]);
    },
  );
});
