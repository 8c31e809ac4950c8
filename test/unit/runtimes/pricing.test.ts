import { describe, expect, it } from "vitest";
import {
  costAtPrice,
  findModelPrice,
  normalizeModelId,
  priceUsage,
  promptTokens,
} from "@/lib/runtimes/pricing";
import { createUsageTracker } from "@/lib/runtimes/usage-tracker";

const sonnet = { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 };

describe("findModelPrice", () => {
  it.each([
    "claude-sonnet-4-5",
    "claude-sonnet-4.5",
    "anthropic/claude-sonnet-4.5",
    "claude-sonnet-4-5-20250929",
    "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
    "claude-sonnet-4-5[1m]",
    "Claude-Sonnet-4-5",
  ])("prices %s as Sonnet 4.5", (id) => {
    expect(findModelPrice(id)).toEqual(sonnet);
  });

  it.each([
    [
      "anthropic/claude-sonnet-4.6",
      { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
    ],
    [
      "claude-opus-4-6",
      { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 },
    ],
    [
      "claude-opus-4-1-20250805",
      { input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75 },
    ],
    [
      "claude-haiku-4-5-20251001",
      { input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25 },
    ],
    ["claude-3-5-sonnet-20241022", sonnet],
    ["openai/gpt-5.5", { input: 5, output: 30, cacheRead: 0.5, cacheWrite: 5 }],
    [
      "gpt-5.1-codex",
      { input: 1.25, output: 10, cacheRead: 0.125, cacheWrite: 1.25 },
    ],
    [
      "gpt-4o-2024-08-06",
      { input: 2.5, output: 10, cacheRead: 1.25, cacheWrite: 2.5 },
    ],
    ["o4-mini", { input: 1.1, output: 4.4, cacheRead: 0.275, cacheWrite: 1.1 }],
    [
      "google/gemini-2.5-pro",
      { input: 1.25, output: 10, cacheRead: 0.125, cacheWrite: 1.25 },
    ],
    [
      "models/gemini-2.5-flash",
      { input: 0.3, output: 2.5, cacheRead: 0.03, cacheWrite: 0.3 },
    ],
    [
      "gemini-2.5-flash-preview-05-20",
      { input: 0.3, output: 2.5, cacheRead: 0.03, cacheWrite: 0.3 },
    ],
    [
      "gemini-3-pro-preview",
      { input: 2, output: 12, cacheRead: 0.2, cacheWrite: 2 },
    ],
  ])("prices %s", (id, expected) => {
    expect(findModelPrice(id)).toEqual(expected);
  });

  it("does not price a variant as its base model", () => {
    expect(findModelPrice("gpt-5.5-pro")).toBeNull();
    expect(findModelPrice("claude-sonnet-4-5-turbo")).toBeNull();
  });

  it("knows nothing of custom or missing ids", () => {
    expect(findModelPrice("my-custom-model")).toBeNull();
    expect(findModelPrice("proxy-model")).toBeNull();
    expect(findModelPrice(undefined)).toBeNull();
    expect(findModelPrice("")).toBeNull();
  });

  it("normalizes vendor prefixes and dotted versions", () => {
    expect(normalizeModelId("anthropic/claude-sonnet-4.6")).toBe(
      "claude-sonnet-4-6",
    );
    expect(normalizeModelId("eu.anthropic.claude-opus-4-6-v1:0")).toBe(
      "claude-opus-4-6-v1:0",
    );
  });
});

describe("costs", () => {
  it("reproduces claude-code.success.jsonl's reported cost at Sonnet list prices", () => {
    // result.usage of the fixture; the CLI reports total_cost_usd 0.064206.
    const tokens = {
      input: 17,
      output: 495,
      cacheRead: 34914,
      cacheWrite: 12335,
    };
    const cost = costAtPrice(
      tokens,
      findModelPrice("claude-sonnet-4-5-20250929")!,
    );

    expect(cost).toBe(0.06420645);
    expect(Math.abs(cost - 0.064206)).toBeLessThan(1e-6);
  });

  it("reproduces the real offline run's cost ($3/M in, $15/M out)", () => {
    const tokens = { input: 40460, output: 192, cacheRead: 0, cacheWrite: 0 };

    expect(costAtPrice(tokens, findModelPrice("claude-sonnet-4-5")!)).toBe(
      0.12426,
    );
  });

  it("states the basis of each cost", () => {
    const tokens = {
      input: 1_000_000,
      output: 1_000_000,
      cacheRead: 0,
      cacheWrite: 0,
    };

    expect(priceUsage(tokens, "gpt-5.5", 1.5)).toMatchObject({
      costUsd: 1.5,
      costBasis: "reported",
    });
    expect(priceUsage(tokens, "gpt-5.5")).toMatchObject({
      costUsd: 35,
      costBasis: "list price",
    });
    expect(priceUsage(tokens, "mystery")).toMatchObject({
      costUsd: null,
      costBasis: "unknown model",
    });
    expect(priceUsage(tokens, "gpt-5.5", 0)).toMatchObject({
      costUsd: 0,
      costBasis: "reported",
    });
  });

  it("counts the whole prompt as input plus cache reads and writes", () => {
    expect(
      promptTokens({ input: 2048, output: 70, cacheRead: 8192, cacheWrite: 1 }),
    ).toBe(10241);
  });
});

describe("createUsageTracker", () => {
  it("keeps the largest value of each field per step, counting a step once", () => {
    const tracker = createUsageTracker("claude-sonnet-4-5");
    const first = tracker.recordStep("msg_1", {
      input: 10,
      output: 1,
      cacheRead: 100,
    });
    const repeat = tracker.recordStep("msg_1", {
      input: 10,
      output: 1,
      cacheRead: 100,
    });
    const final = tracker.recordStep("msg_1", { output: 50 });

    expect(first?.total).toMatchObject({
      input: 10,
      output: 1,
      cacheRead: 100,
    });
    expect(repeat).toBeNull();
    expect(final?.step).toEqual({
      input: 10,
      output: 50,
      cacheRead: 100,
      cacheWrite: 0,
    });
    expect(tracker.total()).toMatchObject({
      input: 10,
      output: 50,
      cacheRead: 100,
    });
  });

  it("prices each step at its own model", () => {
    const tracker = createUsageTracker("claude-sonnet-4-5");
    tracker.recordStep("a", { input: 1_000_000 });
    tracker.recordStep("b", { input: 1_000_000 }, "claude-haiku-4-5");

    expect(tracker.total()).toMatchObject({
      costUsd: 4,
      costBasis: "list price",
    });
  });

  it("re-prices earlier steps when the run's model becomes known", () => {
    const tracker = createUsageTracker();
    tracker.recordStep("a", { output: 1_000_000 });
    expect(tracker.total()).toMatchObject({
      costUsd: null,
      costBasis: "unknown model",
    });

    tracker.setModel("gpt-5.5");

    expect(tracker.total()).toMatchObject({
      costUsd: 30,
      costBasis: "list price",
    });
  });

  it("lets the CLI's cumulative totals replace the estimate", () => {
    const tracker = createUsageTracker("claude-sonnet-4-5");
    tracker.recordStep("a", { input: 5, output: 5 });
    tracker.setTotals(
      { input: 7, output: 9, cacheRead: 0, cacheWrite: 0 },
      0.5,
    );
    const later = tracker.recordStep("b", { input: 100 });

    expect(later?.total).toEqual({
      input: 7,
      output: 9,
      cacheRead: 0,
      cacheWrite: 0,
      costUsd: 0.5,
      costBasis: "reported",
    });
  });

  it("prices per-model totals at each model's rate", () => {
    const tracker = createUsageTracker();
    const total = tracker.setTotalsByModel([
      {
        model: "gemini-2.5-pro",
        tokens: { input: 1_000_000, output: 0, cacheRead: 0, cacheWrite: 0 },
      },
      {
        model: "gemini-2.5-flash",
        tokens: { input: 1_000_000, output: 0, cacheRead: 0, cacheWrite: 0 },
      },
    ]);

    expect(total).toMatchObject({
      input: 2_000_000,
      costUsd: 1.55,
      costBasis: "list price",
    });
  });

  it("reports null, not zero, when nothing was recorded", () => {
    expect(createUsageTracker("gpt-5.5").total()).toBeNull();
  });
});
