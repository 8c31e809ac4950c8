import { describe, expect, it } from "vitest";

import type { JettyEvent, JettyEventInput } from "@/lib/events/schema";
import {
  applyEvents,
  buildTimeline,
  type TimelineStep,
} from "@/lib/trajectories/timeline";

function numbered(inputs: JettyEventInput[], from = 1): JettyEvent[] {
  return inputs.map((input, i) => ({
    ...input,
    seq: from + i,
    at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
  })) as JettyEvent[];
}

function steps(items: ReturnType<typeof buildTimeline>["items"]) {
  return items.filter((i): i is TimelineStep => i.kind === "step");
}

const b04Step = { input: 12, output: 180, cacheRead: 15000, cacheWrite: 2000 };

/** What the claude-code parser emits for cases/B04.jsonl. */
const b04: JettyEventInput[] = [
  {
    type: "agent.init",
    payload: { runtime: "claude-code", model: "claude-sonnet-4-6" },
  },
  {
    type: "thinking",
    payload: { text: "Need to inspect both config files first.", stepId: "A" },
  },
  {
    type: "usage",
    payload: {
      stepId: "A",
      step: b04Step,
      total: { ...b04Step, costUsd: null, costBasis: "unknown model" },
    },
  },
  {
    type: "message",
    payload: {
      role: "assistant",
      text: "I'll read both config files.",
      stepId: "A",
    },
  },
  {
    type: "tool.call",
    payload: {
      id: "toolu_1",
      name: "Read",
      input: { file_path: "/app/pyproject.toml" },
      stepId: "A",
    },
  },
  {
    type: "tool.call",
    payload: {
      id: "toolu_2",
      name: "Read",
      input: { file_path: "/app/setup.cfg" },
      stepId: "A",
    },
  },
  {
    type: "tool.result",
    payload: {
      callId: "toolu_1",
      output: '[project]\nname = "demo"\n',
      isError: false,
    },
  },
  {
    type: "tool.result",
    payload: { callId: "toolu_2", output: "no such file", isError: true },
  },
  {
    type: "message",
    payload: {
      role: "assistant",
      text: "Both files are consistent; no change needed.",
      stepId: "B",
    },
  },
  {
    type: "result",
    payload: {
      success: true,
      text: "Both files are consistent; no change needed.",
      exitCode: 0,
      usage: {
        input: 17,
        output: 240,
        cacheRead: 32200,
        cacheWrite: 2000,
        costUsd: 0.0421,
        costBasis: "reported",
      },
    },
  },
];

/** What the gemini-cli parser emits for cases/B09.jsonl (no step ids). */
const b09: JettyEventInput[] = [
  {
    type: "agent.init",
    payload: { runtime: "gemini-cli", model: "gemini-2.5-pro" },
  },
  {
    type: "message",
    payload: {
      role: "user",
      text: "List /app and say how many Python files there are.",
    },
  },
  { type: "message", payload: { role: "assistant", text: "Let me look at " } },
  {
    type: "message",
    payload: { role: "assistant", text: "the directory first." },
  },
  {
    type: "tool.call",
    payload: {
      id: "tool_b09_1",
      name: "run_shell_command",
      input: { command: "ls /app" },
    },
  },
  {
    type: "tool.result",
    payload: {
      callId: "tool_b09_1",
      output: "main.py\nutil.py\nREADME.md\n",
      isError: false,
    },
  },
  { type: "message", payload: { role: "assistant", text: "There are " } },
  {
    type: "message",
    payload: {
      role: "assistant",
      text: "2 Python files: main.py and util.py.",
    },
  },
];

describe("buildTimeline", () => {
  it("groups the blocks of one response under one step (B04)", () => {
    const timeline = buildTimeline(numbered(b04));
    const [first, second] = steps(timeline.items);

    expect(steps(timeline.items)).toHaveLength(2);
    expect(first.stepId).toBe("A");
    expect(first.blocks.map((b) => b.kind)).toEqual([
      "thinking",
      "text",
      "tool",
      "tool",
    ]);
    expect(second.blocks).toMatchObject([
      { kind: "text", text: "Both files are consistent; no change needed." },
    ]);
  });

  it("pairs each tool result with its call by id", () => {
    const [first] = steps(buildTimeline(numbered(b04)).items);

    expect(first.blocks.slice(2)).toMatchObject([
      {
        callId: "toolu_1",
        name: "Read",
        input: { file_path: "/app/pyproject.toml" },
        result: { output: '[project]\nname = "demo"\n', isError: false },
      },
      { callId: "toolu_2", result: { output: "no such file", isError: true } },
    ]);
  });

  it("keeps the largest per-step usage and lets the result's totals win", () => {
    const repeated = numbered([
      ...b04.slice(0, 3),
      // The same usage repeated on the next content-block line.
      b04[2],
      ...b04.slice(3),
    ]);
    const timeline = buildTimeline(repeated);

    expect(steps(timeline.items)[0].usage).toEqual(b04Step);
    expect(timeline.usage).toEqual({
      input: 17,
      output: 240,
      cacheRead: 32200,
      cacheWrite: 2000,
      costUsd: 0.0421,
      costBasis: "reported",
    });
  });

  it("shows the running total before the result arrives", () => {
    const timeline = buildTimeline(numbered(b04.slice(0, 3)));

    expect(timeline.usage).toMatchObject({ input: 12, output: 180 });
  });

  it("joins deltas into one bubble per run and splits at tool results (B09)", () => {
    const timeline = buildTimeline(numbered(b09));
    const [before, after] = steps(timeline.items);

    expect(timeline.items.map((i) => i.kind)).toEqual([
      "init",
      "user",
      "step",
      "step",
    ]);
    expect(before.blocks).toMatchObject([
      { kind: "text", text: "Let me look at the directory first." },
      {
        kind: "tool",
        name: "run_shell_command",
        input: { command: "ls /app" },
        result: { output: "main.py\nutil.py\nREADME.md\n", isError: false },
      },
    ]);
    expect(after.blocks).toMatchObject([
      { kind: "text", text: "There are 2 Python files: main.py and util.py." },
    ]);
    expect(timeline.model).toBe("gemini-2.5-pro");
  });

  it("keeps the user's prompt out of the assistant's steps", () => {
    const timeline = buildTimeline(numbered(b09));
    const assistantText = steps(timeline.items)
      .flatMap((s) => s.blocks)
      .filter((b) => b.kind === "text")
      .map((b) => (b.kind === "text" ? b.text : ""));

    expect(assistantText.join(" ")).not.toContain("List /app");
    expect(timeline.items[1]).toMatchObject({ kind: "user" });
  });

  it("pairs a result that arrives before its call", () => {
    const timeline = buildTimeline(
      numbered([
        {
          type: "tool.result",
          payload: { callId: "c1", output: "ok", isError: false },
        },
        {
          type: "tool.call",
          payload: { id: "c1", name: "Bash", input: { command: "true" } },
        },
      ]),
    );

    expect(steps(timeline.items)).toHaveLength(1);
    expect(steps(timeline.items)[0].blocks).toMatchObject([
      { callId: "c1", name: "Bash", result: { output: "ok" } },
    ]);
  });

  it("keeps log lines apart from the timeline", () => {
    const timeline = buildTimeline(
      numbered([
        {
          type: "log",
          payload: { stream: "stderr", text: "npm warn", level: "warning" },
        },
        { type: "message", payload: { role: "assistant", text: "hi" } },
      ]),
    );

    expect(timeline.logs).toMatchObject([
      { seq: 1, stream: "stderr", text: "npm warn" },
    ]);
    expect(timeline.items.map((i) => i.kind)).toEqual(["step"]);
  });

  it("shows non-fatal errors as warnings and fatal ones as errors", () => {
    const timeline = buildTimeline(
      numbered([
        { type: "error", payload: { message: "Retrying (1/3)", fatal: false } },
        {
          type: "error",
          payload: {
            message: "Rate limit",
            kind: "rate_limited",
            httpStatus: 429,
            fatal: true,
          },
        },
      ]),
    );

    expect(timeline.items).toMatchObject([
      { kind: "error", fatal: false, message: "Retrying (1/3)" },
      {
        kind: "error",
        fatal: true,
        failureKind: "rate_limited",
        httpStatus: 429,
      },
    ]);
  });

  it("takes the run's start and end from its status events", () => {
    const timeline = buildTimeline(
      numbered([
        { type: "status", payload: { status: "pending" } },
        { type: "status", payload: { status: "running" } },
        { type: "status", payload: { status: "running", detail: "retry" } },
        { type: "status", payload: { status: "completed" } },
      ]),
    );

    expect(timeline).toMatchObject({
      status: "completed",
      startedAt: "2026-01-01T00:00:01.000Z",
      finishedAt: "2026-01-01T00:00:03.000Z",
    });
  });
});

describe("applyEvents", () => {
  it("ignores a replay of events already applied", () => {
    const events = numbered(b09);
    const once = buildTimeline(events);

    expect(applyEvents(once, events.slice(4))).toBe(once);
  });

  it("applies one seq once when a batch holds it twice", () => {
    const events = numbered(b09);
    const before = buildTimeline(events.slice(0, 6));
    const after = applyEvents(before, [events[6], events[6]]);

    expect(after.lastSeq).toBe(7);
    expect(steps(after.items)[1].blocks).toEqual([
      { kind: "text", key: "e7", text: "There are " },
    ]);
  });

  it("gives the same timeline in one batch or event by event", () => {
    const events = numbered(b04);
    const stepwise = events.reduce(
      (state, event) => applyEvents(state, [event]),
      buildTimeline([]),
    );

    expect(stepwise.items).toEqual(buildTimeline(events).items);
    expect(stepwise.usage).toEqual(buildTimeline(events).usage);
  });

  it("leaves the previous state untouched", () => {
    const events = numbered(b04);
    const before = buildTimeline(events.slice(0, 5));
    const snapshot = structuredClone(before.items);
    applyEvents(before, events.slice(5));

    expect(before.items).toEqual(snapshot);
  });

  it("keeps unchanged items as the same objects", () => {
    const events = numbered(b09);
    const before = buildTimeline(events.slice(0, 6));
    const after = applyEvents(before, events.slice(6));

    expect(after.items[2]).toBe(before.items[2]);
  });
});

describe("result card", () => {
  it("never shows the error text as the answer (B01)", () => {
    const timeline = buildTimeline(
      numbered([
        {
          type: "error",
          payload: {
            message: "API Error: Rate limit reached",
            kind: "rate_limited",
            httpStatus: 429,
            fatal: true,
          },
        },
        {
          type: "result",
          payload: {
            success: false,
            kind: "rate_limited",
            message: "Rate limit reached (HTTP 429)",
            text: "API Error: Rate limit reached",
            exitCode: 0,
            usage: {
              input: 0,
              output: 0,
              cacheRead: 0,
              cacheWrite: 0,
              costUsd: 0,
              costBasis: "reported",
            },
          },
        },
      ]),
    );

    expect(timeline.result).toMatchObject({
      success: false,
      title: "Failed",
      failureKind: "rate_limited",
      message: "Rate limit reached (HTTP 429)",
      answer: null,
    });
    expect(timeline.usage).toMatchObject({ input: 0, output: 0, costUsd: 0 });
  });

  it("does not repeat the failure message as an answer", () => {
    const timeline = buildTimeline(
      numbered([
        {
          type: "result",
          payload: {
            success: false,
            kind: "agent_error",
            message: "boom",
            text: "boom",
          },
        },
      ]),
    );

    expect(timeline.result).toMatchObject({ answer: null, message: "boom" });
  });

  it("says a stop by the user in its own words (B03)", () => {
    const timeline = buildTimeline(
      numbered([
        { type: "status", payload: { status: "cancelled" } },
        { type: "result", payload: { success: false, kind: "cancelled" } },
      ]),
    );

    expect(timeline.status).toBe("cancelled");
    expect(timeline.result).toMatchObject({
      title: "Stopped by user",
      answer: null,
    });
  });

  it("shows the final answer of a success", () => {
    const timeline = buildTimeline(numbered(b04));

    expect(timeline.result).toMatchObject({
      success: true,
      title: "Completed",
      answer: "Both files are consistent; no change needed.",
      suspicious: null,
    });
  });

  it("flags a success with no text and no tokens (B09 guard)", () => {
    const timeline = buildTimeline(
      numbered([
        {
          type: "result",
          payload: {
            success: true,
            usage: {
              input: 0,
              output: 0,
              cacheRead: 0,
              cacheWrite: 0,
              costUsd: 0,
              costBasis: "reported",
            },
          },
        },
      ]),
    );

    expect(timeline.result?.suspicious).toMatch(/no text/);
  });
});
