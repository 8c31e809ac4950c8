import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";

/** What every API module needs to answer one request. */
export interface TurnContext {
  model: string;
  stream: boolean;
  /** ceil(request bytes / 4): plausible, not real. */
  inputTokens: number;
}

export function newId(prefix: string): string {
  return `${prefix}${randomBytes(12).toString("hex")}`;
}

export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(Buffer.byteLength(text) / 4));
}

/** Splits text into a few deltas so clients see real streaming. */
export function chunks(text: string, size = 12): string[] {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += size)
    parts.push(text.slice(i, i + size));

  return parts.length > 0 ? parts : [""];
}

export function sendJson(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

export function openSse(res: ServerResponse) {
  res.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    connection: "keep-alive",
  });
}

/** One SSE frame; `event` is omitted for APIs that send bare data frames. */
export function writeSse(
  res: ServerResponse,
  data: unknown,
  event?: string,
): void {
  const head = event ? `event: ${event}\n` : "";
  res.write(`${head}data: ${JSON.stringify(data)}\n\n`);
}

/** Text of a tool-result payload that may be a string or content blocks. */
export function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(textOf).join("");
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (typeof record.text === "string") return record.text;
    if (typeof record.output === "string") return record.output;
    if ("content" in record) return textOf(record.content);
    return JSON.stringify(value);
  }

  return "";
}
