import type { Usage } from "@/lib/events/schema";

/** `950 ms`, `12 s`, `3 min 05 s`, `1 h 02 min`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min ${String(seconds % 60).padStart(2, "0")} s`;
  }

  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

/** Token counts with thousands separators, the same on server and client. */
export function formatTokens(n: number): string {
  return n.toLocaleString("en-US");
}

/**
 * The cost and where it comes from. Zero is shown as `$0.00` (known to be
 * nothing), never as unknown (B01).
 */
export function formatCost(
  usage: Pick<Usage, "costUsd" | "costBasis">,
): string {
  if (usage.costUsd === null) return `unknown (${usage.costBasis})`;
  // Agent runs often cost cents: keep four digits below a dollar.
  const digits = usage.costUsd !== 0 && usage.costUsd < 1 ? 4 : 2;

  return `$${usage.costUsd.toFixed(digits)} (${usage.costBasis})`;
}

/** A short, one-line view of a tool call's input for its summary line. */
export function summarizeToolInput(input: unknown, max = 80): string {
  let text: string;
  if (typeof input === "string") {
    text = input;
  } else if (input && typeof input === "object" && !Array.isArray(input)) {
    const record = input as Record<string, unknown>;
    const preferred = [
      "command",
      "cmd",
      "file_path",
      "path",
      "pattern",
      "url",
      "query",
    ]
      .map((key) => record[key])
      .find((value) => typeof value === "string" || Array.isArray(value));
    text =
      preferred === undefined
        ? JSON.stringify(input)
        : Array.isArray(preferred)
          ? preferred.join(" ")
          : String(preferred);
  } else {
    text = input === undefined ? "" : JSON.stringify(input);
  }
  const line = text.replace(/\s+/g, " ").trim();

  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
