import { readFileSync } from "node:fs";
import path from "node:path";
import type { JettyEventInput } from "@/lib/events/schema";
import { createClaudeCodeParser } from "@/lib/runtimes/claude-code/parser";
import { createCodexParser } from "@/lib/runtimes/codex/parser";
import { createGeminiCliParser } from "@/lib/runtimes/gemini-cli/parser";
import { createGooseParser } from "@/lib/runtimes/goose/parser";
import { createHermesParser } from "@/lib/runtimes/hermes/parser";
import { createLineReader } from "@/lib/runtimes/line-reader";
import type {
  AgentExit,
  AgentParser,
  AgentVerdict,
  ParserOptions,
  RuntimeId,
} from "@/lib/runtimes/types";

export const fixturesDir = path.join(import.meta.dirname, "fixtures");
export const agentFixturesDir = path.join(fixturesDir, "agents");
export const casesDir = path.join(fixturesDir, "cases");

export const parserFactories: Record<
  RuntimeId,
  (options?: ParserOptions) => AgentParser
> = {
  "claude-code": createClaudeCodeParser,
  codex: createCodexParser,
  "gemini-cli": createGeminiCliParser,
  hermes: createHermesParser,
  goose: createGooseParser,
};

export function exitWith(overrides: Partial<AgentExit> = {}): AgentExit {
  return {
    exitCode: 0,
    signal: null,
    stderrTail: "",
    cancelled: false,
    timedOut: false,
    ...overrides,
  };
}

export interface ParsedRun {
  events: JettyEventInput[];
  verdict: AgentVerdict;
}

/** Feeds byte chunks through the line reader into a parser, then ends it. */
export function runChunks(
  runtime: RuntimeId,
  chunks: Iterable<Uint8Array>,
  exit: AgentExit,
  options?: ParserOptions,
): ParsedRun {
  const parser = parserFactories[runtime](options);
  const events: JettyEventInput[] = [];
  const reader = createLineReader({
    onLine: (line) => events.push(...parser.push(line)),
  });
  for (const chunk of chunks) reader.push(chunk);
  reader.end();
  const end = parser.end(exit);

  return { events: [...events, ...end.events], verdict: end.verdict };
}

export function runText(
  runtime: RuntimeId,
  text: string,
  exit: AgentExit = exitWith(),
  options?: ParserOptions,
): ParsedRun {
  return runChunks(runtime, [new TextEncoder().encode(text)], exit, options);
}

/** Deterministic pseudo-random generator (mulberry32), so chunkings repeat. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;

  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);

    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cuts bytes into random-sized pieces of 1..maxSize bytes. */
export function randomChunks(
  bytes: Uint8Array,
  seed: number,
  maxSize: number,
): Uint8Array[] {
  const random = seededRandom(seed);
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length;) {
    const size = 1 + Math.floor(random() * maxSize);
    chunks.push(bytes.slice(at, at + size));
    at += size;
  }

  return chunks;
}

export function readFixture(name: string): Uint8Array {
  return readFileSync(path.join(agentFixturesDir, name));
}

/** The first line of a text, cut to `max` characters. */
function firstLine(text: string, max: number): string {
  const line = text.split("\n")[0];

  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/** One readable line per event, for expected-output files. */
export function summarizeEvent(e: JettyEventInput): string {
  switch (e.type) {
    case "agent.init": {
      const p = e.payload;
      return [
        "agent.init",
        p.runtime,
        p.model && `model=${p.model}`,
        p.sessionId && `session=${p.sessionId}`,
      ]
        .filter(Boolean)
        .join(" ");
    }
    case "message": {
      const p = e.payload;
      const tags = [
        p.partial && "partial",
        p.stepId && `step=${p.stepId}`,
        p.parentCallId && `parent=${p.parentCallId}`,
      ].filter(Boolean);
      return `message ${p.role}${tags.length ? ` ${tags.join(" ")}` : ""}: ${p.text}`;
    }
    case "thinking": {
      const p = e.payload;
      return `thinking${p.stepId ? ` step=${p.stepId}` : ""}: ${p.text}`;
    }
    case "tool.call": {
      const p = e.payload;
      return `tool.call ${p.id} ${p.name}${p.parentCallId ? ` parent=${p.parentCallId}` : ""} ${JSON.stringify(p.input)}`;
    }
    case "tool.result": {
      const p = e.payload;
      return `tool.result ${p.callId}${p.isError ? " error" : ""}${p.parentCallId ? ` parent=${p.parentCallId}` : ""}: ${firstLine(p.output, 60)}`;
    }
    case "usage": {
      const t = e.payload.total;
      return `usage in=${t.input} out=${t.output} cr=${t.cacheRead} cw=${t.cacheWrite} cost=${t.costUsd} ${t.costBasis}${e.payload.stepId ? ` step=${e.payload.stepId}` : ""}`;
    }
    case "log": {
      const p = e.payload;
      return `log ${p.stream}/${p.level}: ${firstLine(p.text, 60)}`;
    }
    case "error": {
      const p = e.payload;
      const tags = [p.kind, p.httpStatus].filter((t) => t !== undefined);
      return `error ${p.fatal ? "fatal" : "warning"}${tags.length ? ` ${tags.join(" ")}` : ""}: ${p.message}`;
    }
    default:
      return `${e.type} ${JSON.stringify(e.payload)}`;
  }
}
