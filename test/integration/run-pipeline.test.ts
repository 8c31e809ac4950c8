import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "../support/db";
import { startModelServer, type ModelServer } from "../support/model-server";
import {
  expectGapFreeSeqs,
  runToEnd,
  startSeededRun,
  startTestWorker,
  trajectoryOf as trajectoryOfIn,
  waitFor,
  waitForEnd,
} from "../support/runs";
import { setTestAppEnv } from "../support/seed";

/**
 * The run pipeline end to end, for real: use cases → pg-boss → worker →
 * bubblewrap sandbox → the real Claude Code CLI → a scripted model server on
 * 127.0.0.1 → events, results and agent log in PostgreSQL and storage.
 */

const repoRoot = path.resolve(__dirname, "../..");
let db: TestDatabase;
let modelServer: ModelServer;
let dataDir: string;

const runbook = (body: string, extra = "") => `---
agent: claude-code
model: claude-sonnet-4-5
timeout_sec: 120
${extra}---
${body}
`;
const reportBody =
  "Read the file /etc/os-release, run `ls -la /app`, and write a short report to {{results_dir}}/report.md.";

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "jetty-pipeline-"));
  setTestAppEnv(dataDir);
  db = await createTestDatabase();
  modelServer = await startModelServer();
});

afterAll(async () => {
  const { stopBoss } = await import("@/lib/runs/queue");
  await stopBoss();
  await modelServer?.close();
  await db?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

const trajectoryOf = (id: string) => trajectoryOfIn(db.prisma, id);
const claudeEnv = (apiKey: string) => ({
  ANTHROPIC_API_KEY: apiKey,
  ANTHROPIC_BASE_URL: modelServer.url,
});
/** Runs `text` with Claude Code on the model server under `apiKey`, to the end. */
const run = (apiKey: string, text = runbook(reportBody), timeoutMs = 60_000) =>
  runToEnd(db.prisma, claudeEnv(apiKey), text, timeoutMs);

describe("the run pipeline with an in-process worker", () => {
  let worker: { stop(): Promise<void> };

  beforeAll(async () => {
    // A short stall threshold, so the slow scenario trips the watchdog.
    worker = await startTestWorker({
      prisma: db.prisma,
      dataDir,
      stallWarningSec: 2,
    });
  });

  afterAll(async () => {
    await worker?.stop();
  });

  it("runs claude-code to completion and keeps report.md and the agent log", async () => {
    const done = await run("scenario:report");

    expect(done.status).toBe("completed");
    expect(done.failureKind).toBeNull();
    expect(done.resultFiles.map((f) => f.path)).toEqual(["report.md"]);
    expectGapFreeSeqs(done.events);
    const types = done.events.map((e) => e.type);
    expect(types[0]).toBe("status");
    expect(types).toContain("agent.init");
    expect(types).toContain("tool.call");
    expect(types).toContain("tool.result");
    expect(types.at(-2)).toBe("result");
    expect(done.events.at(-1)?.payload).toMatchObject({ status: "completed" });
    const usage = done.usage as {
      input: number;
      output: number;
      costUsd: number;
    };
    expect(usage.output).toBeGreaterThan(0);
    expect(usage.costUsd).toBeGreaterThan(0);

    const { createLocalStorage } = await import("@/lib/storage/local-storage");
    const storage = createLocalStorage(path.join(dataDir, "storage"));
    const report = await storage.read(done.resultFiles[0].storageKey);
    expect(report.toString("utf8")).toContain("# Report");
    const agentLog = await storage.read(done.agentLogKey!);
    expect(agentLog.toString("utf8")).toContain('"type":"result"');
    // The API key value never reaches the stored log.
    expect(agentLog.toString("utf8")).not.toContain("scenario:report");
    // The sandbox is gone.
    expect(existsSync(path.join(dataDir, "sandboxes", done.id))).toBe(false);
  });

  it("ends a run the model server refuses as failed with kind auth", async () => {
    const done = await run("scenario:auth");

    expect(done.status).toBe("failed");
    expect(done.failureKind).toBe("auth");
    const result = done.events.find((e) => e.type === "result")?.payload as {
      success: boolean;
      text?: string;
    };
    expect(result.success).toBe(false);
    expect(result.text).toBeUndefined();
    expect(done.events.some((e) => e.type === "error")).toBe(true);
    expectGapFreeSeqs(done.events);
    expect(existsSync(path.join(dataDir, "sandboxes", done.id))).toBe(false);
  });

  it("stops a running agent when the user cancels", async () => {
    const { cancelRun } = await import("@/lib/runs/cancel-run");
    const { ctx, trajectoryId } = await startSeededRun(
      claudeEnv("scenario:slow:5000"),
      runbook(reportBody),
    );
    await waitFor(
      () => trajectoryOf(trajectoryId),
      (t) => t.events.some((e) => e.type === "agent.init"),
    );

    await cancelRun({ ctx, trajectoryId });
    const done = await waitForEnd(db.prisma, trajectoryId, 30_000);

    expect(done.status).toBe("cancelled");
    expect(done.failureKind).toBe("cancelled");
    expectGapFreeSeqs(done.events);
    expect(existsSync(path.join(dataDir, "sandboxes", trajectoryId))).toBe(
      false,
    );
  });

  it("warns on the timeline when the agent goes quiet, and keeps going (B10)", async () => {
    const done = await run("scenario:slow:3000");

    expect(done.status).toBe("completed");
    const stalls = done.events.filter(
      (e) =>
        e.type === "error" &&
        (e.payload as { message: string; fatal: boolean }).message.includes(
          "stalled",
        ),
    );
    expect(stalls.length).toBeGreaterThan(0);
    expect(
      stalls.every((e) => (e.payload as { fatal: boolean }).fatal === false),
    ).toBe(true);
  });

  it("fails a run at its wall-clock limit with kind timeout", async () => {
    const done = await run(
      "scenario:slow:5000",
      runbook(reportBody, "").replace("timeout_sec: 120", "timeout_sec: 3"),
      30_000,
    );

    expect(done.status).toBe("failed");
    expect(done.failureKind).toBe("timeout");
  });

  it("refuses a runbook before any sandbox exists when its key is missing", async () => {
    const before = await db.prisma.trajectory.count();

    await expect(startSeededRun({}, runbook(reportBody))).rejects.toMatchObject(
      {
        code: "provider_unavailable",
        message: expect.stringContaining("ANTHROPIC_API_KEY"),
      },
    );
    expect(await db.prisma.trajectory.count()).toBe(before);
  });
});

describe("a worker that shuts down mid-run", () => {
  it("fails the run once, as worker shut down, and destroys its sandbox", async () => {
    const worker = await startTestWorker({ prisma: db.prisma, dataDir });
    const { trajectoryId } = await startSeededRun(
      claudeEnv("scenario:slow:5000"),
      runbook(reportBody),
    );
    await waitFor(
      () => trajectoryOf(trajectoryId),
      (t) => t.events.some((e) => e.type === "agent.init"),
    );

    await worker.stop();

    const done = await trajectoryOf(trajectoryId);
    expect(done.status).toBe("failed");
    expect(done.failureKind).toBe("sandbox_error");
    const fatal = done.events.filter(
      (e) => e.type === "error" && (e.payload as { fatal: boolean }).fatal,
    );
    expect(fatal).toHaveLength(1);
    expect(fatal[0].payload).toMatchObject({
      message: expect.stringContaining("shut down"),
    });
    expect(existsSync(path.join(dataDir, "sandboxes", trajectoryId))).toBe(
      false,
    );
  });
});

describe("a worker killed mid-run", () => {
  const workers: ChildProcess[] = [];

  const spawnWorker = () => {
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"],
      {
        cwd: repoRoot,
        env: {
          ...process.env,
          DATABASE_URL: db.url,
          JETTY_DATA_DIR: dataDir,
          JETTY_STALE_AFTER_MS: "3000",
          LOG_LEVEL: "warn",
        },
        stdio: ["ignore", "inherit", "inherit"],
      },
    );
    workers.push(child);

    return child;
  };

  afterAll(async () => {
    for (const child of workers) child.kill("SIGKILL");
  });

  it("keeps the events already written and fails the run as worker lost", async () => {
    const first = spawnWorker();
    const { trajectoryId } = await startSeededRun(
      claudeEnv("scenario:slow:3000"),
      runbook(reportBody),
    );
    const running = await waitFor(
      () => trajectoryOf(trajectoryId),
      (t) =>
        t.status === "running" && t.events.some((e) => e.type === "tool.call"),
    );
    const seenBefore = running.events.map((e) => e.seq);

    first.kill("SIGKILL");
    await new Promise((r) => first.once("exit", r));
    spawnWorker();
    const done = await waitForEnd(db.prisma, trajectoryId, 60_000);

    expect(done.status).toBe("failed");
    expect(done.failureKind).toBe("sandbox_error");
    expect(done.events.find((e) => e.type === "error")?.payload).toMatchObject({
      message: expect.stringContaining("worker"),
    });
    // Nothing written before the kill was lost, and nothing is duplicated.
    expect(done.events.map((e) => e.seq).slice(0, seenBefore.length)).toEqual(
      seenBefore,
    );
    expectGapFreeSeqs(done.events);
    // The sandbox died with its worker and its folder was reaped.
    await waitFor(
      async () =>
        (
          await readdir(path.join(dataDir, "sandboxes")).catch(
            () => [] as string[],
          )
        ).includes(trajectoryId),
      (present) => !present,
      20_000,
    );
  });
});
