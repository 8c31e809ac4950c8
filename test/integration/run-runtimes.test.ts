import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "../support/db";
import { startModelServer, type ModelServer } from "../support/model-server";
import { expectGapFreeSeqs, runToEnd, startTestWorker } from "../support/runs";
import { setTestAppEnv } from "../support/seed";

/**
 * Every runtime through the same pipeline. claude-code, codex and gemini-cli
 * are the real CLIs from npm talking to the scripted model server; hermes and
 * goose cannot be installed here, so test/stand-ins/bin replays their
 * recorded output (the stand-ins say so in their --version).
 */

const repoRoot = path.resolve(__dirname, "../..");
let db: TestDatabase;
let modelServer: ModelServer;
let dataDir: string;
let worker: { stop(): Promise<void> };

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "jetty-runtimes-"));
  setTestAppEnv(dataDir);
  db = await createTestDatabase();
  modelServer = await startModelServer();
  worker = await startTestWorker({
    prisma: db.prisma,
    dataDir,
    agentPath: [path.join(repoRoot, "test/stand-ins/bin")],
  });
});

afterAll(async () => {
  await worker?.stop();
  await modelServer?.close();
  await db?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

const body =
  "Read the file /etc/os-release, run `ls -la /app`, and write a short report to {{results_dir}}/report.md.";

interface RuntimeCase {
  agent: string;
  model: string;
  provider?: string;
  env: (scenario: string) => Record<string, string>;
}

const cases: RuntimeCase[] = [
  {
    agent: "claude-code",
    model: "claude-sonnet-4-5",
    env: (scenario) => ({
      ANTHROPIC_API_KEY: `scenario:${scenario}`,
      ANTHROPIC_BASE_URL: modelServer.url,
    }),
  },
  {
    agent: "codex",
    model: "gpt-5.5",
    env: (scenario) => ({
      OPENAI_API_KEY: `scenario:${scenario}`,
      OPENAI_BASE_URL: `${modelServer.url}/v1`,
    }),
  },
  {
    agent: "gemini-cli",
    model: "gemini-2.5-pro",
    env: (scenario) => ({
      GEMINI_API_KEY: `scenario:${scenario}`,
      GOOGLE_GEMINI_BASE_URL: modelServer.url,
    }),
  },
  {
    agent: "claude-code",
    model: "anthropic/claude-sonnet-4.6",
    provider: "openrouter",
    env: (scenario) => ({
      OPENROUTER_API_KEY: `scenario:${scenario}`,
      OPENROUTER_BASE_URL: `${modelServer.url}/api/v1`,
    }),
  },
];

const run = (runbookText: string, env: Record<string, string>) =>
  runToEnd(db.prisma, env, runbookText);

const runbookFor = (c: RuntimeCase, text = body) =>
  [
    "---",
    `agent: ${c.agent}`,
    `model: ${c.model}`,
    ...(c.provider ? [`model_provider: ${c.provider}`] : []),
    "timeout_sec: 120",
    "---",
    text,
    "",
  ].join("\n");

describe.each(cases)("$agent on $model (real CLI)", (c) => {
  it("writes report.md and ends completed", async () => {
    const done = await run(runbookFor(c), c.env("report"));

    expect(done.status, JSON.stringify(done.outcome)).toBe("completed");
    expect(done.resultFiles.map((f) => f.path)).toEqual(["report.md"]);
    const types = new Set(done.events.map((e) => e.type));
    for (const type of [
      "agent.init",
      "tool.call",
      "tool.result",
      "usage",
      "result",
    ]) {
      expect(types, type).toContain(type);
    }
    expectGapFreeSeqs(done.events);
  });

  it("ends failed with kind auth when the key is refused", async () => {
    const done = await run(runbookFor(c), c.env("auth"));

    expect(done.status).toBe("failed");
    expect(done.failureKind).toBe("auth");
    const result = done.events.find((e) => e.type === "result")?.payload as {
      text?: string;
    };
    expect(result.text).toBeUndefined();
  });
});

describe.each([
  { agent: "hermes", model: "anthropic/claude-sonnet-4.6" },
  { agent: "goose", model: "claude-sonnet-4-5" },
])("$agent (fixture-replay stand-in)", ({ agent, model }) => {
  const env = { ANTHROPIC_API_KEY: "sk-ant-standin-key-0001" };
  const text = (words: string) =>
    `---\nagent: ${agent}\nmodel: ${model}\nmodel_provider: anthropic\n---\n${words}\n`;

  it("replays a successful run to completed with its results file", async () => {
    const done = await run(text("Write a report."), env);

    expect(done.status, JSON.stringify(done.outcome)).toBe("completed");
    expect(done.resultFiles.length).toBeGreaterThan(0);
    expect(done.events.some((e) => e.type === "tool.call")).toBe(true);
    expectGapFreeSeqs(done.events);
  });

  it("replays a failed run to failed", async () => {
    const done = await run(text("Please FAIL this run."), env);

    expect(done.status).toBe("failed");
    expect(done.failureKind).not.toBeNull();
  });
});

describe("secret values in agent output (B30)", () => {
  it("never stores a collection key the agent printed", async () => {
    const leaky = await startModelServer({ scenario: "leak" });
    const key = "sk-ant-api03-TESTONLY-b30-Zq9xK2mN8pL4vR7tY1wE";
    try {
      const done = await run(runbookFor(cases[0]), {
        ANTHROPIC_API_KEY: key,
        ANTHROPIC_BASE_URL: leaky.url,
      });

      expect(done.status, JSON.stringify(done.outcome)).toBe("completed");
      const stored = JSON.stringify(done, (_k, v) =>
        typeof v === "bigint" ? v.toString() : v,
      );
      expect(stored).not.toContain(key);
      expect(stored).not.toContain("Zq9xK2mN8pL4vR7tY1wE");
      expect(stored).toContain("[REDACTED:ANTHROPIC_API_KEY]");
      const { createLocalStorage } =
        await import("@/lib/storage/local-storage");
      const storage = createLocalStorage(path.join(dataDir, "storage"));
      const log = (await storage.read(done.agentLogKey!)).toString("utf8");
      expect(log).toContain("[REDACTED:ANTHROPIC_API_KEY]");
      expect(log).not.toContain(key);
    } finally {
      await leaky.close();
    }
  });
});
