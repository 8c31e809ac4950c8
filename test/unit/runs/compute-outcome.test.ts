import { describe, expect, it } from "vitest";

import { computeOutcome } from "@/lib/runs/compute-outcome";
import type { AgentExit, AgentVerdict } from "@/lib/runtimes/types";

const cleanExit: AgentExit = {
  exitCode: 0,
  signal: null,
  stderrTail: "",
  cancelled: false,
  timedOut: false,
};
const success: AgentVerdict = { success: true, finalText: "done", usage: null };

describe("computeOutcome", () => {
  it("succeeds only with exit 0, a clean verdict and a results file", () => {
    expect(
      computeOutcome({ exit: cleanExit, verdict: success, resultFiles: 1 }),
    ).toEqual({ status: "completed", success: true });
  });

  it("fails with no_results when nothing was written to /app/results", () => {
    const outcome = computeOutcome({
      exit: cleanExit,
      verdict: success,
      resultFiles: 0,
    });

    expect(outcome).toMatchObject({ status: "failed", kind: "no_results" });
  });

  it("lets the agent's own error win over exit 0 (B01)", () => {
    const outcome = computeOutcome({
      exit: cleanExit,
      verdict: {
        success: false,
        kind: "rate_limited",
        httpStatus: 429,
        message: "Rate limit reached",
        usage: null,
      },
      resultFiles: 3,
    });

    expect(outcome).toMatchObject({
      status: "failed",
      kind: "rate_limited",
      httpStatus: 429,
    });
  });

  it("fails a non-zero exit even when the stream looked fine", () => {
    const outcome = computeOutcome({
      exit: { ...cleanExit, exitCode: 1, stderrTail: "boom\n" },
      verdict: success,
      resultFiles: 1,
    });

    expect(outcome).toMatchObject({ status: "failed", kind: "agent_error" });
    expect(outcome.message).toContain("boom");
  });

  it("reports a stop Jetty asked for as cancelled, not failed (B03)", () => {
    const outcome = computeOutcome({
      exit: { ...cleanExit, exitCode: 130, cancelled: true },
      verdict: { success: false, kind: "agent_error", usage: null },
      resultFiles: 0,
    });

    expect(outcome).toEqual({
      status: "cancelled",
      success: false,
      kind: "cancelled",
      message: "Stopped by user",
    });
  });

  it("reports the wall clock as timeout", () => {
    const outcome = computeOutcome({
      exit: { ...cleanExit, exitCode: null, signal: "SIGTERM", timedOut: true },
      verdict: { success: false, usage: null },
      resultFiles: 1,
    });

    expect(outcome).toMatchObject({ status: "failed", kind: "timeout" });
  });
});
