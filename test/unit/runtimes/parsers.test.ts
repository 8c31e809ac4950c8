import { describe, expect, it } from "vitest";
import { parseEvent, type JettyEventInput } from "@/lib/events/schema";
import { geminiExitCodeMeaning } from "@/lib/runtimes/gemini-cli/parser";
import {
  classifyFailure,
  httpStatusIn,
  summarizeStderr,
} from "@/lib/runtimes/parser-helpers";
import { runtimeIds } from "@/lib/runtimes/types";
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  agentFixturesDir,
  exitWith,
  parserFactories,
  readFixture,
  runText,
  seededRandom,
} from "./harness";

const lines = (...objects: unknown[]) =>
  objects
    .map((o) => (typeof o === "string" ? o : JSON.stringify(o)))
    .join("\n");

function ofType<T extends JettyEventInput["type"]>(
  events: JettyEventInput[],
  type: T,
) {
  return events.filter((e) => e.type === type) as Extract<
    JettyEventInput,
    { type: T }
  >[];
}

describe("every parser", () => {
  const hostile = [
    "not json at all",
    "{broken",
    "[1,2,3]",
    "null",
    "42",
    '"a string"',
    "{}",
    '{"type":123}',
    '{"type":null,"message":[]}',
    '{"type":"assistant","message":"text"}',
    '{"type":"assistant","message":{"content":[null,5,"x",{"type":"tool_use"}]}}',
    '{"type":"user","message":{"content":[{"type":"tool_result","content":{"nested":true}}]}}',
    '{"type":"item.completed","item":null}',
    '{"type":"item.started","item":{"type":"command_execution"}}',
    '{"type":"turn.completed","usage":"lots"}',
    '{"type":"message","message":{"content":{"type":"text"}}}',
    '{"type":"message","role":"assistant","delta":true}',
    '{"type":"result","stats":[],"tokens":null}',
    '{"type":"tool_result"}',
    '{"type":"complete","input_tokens":-5}',
    '{"type":"system","subtype":{"x":1}}',
    '{"type":"stream_event","event":{"type":"message_delta","usage":{"output_tokens":"9"}}}',
  ];

  it.each(runtimeIds)(
    "%s never throws on hostile lines and keeps every event valid",
    (runtime) => {
      const run = runText(runtime, hostile.join("\n"));

      for (const e of run.events)
        expect(parseEvent(e.type, e.payload)).toEqual(e);
      expect(run.verdict.success).toBe(false);
    },
  );

  it.each(runtimeIds)(
    "%s turns stdout garbage into log events and reads on",
    (runtime) => {
      const fixture = readFixture(
        {
          "claude-code": "claude-code.success.jsonl",
          codex: "codex.real-offline.jsonl",
          "gemini-cli": "gemini-cli.real-offline.jsonl",
          hermes: "hermes.success.jsonl",
          goose: "goose.success.jsonl",
        }[runtime],
      );
      const clean = runText(runtime, new TextDecoder().decode(fixture));
      const [first, ...rest] = new TextDecoder().decode(fixture).split("\n");
      const noisy = runText(
        runtime,
        [first, "Segmentation fault (core dumped)", "{oops", ...rest].join(
          "\n",
        ),
      );

      const logs = ofType(noisy.events, "log").map((e) => e.payload.text);
      expect(logs).toEqual(
        expect.arrayContaining(["Segmentation fault (core dumped)", "{oops"]),
      );
      expect(noisy.verdict).toEqual(clean.verdict);
    },
  );

  it.each(runtimeIds)(
    "%s shows unknown event types as debug logs",
    (runtime) => {
      const run = runText(
        runtime,
        lines({ type: "brand_new_event", detail: 1 }),
      );
      const log = ofType(run.events, "log").find((e) =>
        e.payload.text.includes("brand_new_event"),
      );

      expect(log?.payload.level).toBe("debug");
    },
  );

  it.each(runtimeIds)(
    "%s survives randomly damaged fixture lines",
    (runtime) => {
      const random = seededRandom(runtime.length * 7919);
      const fixture = {
        "claude-code": "claude-code.success.jsonl",
        codex: "codex.success.jsonl",
        "gemini-cli": "gemini-cli.success.jsonl",
        hermes: "hermes.success.jsonl",
        goose: "goose.success.jsonl",
      }[runtime];
      const source = new TextDecoder().decode(readFixture(fixture)).split("\n");

      for (let round = 0; round < 50; round++) {
        const damaged = source.map((line) => {
          const roll = random();
          if (roll < 0.2)
            return line.slice(0, Math.floor(random() * line.length));
          if (roll < 0.3)
            return line.replace(/"type":"[^"]*"/, `"type":"x${round}"`);
          if (roll < 0.4) return line.replace(/:(\d+)/g, ':"$1"');
          return line;
        });
        const run = runText(
          runtime,
          damaged.join("\n"),
          exitWith({ exitCode: round % 3 }),
        );

        for (const e of run.events)
          expect(parseEvent(e.type, e.payload)).toEqual(e);
      }
    },
  );

  it.each(runtimeIds)(
    "%s reports a timeout and a cancel from the exit, over the stream",
    (runtime) => {
      const timedOut = runText(
        runtime,
        "",
        exitWith({ exitCode: null, signal: "SIGKILL", timedOut: true }),
      );
      const cancelled = runText(
        runtime,
        "",
        exitWith({ exitCode: 143, cancelled: true }),
      );

      expect(timedOut.verdict).toMatchObject({
        success: false,
        kind: "timeout",
      });
      expect(ofType(timedOut.events, "error")[0].payload).toMatchObject({
        kind: "timeout",
        fatal: true,
      });
      expect(cancelled.verdict).toMatchObject({
        success: false,
        kind: "cancelled",
      });
      expect(cancelled.events).toEqual([]);
    },
  );

  it.each(runtimeIds)(
    "%s never reports success for empty output and exit 0",
    (runtime) => {
      const run = runText(runtime, "", exitWith({ exitCode: 0 }));

      expect(run.verdict).toMatchObject({
        success: false,
        kind: "agent_error",
        usage: null,
      });
      expect(run.verdict.message).toMatch(/Incomplete output/);
    },
  );

  it("uses the model hint when the stream names none", () => {
    for (const runtime of runtimeIds) {
      const parser = parserFactories[runtime]({ model: "gpt-5.5" });
      expect(parser.end(exitWith()).verdict.model, runtime).toBe("gpt-5.5");
    }
  });
});

describe("claude-code", () => {
  const init = {
    type: "system",
    subtype: "init",
    model: "claude-sonnet-4-6",
    session_id: "s",
  };
  const failed = (extra: object) =>
    runText(
      "claude-code",
      lines(init, {
        type: "result",
        subtype: "success",
        is_error: true,
        ...extra,
      }),
      exitWith({ exitCode: 1 }),
    );

  it.each([
    [
      { terminal_reason: "prompt_too_long", result: "Prompt is too long" },
      "context_overflow",
    ],
    [
      {
        api_error_status: 400,
        result:
          "API Error: 400 prompt is too long: 210000 tokens > 200000 maximum",
      },
      "context_overflow",
    ],
    [
      {
        api_error_status: 404,
        result: "API Error: 404 model: claude-nope not found",
      },
      "model_not_found",
    ],
    [{ api_error_status: 403, result: "API Error: 403 Forbidden" }, "auth"],
    [
      {
        subtype: "error_max_turns",
        errors: ["Reached maximum number of turns (3)"],
      },
      "max_turns",
    ],
    [{ terminal_reason: "max_turns" }, "max_turns"],
    [{ api_error_status: 529, result: "API Error: Overloaded" }, "agent_error"],
  ])("classifies %j as %s", (extra, kind) => {
    expect(failed(extra).verdict.kind).toBe(kind);
  });

  it("keys success off is_error, not subtype, and needs exit 0", () => {
    const ok = lines(init, {
      type: "result",
      subtype: "error_during_execution",
      is_error: false,
      result: "fine",
    });

    expect(runText("claude-code", ok).verdict).toMatchObject({
      success: true,
      finalText: "fine",
    });
    expect(
      runText("claude-code", ok, exitWith({ exitCode: 1 })).verdict,
    ).toMatchObject({
      success: false,
      kind: "agent_error",
      message: "Claude Code reported success but exited with code 1",
    });
  });

  it("prices an unrecognised model itself instead of trusting the CLI's guess", () => {
    const run = runText(
      "claude-code",
      lines(init, {
        type: "result",
        is_error: false,
        result: "ok",
        total_cost_usd: 99,
        usage: { input_tokens: 1_000_000, output_tokens: 0 },
        modelUsage: { "claude-sonnet-4-6": { costBasis: "unknown" } },
      }),
    );

    expect(run.verdict.usage).toMatchObject({
      costUsd: 3,
      costBasis: "list price",
    });
  });

  it("reports api_retry lines as non-fatal warnings", () => {
    const run = runText(
      "claude-code",
      lines(init, {
        type: "system",
        subtype: "api_retry",
        attempt: 1,
        max_retries: 10,
        error_status: 429,
        error: "rate_limit",
      }),
    );

    expect(ofType(run.events, "error")[0].payload).toMatchObject({
      kind: "rate_limited",
      httpStatus: 429,
      fatal: false,
    });
  });
});

describe("codex", () => {
  const completedTurn = (input: number, cached: number, output: number) => ({
    type: "turn.completed",
    usage: {
      input_tokens: input,
      cached_input_tokens: cached,
      output_tokens: output,
    },
  });

  it("treats turn.completed usage as a running total across turns", () => {
    const run = runText(
      "codex",
      lines(
        { type: "thread.started", thread_id: "t" },
        completedTurn(1000, 200, 10),
        completedTurn(3000, 1200, 30),
      ),
      exitWith(),
      { model: "gpt-5.5" },
    );
    const usage = ofType(run.events, "usage");

    expect(usage[1].payload.step).toEqual({
      input: 1000,
      output: 20,
      cacheRead: 1000,
      cacheWrite: 0,
    });
    expect(run.verdict.usage).toEqual({
      input: 1800,
      output: 30,
      cacheRead: 1200,
      cacheWrite: 0,
      costUsd: 0.0105,
      costBasis: "list price",
    });
  });

  it("classifies a context window failure", () => {
    const run = runText(
      "codex",
      lines({
        type: "turn.failed",
        error: {
          message:
            "Codex ran out of room in the model's context window. Start a new thread.",
        },
      }),
      exitWith({ exitCode: 1 }),
    );

    expect(run.verdict.kind).toBe("context_overflow");
  });

  it("pairs several web searches by order despite their duplicate ids", () => {
    const search = (id: string, ws: string, phase: string) =>
      `{"type":"item.${phase}","item":{"id":"${id}","type":"web_search","id":"${ws}","query":"q${id}"}}`;
    const run = runText(
      "codex",
      lines(
        search("item_1", "ws_a", "started"),
        search("item_2", "ws_b", "started"),
        search("item_1", "ws_a", "completed"),
        search("item_2", "ws_b", "completed"),
      ),
    );

    expect(ofType(run.events, "tool.call").map((e) => e.payload.id)).toEqual([
      "item_1",
      "item_2",
    ]);
    expect(
      ofType(run.events, "tool.result").map((e) => e.payload.callId),
    ).toEqual(["item_1", "item_2"]);
  });

  it("logs the pre-0.44 protocol instead of guessing", () => {
    const run = runText(
      "codex",
      lines({ id: "0", msg: { type: "task_started" } }),
    );

    expect(ofType(run.events, "log")[0].payload.text).toMatch(
      /^codex pre-0.44 event/,
    );
  });

  it("explains an argument error (exit 2, nothing on stdout)", () => {
    const run = runText(
      "codex",
      "",
      exitWith({
        exitCode: 2,
        stderrTail:
          "Reading additional input from stdin...\nerror: unexpected argument '---' found\n",
      }),
    );

    expect(run.verdict).toMatchObject({
      success: false,
      kind: "agent_error",
      message: "error: unexpected argument '---' found",
    });
  });
});

describe("gemini-cli", () => {
  it.each([
    [144, "agent_error", 400],
    [145, "auth", 401],
    [173, "rate_limited", 429],
    [244, "agent_error", 500],
    [41, "auth", undefined],
    [52, "agent_error", undefined],
    [53, "max_turns", undefined],
    [55, "agent_error", undefined],
  ])(
    "reads exit code %i with no result line as %s",
    (code, kind, httpStatus) => {
      const run = runText("gemini-cli", "", exitWith({ exitCode: code }));

      expect(run.verdict.kind).toBe(kind);
      expect(run.verdict.httpStatus).toBe(httpStatus);
      expect(run.verdict.message).toBe(geminiExitCodeMeaning(code)?.message);
    },
  );

  it("uses the meaningful stderr lines of a real failure, not the noise", () => {
    const stderr = readFileSync(
      path.join(
        agentFixturesDir,
        "real-offline-extras/gemini-cli.real-offline.auth-error.stderr.txt",
      ),
      "utf8",
    );
    const run = runText(
      "gemini-cli",
      "",
      exitWith({ exitCode: 144, stderrTail: stderr }),
    );

    expect(run.verdict.kind).toBe("auth");
    expect(run.verdict.httpStatus).toBe(400);
    expect(run.verdict.message).toContain("API key not valid");
    expect(run.verdict.message).not.toMatch(/YOLO|Ripgrep|STARTUP|^\s+at /m);
  });

  it("counts thoughts above output_tokens as output", () => {
    const run = runText(
      "gemini-cli",
      lines(
        { type: "init", model: "gemini-2.5-pro" },
        { type: "message", role: "assistant", content: "hi", delta: true },
        {
          type: "result",
          status: "success",
          stats: {
            total_tokens: 1500,
            input_tokens: 1000,
            output_tokens: 100,
            cached: 0,
            input: 1000,
          },
        },
      ),
    );

    expect(run.verdict.usage).toMatchObject({
      input: 1000,
      output: 500,
      costUsd: 0.00625,
    });
  });
});

describe("hermes", () => {
  it("matches results without a call id to calls by name, oldest first", () => {
    const run = runText(
      "hermes",
      lines(
        { type: "tool_use", name: "terminal", input: { command: "a" } },
        { type: "tool_use", name: "terminal", input: { command: "b" } },
        { type: "tool_result", name: "terminal", output: "A" },
        { type: "tool_result", name: "terminal", output: "B" },
      ),
    );
    const calls = ofType(run.events, "tool.call").map((e) => e.payload.id);

    expect(
      ofType(run.events, "tool.result").map((e) => e.payload.callId),
    ).toEqual(calls);
    expect(new Set(calls).size).toBe(2);
  });

  it("keeps whitespace deltas verbatim", () => {
    const run = runText(
      "hermes",
      lines(
        { type: "text", text: "a" },
        { type: "text", text: " " },
        { type: "text", text: "b\n" },
        {
          type: "result",
          exit_code: 0,
          text: "",
          tokens: { input: 1, output: 1 },
        },
      ),
    );

    expect(run.verdict.finalText).toBe("a b\n");
  });
});

describe("goose", () => {
  it("fails when the stream ends without complete", () => {
    const run = runText(
      "goose",
      lines({
        type: "message",
        message: {
          id: "m",
          role: "assistant",
          content: [{ type: "text", text: "hi" }],
        },
      }),
    );

    expect(run.verdict).toMatchObject({ success: false, kind: "agent_error" });
  });

  it("shows a failed tool request as a call with an error result", () => {
    const run = runText(
      "goose",
      lines({
        type: "message",
        message: {
          id: "m",
          role: "assistant",
          content: [
            {
              type: "toolRequest",
              id: "t1",
              toolCall: { status: "error", error: "bad arguments" },
            },
          ],
        },
      }),
    );

    expect(ofType(run.events, "tool.result")[0].payload).toEqual({
      callId: "t1",
      output: "bad arguments",
      isError: true,
    });
  });

  it("prices usage itself when goose gives no cost", () => {
    const run = runText(
      "goose",
      lines(
        {
          type: "message",
          message: {
            id: "m",
            role: "assistant",
            content: [{ type: "text", text: "done" }],
          },
        },
        {
          type: "complete",
          total_tokens: 1_000_100,
          input_tokens: 1_000_000,
          output_tokens: 100,
          cache_read_input_tokens: 0,
        },
      ),
      exitWith(),
      { model: "claude-sonnet-4-5" },
    );

    expect(run.verdict.usage).toMatchObject({
      input: 1_000_000,
      costUsd: 3.0015,
      costBasis: "list price",
    });
  });
});

describe("parser helpers", () => {
  it.each([
    ["unexpected status 401 Unauthorized: bad key", 401],
    ["HTTP 429: slow down", 429],
    ['[API Error: {"error":{"code":400,"message":"x"}}]', 400],
    ["Authentication failed: 401 Unauthorized {}", 401],
    ["nothing here 12345", undefined],
  ])("finds the HTTP status in %j", (text, status) => {
    expect(httpStatusIn(text)).toBe(status);
  });

  it.each([
    ["Incorrect API key provided", undefined, "auth"],
    ["anything", 403, "auth"],
    ["Rate limit reached", undefined, "rate_limited"],
    ["RESOURCE_EXHAUSTED: quota", undefined, "rate_limited"],
    ["context_length_exceeded", undefined, "context_overflow"],
    ["The model `gpt-9` does not exist", undefined, "model_not_found"],
    ["Maximum session turns exceeded", undefined, "max_turns"],
    ["upstream model is at capacity", undefined, "agent_error"],
  ])("classifies %j (HTTP %s) as %s", (text, status, kind) => {
    expect(classifyFailure(text, status)).toBe(kind);
  });

  it("drops stack frames and noise from stderr", () => {
    expect(
      summarizeStderr(
        "YOLO mode is enabled.\nError: boom\n    at f (x.js:1)\n",
        [/^YOLO/],
      ),
    ).toBe("Error: boom");
  });
});
