import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { JettyEventInput } from "@/lib/events/schema";
import { createClaudeCodeParser } from "@/lib/runtimes/claude-code/parser";
import { createLineReader } from "@/lib/runtimes/line-reader";
import { promptTokens } from "@/lib/runtimes/pricing";
import { createRedactor } from "@/lib/secrets/redactor";
import { casesDir, exitWith, runChunks, runText } from "./harness";

function caseText(name: string): string {
  return readFileSync(path.join(casesDir, name), "utf8");
}

function caseJson<T>(name: string): T {
  return JSON.parse(caseText(name)) as T;
}

function ofType<T extends JettyEventInput["type"]>(
  events: JettyEventInput[],
  type: T,
) {
  return events.filter((e) => e.type === type) as Extract<
    JettyEventInput,
    { type: T }
  >[];
}

describe("B01: API error reported as success with exit code 0", () => {
  const run = runText(
    "claude-code",
    caseText("B01.jsonl"),
    exitWith({ exitCode: 0 }),
  );

  it("fails with rate_limited and keeps HTTP 429: is_error wins over subtype and exit code", () => {
    expect(run.verdict).toMatchObject({
      success: false,
      kind: "rate_limited",
      httpStatus: 429,
    });
  });

  it("never takes the error text as the answer", () => {
    expect(run.verdict.finalText).toBeUndefined();
    expect(ofType(run.events, "message")).toEqual([]);
    expect(run.verdict.message).toBe("API Error: Rate limit reached");
  });

  it("shows an error card", () => {
    expect(ofType(run.events, "error")).toEqual([
      {
        type: "error",
        payload: {
          message: "API Error: Rate limit reached",
          kind: "rate_limited",
          httpStatus: 429,
          fatal: true,
        },
      },
    ]);
  });

  it("records zero tokens and zero cost, not unknown", () => {
    expect(run.verdict.usage).toEqual({
      input: 0,
      output: 0,
      cacheRead: 0,
      cacheWrite: 0,
      costUsd: 0,
      costBasis: "reported",
    });
  });
});

describe("B03: result without a result key after an interrupt we asked for", () => {
  const text = caseText("B03.jsonl");

  it.each([0, 130])(
    "is cancelled, not failed, with exit code %i",
    (exitCode) => {
      const run = runText(
        "claude-code",
        text,
        exitWith({ exitCode, cancelled: true }),
      );

      expect(run.verdict).toMatchObject({
        success: false,
        kind: "cancelled",
        message: "Stopped by user",
      });
      expect(run.verdict.finalText).toBeUndefined();
      expect(
        ofType(run.events, "error").filter((e) => e.payload.fatal),
      ).toEqual([]);
    },
  );

  it("still records the cost and usage of the result event", () => {
    const run = runText("claude-code", text, exitWith({ cancelled: true }));

    expect(run.verdict.usage).toEqual({
      input: 5,
      output: 61,
      cacheRead: 8800,
      cacheWrite: 0,
      costUsd: 0.0087,
      costBasis: "reported",
    });
  });

  it("keeps [ede_diagnostic] strings at debug level only", () => {
    for (const cancelled of [true, false]) {
      const run = runText("claude-code", text, exitWith({ cancelled }));
      const mentions = run.events.filter((e) =>
        JSON.stringify(e).includes("[ede_diagnostic]"),
      );

      expect(mentions).toEqual([
        {
          type: "log",
          payload: {
            stream: "system",
            level: "debug",
            text: "[ede_diagnostic] result_type=user stop_reason=tool_use",
          },
        },
      ]);
      expect(run.verdict.message).not.toContain("ede_diagnostic");
    }
  });

  it("fails with a readable message when nobody asked for the stop", () => {
    const run = runText("claude-code", text, exitWith({ exitCode: 0 }));

    expect(run.verdict).toMatchObject({
      success: false,
      kind: "agent_error",
      message: "Claude Code stopped with an error (error_during_execution)",
    });
  });
});

describe("B04: the same usage repeated on every content-block line", () => {
  const run = runText("claude-code", caseText("B04.jsonl"));

  it("takes result.usage and total_cost_usd as the run's totals", () => {
    expect(run.verdict.usage).toEqual({
      input: 17,
      output: 240,
      cacheRead: 32200,
      cacheWrite: 2000,
      costUsd: 0.0421,
      costBasis: "reported",
    });
  });

  it("counts each message id once in the running totals (17/240, not 53/780)", () => {
    const usage = ofType(run.events, "usage");
    const beforeResult = usage.filter((e) => e.payload.stepId !== undefined);

    expect(beforeResult.map((e) => e.payload.stepId)).toEqual([
      "msg_b04_A",
      "msg_b04_B",
    ]);
    expect(beforeResult[1].payload.total).toMatchObject({
      input: 17,
      output: 240,
      cacheRead: 32200,
      cacheWrite: 2000,
    });
  });

  it("groups the four blocks of one response under one step", () => {
    const stepA = run.events
      .filter(
        (e) =>
          "stepId" in e.payload &&
          e.payload.stepId === "msg_b04_A" &&
          e.type !== "usage",
      )
      .map((e) => e.type);

    expect(stepA).toEqual(["thinking", "message", "tool.call", "tool.call"]);
  });
});

describe("B05: UTF-8 characters split across chunks", () => {
  const scenario = caseJson<{
    chunks_base64: string[];
    expected_text_field: string;
    expected_event_count: number;
  }>("B05.json");
  const chunks = scenario.chunks_base64.map(
    (c) => new Uint8Array(Buffer.from(c, "base64")),
  );

  it("parses exactly the two lines, with the text intact", () => {
    const lines: string[] = [];
    const reader = createLineReader({ onLine: (line) => lines.push(line) });
    for (const chunk of chunks) reader.push(chunk);
    reader.end();

    expect(lines).toHaveLength(scenario.expected_event_count);
    expect(lines.join("\n")).not.toContain("\uFFFD");
  });

  it("puts no replacement character in any event", () => {
    const run = runChunks("claude-code", chunks, exitWith());
    const message = ofType(run.events, "message")[0];

    expect(message.payload.text).toBe(scenario.expected_text_field);
    expect(run.verdict.finalText).toBe(scenario.expected_text_field);
    expect(JSON.stringify(run)).not.toContain("\uFFFD");
  });
});

describe("B06: one JSONL line in several chunks; last line without a newline", () => {
  const scenario = caseJson<{
    chunks: string[];
    expected_event_types: string[];
    expected_tool_result_length: number;
    expected_final_result: string;
  }>("B06.json");
  const chunks = scenario.chunks.map((c) => new TextEncoder().encode(c));

  it("reads exactly five lines of the expected types", () => {
    const types: unknown[] = [];
    const reader = createLineReader({
      onLine: (line) => types.push(JSON.parse(line).type),
    });
    for (const chunk of chunks) reader.push(chunk);
    reader.end();

    expect(types).toEqual(scenario.expected_event_types);
  });

  it("keeps the 21,000-character tool result whole and logs no parse errors", () => {
    const run = runChunks("claude-code", chunks, exitWith());
    const result = ofType(run.events, "tool.result")[0];

    expect(result.payload.output).toHaveLength(
      scenario.expected_tool_result_length,
    );
    expect(ofType(run.events, "log")).toEqual([]);
  });

  it("accepts the unterminated final result line", () => {
    const run = runChunks("claude-code", chunks, exitWith());

    expect(run.verdict).toMatchObject({
      success: true,
      finalText: scenario.expected_final_result,
    });
  });

  it("warns, does not crash, when the final line is cut", () => {
    const cut = scenario.chunks.join("").slice(0, -20);
    const run = runText("claude-code", cut);

    expect(ofType(run.events, "log").at(-1)?.payload.text).toMatch(
      /^\{"type":"result"/,
    );
    expect(run.verdict).toMatchObject({ success: false, kind: "agent_error" });
    expect(run.verdict.message).toMatch(/Incomplete output/);
  });
});

describe("B08: turn.failed with exit code 0; transient error events", () => {
  const run = runText(
    "codex",
    caseText("B08.jsonl"),
    exitWith({ exitCode: 0 }),
  );
  const failure =
    "stream disconnected before completion: upstream model is at capacity";

  it("keeps going after a reconnect notice: the later command still appears", () => {
    const types = run.events.map((e) => e.type);
    const warning = run.events.findIndex(
      (e) => e.type === "error" && e.payload.message === "Reconnecting... 1/5",
    );

    expect(warning).toBeGreaterThan(-1);
    expect(run.events[warning].payload).toMatchObject({ fatal: false });
    expect(types.slice(warning + 1, warning + 3)).toEqual([
      "tool.call",
      "tool.result",
    ]);
  });

  it("fails with the turn.failed message despite exit code 0", () => {
    expect(run.verdict).toMatchObject({ success: false, message: failure });
    expect(
      ofType(run.events, "error").filter((e) => e.payload.fatal),
    ).toHaveLength(1);
  });

  it("marks the agent message partial and never takes it as the answer", () => {
    const messages = ofType(run.events, "message");

    expect(messages.at(-1)?.payload).toEqual({
      role: "assistant",
      text: "I'll start by installing the dependencies.",
      stepId: "item_0",
      partial: true,
    });
    expect(run.verdict.finalText).toBeUndefined();
  });

  it("reports usage as unknown (null), not zero", () => {
    expect(run.verdict.usage).toBeNull();
    expect(ofType(run.events, "usage")).toEqual([]);
  });
});

describe("B09: Gemini delta content and usage in result.stats", () => {
  const run = runText("gemini-cli", caseText("B09.jsonl"));

  it("joins each run of deltas into one bubble around the tool step", () => {
    const timeline = run.events
      .filter((e) => e.type === "message" || e.type.startsWith("tool."))
      .map((e) =>
        e.type === "message"
          ? e.payload.text
          : e.type === "tool.call"
            ? e.payload.input
            : e.type === "tool.result"
              ? e.payload.output.trim().split("\n")
              : null,
      );

    expect(timeline).toEqual([
      "Let me look at the directory first.",
      { command: "ls /app" },
      ["main.py", "util.py", "README.md"],
      "There are 2 Python files: main.py and util.py.",
    ]);
  });

  it("does not show the user prompt echo as assistant output", () => {
    const texts = ofType(run.events, "message").map((e) => e.payload);

    expect(texts.every((m) => m.role === "assistant")).toBe(true);
    expect(texts.some((m) => m.text.includes("List /app"))).toBe(false);
  });

  it("takes the model from init and usage from result.stats", () => {
    expect(run.verdict.model).toBe("gemini-2.5-pro");
    expect(run.verdict.usage).toMatchObject({
      input: 2048,
      cacheRead: 8192,
      output: 70,
    });
    expect(promptTokens(run.verdict.usage!)).toBe(10240);
    expect(run.verdict).toMatchObject({
      success: true,
      finalText: "There are 2 Python files: main.py and util.py.",
    });
  });

  it("flags a success with no text and no tokens as suspicious and fails it", () => {
    const lines = caseText("B09.jsonl").trim().split("\n");
    const empty = [
      lines[0],
      lines[1],
      JSON.stringify({
        type: "result",
        status: "success",
        stats: {
          total_tokens: 0,
          input_tokens: 0,
          output_tokens: 0,
          cached: 0,
          input: 0,
        },
      }),
    ].join("\n");
    const suspicious = runText("gemini-cli", empty);

    expect(suspicious.verdict).toMatchObject({
      success: false,
      kind: "agent_error",
    });
    expect(suspicious.verdict.message).toMatch(/^Suspicious success/);
    expect(ofType(suspicious.events, "error").at(-1)?.payload).toMatchObject({
      kind: "agent_error",
      fatal: true,
    });
  });
});

describe("B10: the stream ends with no terminal event", () => {
  const scenario = caseJson<{
    case_a_gemini_auth_failure: {
      stdout: string;
      stderr: string;
      exit_code: number;
    };
    case_b_claude_stream_stops_without_result: {
      stdout_lines: unknown[];
      stderr: string;
      exit_code: number;
    };
  }>("B10.json");

  it("case a: gemini with empty stdout and exit 52 fails with the stderr tail", () => {
    const a = scenario.case_a_gemini_auth_failure;
    const run = runText(
      "gemini-cli",
      a.stdout,
      exitWith({ exitCode: a.exit_code, stderrTail: a.stderr }),
    );

    expect(run.verdict).toMatchObject({
      success: false,
      kind: "auth",
      message: a.stderr.trim(),
    });
    expect(ofType(run.events, "error")).toHaveLength(1);
  });

  it("case b: claude that stops after a tool result and exits 0 fails as incomplete", () => {
    const b = scenario.case_b_claude_stream_stops_without_result;
    const stdout =
      b.stdout_lines.map((l) => JSON.stringify(l)).join("\n") + "\n";
    const run = runText(
      "claude-code",
      stdout,
      exitWith({ exitCode: b.exit_code }),
    );

    expect(run.verdict).toMatchObject({ success: false, kind: "agent_error" });
    expect(run.verdict.message).toMatch(
      /Incomplete output.*without a result event/,
    );
    expect(run.events.at(-2)).toMatchObject({
      type: "tool.result",
      payload: { callId: "toolu_b10_1" },
    });
    expect(run.events.at(-1)).toMatchObject({
      type: "error",
      payload: { fatal: true },
    });
  });
});

describe("B30: provider keys leaking into stored and streamed output", () => {
  const key =
    "sk-ant-api03-TESTONLY-b30-Zq9x0000000000000000000000000000000000000000";
  const redactor = createRedactor({ ANTHROPIC_API_KEY: key });
  const lines = caseText("B30.jsonl").trim().split("\n");

  it("redacts the key from every event when lines are redacted before parsing", () => {
    const parser = createClaudeCodeParser();
    const events = lines.flatMap((line) => parser.push(redactor.redact(line)));
    const end = parser.end(exitWith());
    const stored = JSON.stringify([events, end]);

    expect(stored).not.toContain(key);
    expect(stored).not.toContain("Zq9x0000");
    expect(ofType(events, "tool.result")[0].payload.output).toContain(
      "ANTHROPIC_API_KEY=[REDACTED:ANTHROPIC_API_KEY]\n",
    );
    expect(end.verdict.finalText).toBe(
      "The key in the environment is [REDACTED:ANTHROPIC_API_KEY] (redact me).",
    );
  });

  it("redacts already-parsed events with redactDeep", () => {
    const parser = createClaudeCodeParser();
    const events = redactor.redactDeep(
      lines.flatMap((line) => parser.push(line)),
    );

    expect(JSON.stringify(events)).not.toContain(key);
  });

  it("never sends either half of a key split across two text deltas", () => {
    const deltas = lines
      .map((line) => JSON.parse(line))
      .filter((l) => l.type === "stream_event")
      .map((l) => l.event.delta.text as string);
    const stream = redactor.createStream();
    const sent = [...deltas.map((d) => stream.push(d)), stream.flush()];

    expect(sent[0]).toBe("The key in the environment is ");
    expect(sent.join("")).toBe(
      "The key in the environment is [REDACTED:ANTHROPIC_API_KEY] (redact me).",
    );
    for (const piece of sent) {
      expect(piece).not.toContain("sk-ant");
      expect(piece).not.toContain("0000000000");
    }
  });
});
