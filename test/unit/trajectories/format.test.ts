import { describe, expect, it } from "vitest";

import {
  formatCost,
  formatDuration,
  summarizeToolInput,
} from "@/components/trajectory/format";

describe("formatDuration", () => {
  it.each([
    [950, "950 ms"],
    [12_400, "12.4 s"],
    [185_000, "3m 05s"],
    [3_720_000, "1h 02m"],
    [-1, "—"],
  ])("%i ms reads %s, as in the collection table", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe("formatCost", () => {
  it("shows a zero cost as zero, not unknown (B01)", () => {
    expect(formatCost({ costUsd: 0, costBasis: "reported" })).toBe(
      "$0.00 (reported)",
    );
  });

  it("keeps four digits for costs under a dollar (B04)", () => {
    expect(formatCost({ costUsd: 0.0421, costBasis: "reported" })).toBe(
      "$0.0421 (reported)",
    );
    expect(formatCost({ costUsd: 12.5, costBasis: "reported" })).toBe(
      "$12.50 (reported)",
    );
    expect(formatCost({ costUsd: 0.0087, costBasis: "list price" })).toBe(
      "$0.0087 (list price)",
    );
  });

  it("says when the cost cannot be known", () => {
    expect(formatCost({ costUsd: null, costBasis: "unknown model" })).toBe(
      "unknown (unknown model)",
    );
  });
});

describe("summarizeToolInput", () => {
  it("prefers the command or path over the whole input", () => {
    expect(summarizeToolInput({ command: "ls /app", timeout: 5 })).toBe(
      "ls /app",
    );
    expect(summarizeToolInput({ file_path: "/app/setup.cfg" })).toBe(
      "/app/setup.cfg",
    );
    expect(summarizeToolInput({ command: ["bash", "-lc", "pytest"] })).toBe(
      "bash -lc pytest",
    );
  });

  it("falls back to JSON on one line, cut at the limit", () => {
    expect(summarizeToolInput({ a: 1 })).toBe('{"a":1}');
    expect(summarizeToolInput("x".repeat(100), 10)).toBe(`${"x".repeat(9)}…`);
    expect(summarizeToolInput("line one\n  line two")).toBe(
      "line one line two",
    );
  });
});
