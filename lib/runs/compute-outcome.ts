import type { FailureKind, TrajectoryStatus } from "@/lib/events/schema";
import type { AgentExit, AgentVerdict } from "@/lib/runtimes/types";

export interface RunOutcome {
  status: Extract<TrajectoryStatus, "completed" | "failed" | "cancelled">;
  success: boolean;
  kind?: FailureKind;
  message?: string;
  httpStatus?: number;
}

/**
 * The outcome rule (DESIGN.md): success only when the agent exited 0, its own
 * final event reported no error, and it wrote at least one results file.
 * A stop Jetty asked for is `cancelled`, whatever the agent printed after.
 */
export function computeOutcome(input: {
  exit: AgentExit;
  verdict: AgentVerdict;
  resultFiles: number;
}): RunOutcome {
  const { exit, verdict, resultFiles } = input;

  if (exit.cancelled) {
    return {
      status: "cancelled",
      success: false,
      kind: "cancelled",
      message: "Stopped by user",
    };
  }
  if (exit.timedOut) {
    return {
      status: "failed",
      success: false,
      kind: "timeout",
      message: "The run hit its time limit",
    };
  }
  if (!verdict.success) {
    return {
      status: "failed",
      success: false,
      kind: verdict.kind ?? "agent_error",
      message: verdict.message ?? describeExit(exit),
      httpStatus: verdict.httpStatus,
    };
  }
  if (exit.exitCode !== 0) {
    return {
      status: "failed",
      success: false,
      kind: "agent_error",
      message: describeExit(exit),
    };
  }
  if (resultFiles === 0) {
    return {
      status: "failed",
      success: false,
      kind: "no_results",
      message: "The agent finished but wrote no file under /app/results/",
    };
  }

  return { status: "completed", success: true };
}

function describeExit(exit: AgentExit): string {
  if (exit.signal) return `The agent was killed by ${exit.signal}`;
  const tail = exit.stderrTail.trim().split("\n").slice(-3).join("\n");

  return tail
    ? `The agent exited with code ${exit.exitCode}: ${tail}`
    : `The agent exited with code ${exit.exitCode}`;
}
