import { formatCost as formatUsd } from "@/components/ui/format";
import type { Usage } from "@/lib/events/schema";

// One duration format everywhere (the collection table uses it too).
export { formatDuration } from "@/components/ui/format";

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

  return `${formatUsd(usage.costUsd)} (${usage.costBasis})`;
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
