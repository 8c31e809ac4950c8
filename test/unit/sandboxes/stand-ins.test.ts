import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, describe, expect, it } from "vitest";

// The stand-ins' argument checks, run on the host: a refused argv never
// reaches the replay, so nothing is written outside a sandbox.
const bin = path.resolve("test/stand-ins/bin");
const promptDir = fs.mkdtempSync(path.join(os.tmpdir(), "jetty-standin-"));
const promptFile = path.join(promptDir, "prompt.md");
fs.writeFileSync(promptFile, "---\nagent: hermes\n---\nDo the task.\n");
afterAll(() => fs.rmSync(promptDir, { recursive: true, force: true }));

function run(program: "hermes" | "goose", args: string[]) {
  const result = spawnSync(
    process.execPath,
    [path.join(bin, program), ...args],
    {
      encoding: "utf8",
    },
  );

  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("stand-in executables", () => {
  it.each(["hermes", "goose"] as const)(
    "%s --version says it is a stand-in",
    (program) => {
      const result = run(program, ["--version"]);

      expect(result.code).toBe(0);
      expect(result.stdout).toContain("fixture-replay stand-in");
    },
  );

  it.each([
    ["no subcommand", ["--yolo", "-q", "hi"]],
    [
      "--yolo after chat (it is a top-level flag)",
      ["chat", "--yolo", "-q", "hi", "--format", "stream-json"],
    ],
    [
      "a prompt that starts with ---",
      ["chat", "-q", "---\nx", "--format", "stream-json"],
    ],
    [
      "both -q and --query-file",
      [
        "chat",
        "-q",
        "hi",
        "--query-file",
        promptFile,
        "--format",
        "stream-json",
      ],
    ],
    ["text output", ["chat", "--query-file", promptFile]],
    [
      "an unknown option",
      [
        "chat",
        "--query-file",
        promptFile,
        "--format",
        "stream-json",
        "--bogus",
      ],
    ],
    [
      "a non-numeric --max-turns",
      [
        "chat",
        "--query-file",
        promptFile,
        "--format",
        "stream-json",
        "--max-turns",
        "x",
      ],
    ],
  ])("hermes refuses %s with exit 2", (_name, args) => {
    const result = run("hermes", args);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^hermes( chat)?: error: /);
  });

  it.each([
    ["no run subcommand", ["-i", promptFile, "--output-format", "stream-json"]],
    [
      "-t with front matter",
      ["run", "-t", "---\nx", "--output-format", "stream-json"],
    ],
    ["no input", ["run", "--output-format", "stream-json"]],
    ["text output", ["run", "-i", promptFile]],
    [
      "an unknown option",
      ["run", "-i", promptFile, "--output-format", "stream-json", "--bogus"],
    ],
    [
      "an unreadable -i file",
      ["run", "-i", `${promptFile}.missing`, "--output-format", "stream-json"],
    ],
  ])("goose refuses %s with exit 2", (_name, args) => {
    const result = run("goose", args);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^goose: error: /);
  });
});
