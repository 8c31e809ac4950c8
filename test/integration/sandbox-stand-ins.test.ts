import { readFileSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { createLocalSandboxProvider } from "@/lib/sandboxes/local";
import type { Sandbox, SandboxProvider } from "@/lib/sandboxes/types";

// The hermes and goose STAND-INS (fixture replay; the real CLIs cannot be
// installed here) on the sandbox PATH through agentPath, the way
// JETTY_AGENT_PATH puts them there for worker and e2e tests.
const standIns = path.resolve("test/stand-ins/bin");
const fixture = (name: string) =>
  readFileSync(path.join(standIns, "lib", "fixtures", `${name}.jsonl`), "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Record<string, unknown>);

let base: string;
let provider: SandboxProvider;
const open: Sandbox[] = [];
let counter = 0;

beforeAll(async () => {
  base = await fs.mkdtemp(path.join(os.tmpdir(), "jetty-standins-"));
  provider = createLocalSandboxProvider({
    rootDir: path.join(base, "sandboxes"),
    agentPath: [standIns],
  });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.destroy()));
});
afterAll(() => fs.rm(base, { recursive: true, force: true }));

async function runStandIn(
  prompt: string,
  argv: string[],
  env: Record<string, string> = {},
) {
  const sandbox = await provider.create({
    runId: `standin-${process.pid}-${++counter}`,
    snapshot: "python312-uv",
    env: {},
    labels: {},
    timeoutSec: 60,
  });
  open.push(sandbox);
  await sandbox.writeFile("/app/prompt.md", prompt);
  let stdout = "";
  const result = await sandbox.exec({
    argv,
    env,
    onStdout: (chunk) => (stdout += Buffer.from(chunk).toString("utf8")),
    onStderr: () => {},
  });
  const events = stdout
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

  return { sandbox, result, events };
}

const hermesArgv = [
  "hermes",
  "--yolo",
  "chat",
  "--query-file",
  "/app/prompt.md",
  "--format",
  "stream-json",
  "-m",
  "anthropic/claude-sonnet-4.6",
  "--provider",
  "anthropic",
];
const gooseArgv = [
  "goose",
  "run",
  "-i",
  "/app/prompt.md",
  "--output-format",
  "stream-json",
  "--no-session",
];

describe("hermes stand-in in the sandbox", () => {
  it("is found first on PATH, replays success and writes the report", async () => {
    const { sandbox, result, events } = await runStandIn(
      "---\nagent: hermes\n---\nWrite the report.\n",
      hermesArgv,
    );

    expect(result).toEqual({ exitCode: 0, signal: null });
    expect(events.map((e) => e.type)).toEqual(
      fixture("hermes.success").map((e) => e.type),
    );
    expect(events[0]).toMatchObject({
      type: "system",
      model: "anthropic/claude-sonnet-4.6",
    });
    expect(await sandbox.listFiles("/app/results")).toEqual([
      { path: "report.md", size: expect.any(Number) },
    ]);
  });

  it("replays the error fixture and exits 1 when the prompt says FAIL", async () => {
    const { sandbox, result, events } = await runStandIn(
      "Please FAIL now.",
      hermesArgv,
    );

    expect(result.exitCode).toBe(1);
    expect(events.at(-1)).toMatchObject({ type: "result", exit_code: 1 });
    expect(await sandbox.listFiles("/app/results")).toEqual([]);
  });
});

describe("goose stand-in in the sandbox", () => {
  it("replays success and writes the report", async () => {
    const { sandbox, result, events } = await runStandIn(
      "Write the report.",
      gooseArgv,
    );

    expect(result).toEqual({ exitCode: 0, signal: null });
    expect(events).toEqual(fixture("goose.success"));
    expect(
      (await sandbox.readFile("/app/results/report.md")).toString(),
    ).toContain("# Report");
  });

  it("replays the fixture JETTY_STANDIN_FIXTURE names, and exits 1 on its error", async () => {
    const { sandbox, result, events } = await runStandIn(
      "Write the report.",
      gooseArgv,
      {
        JETTY_STANDIN_FIXTURE: "error",
      },
    );

    expect(result.exitCode).toBe(1);
    expect(events).toEqual(fixture("goose.error"));
    expect(await sandbox.listFiles("/app/results")).toEqual([]);
  });
});
