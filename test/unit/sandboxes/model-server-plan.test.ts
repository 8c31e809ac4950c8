import { describe, expect, it } from "vitest";

import {
  finalText,
  firstLineOf,
  planTurn,
  reportText,
  type OfferedTool,
} from "@/test/support/model-server/plan";

const fn = (
  name: string,
  properties: Record<string, object>,
  required?: string[],
) =>
  ({
    name,
    kind: "function",
    parameters: { type: "object", properties, required },
  }) satisfies OfferedTool;

const claudeTools = [
  fn("Agent", { prompt: { type: "string" } }),
  fn("Bash", { command: { type: "string" }, timeout: { type: "number" } }, [
    "command",
  ]),
  fn("Read", { file_path: { type: "string" } }, ["file_path"]),
  fn("Write", { file_path: { type: "string" }, content: { type: "string" } }, [
    "file_path",
    "content",
  ]),
];
const codexTools: OfferedTool[] = [
  fn(
    "exec_command",
    { cmd: { type: "string" }, yield_time_ms: { type: "number" } },
    ["cmd"],
  ),
  { name: "apply_patch", kind: "custom" },
];
const geminiTools = [
  fn("read_file", { file_path: { type: "string" } }, ["file_path"]),
  fn("run_shell_command", { command: { type: "string" } }, ["command"]),
  fn("write_file", {
    file_path: { type: "string" },
    content: { type: "string" },
  }),
];

describe("planTurn", () => {
  it("walks read → ls → write → final with Claude's tool and argument names", () => {
    const steps = [0, 1, 2, 3].map((n) =>
      planTurn(
        claudeTools,
        ["1\thello token-7\n2\t", "listing", "ok"].slice(0, n),
      ),
    );

    expect(
      steps.map((s) => (s.kind === "tool" ? s.tool.name : s.kind)),
    ).toEqual(["Read", "Bash", "Write", "final"]);
    expect(steps[0]).toMatchObject({ input: { file_path: "/app/input.txt" } });
    expect(steps[1]).toMatchObject({ input: { command: "ls -la /app" } });
    expect(steps[2]).toMatchObject({
      input: {
        file_path: "/app/results/report.md",
        content: reportText("hello token-7"),
      },
    });
    expect(steps[3]).toEqual({ kind: "final", text: finalText });
  });

  it("reads with the shell and writes with an apply_patch patch for codex", () => {
    const read = planTurn(codexTools, []);
    const write = planTurn(codexTools, [
      "Chunk ID: 1\nProcess exited with code 0\nOutput:\nhello codex\n",
      "listing",
    ]);

    expect(read).toMatchObject({
      tool: { name: "exec_command" },
      input: { cmd: "cat /app/input.txt" },
    });
    expect(write.kind === "tool" && write.tool.name).toBe("apply_patch");
    expect(write.kind === "tool" && write.input).toBe(
      [
        "*** Begin Patch",
        "*** Add File: /app/results/report.md",
        ...reportText("hello codex")
          .replace(/\n$/, "")
          .split("\n")
          .map((l) => `+${l}`),
        "*** End Patch",
        "",
      ].join("\n"),
    );
  });

  it("uses gemini's tool names", () => {
    const names = [0, 1, 2].map((n) => {
      const turn = planTurn(geminiTools, ["a", "b"].slice(0, n));
      return turn.kind === "tool" ? turn.tool.name : turn.kind;
    });

    expect(names).toEqual(["read_file", "run_shell_command", "write_file"]);
  });

  it("writes through a shell heredoc when no write tool is offered", () => {
    const turn = planTurn(
      [fn("shell", { command: { type: "array" } })],
      ["x", "y"],
    );

    expect(turn.kind === "tool" && turn.input).toEqual({
      command: [
        "bash",
        "-lc",
        `mkdir -p /app/results && cat > /app/results/report.md <<'JETTY_EOF'\n${reportText("x")}JETTY_EOF`,
      ],
    });
  });

  it("fills required arguments it does not know with typed defaults", () => {
    const turn = planTurn(
      [
        fn("Read", { file_path: {}, limit: { type: "integer" } }, [
          "file_path",
          "limit",
        ]),
      ],
      [],
    );

    expect(turn.kind === "tool" && turn.input).toEqual({
      file_path: "/app/input.txt",
      limit: 0,
    });
  });

  it("answers with plain text when a request offers no tools", () => {
    expect(planTurn([], [])).toEqual({ kind: "final", text: "OK." });
  });
});

describe("firstLineOf", () => {
  it.each([
    ["claude's numbered lines", "1\thello there\n2\t", "hello there"],
    [
      "codex exec output",
      "Wall time: 0s\nOutput:\n\nhello there\n",
      "hello there",
    ],
    [
      "JSON with output",
      JSON.stringify({ output: "hello there\n" }),
      "hello there",
    ],
    ["plain text", "\n  hello there  \nmore", "hello there"],
    ["nothing", "", "(empty)"],
  ])("extracts the first line from %s", (_name, input, expected) => {
    expect(firstLineOf(input)).toBe(expected);
  });
});
