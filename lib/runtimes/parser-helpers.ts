import type {
  EventPayload,
  FailureKind,
  JettyEventInput,
  Usage,
} from "@/lib/events/schema";
import type { AgentExit, AgentVerdict } from "@/lib/runtimes/types";

export type JsonObject = Record<string, unknown>;

/** Longest text a `log` event keeps; the raw agent log holds the rest. */
export const maxLogTextChars = 64 * 1024;

/** One stdout line as a JSON object, or null when it is anything else. */
export function parseJsonObject(line: string): JsonObject | null {
  // Cheap pre-check: every event line starts with "{"; most noise does not.
  let i = 0;
  while (i < line.length && line.charCodeAt(i) <= 0x20) i++;
  if (line.charCodeAt(i) !== 0x7b) return null;

  try {
    const value: unknown = JSON.parse(line);

    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

/** A plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value when it is a string. */
export function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** The value when it is a finite number. */
export function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value)
    ? value
    : undefined;
}

/** The value when it is a plain object. */
export function obj(value: unknown): JsonObject | undefined {
  return isObject(value) ? value : undefined;
}

/** The value when it is an array, else an empty one. */
export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A non-negative whole token count from a possibly missing field. */
export function count(value: unknown): number {
  const n = num(value);

  return n !== undefined && n > 0 ? Math.floor(n) : 0;
}

/** A timeline event of the given type. */
export function event<T extends JettyEventInput["type"]>(
  type: T,
  payload: EventPayload<T>,
): JettyEventInput {
  return { type, payload } as JettyEventInput;
}

/** A `log` event, its text capped at `maxLogTextChars`. */
export function logEvent(
  text: string,
  level: "debug" | "info" | "warning" = "info",
  stream: "stdout" | "stderr" | "system" = "stdout",
): JettyEventInput {
  const kept =
    text.length > maxLogTextChars
      ? `${text.slice(0, maxLogTextChars)}… [${text.length - maxLogTextChars} more characters in the agent log]`
      : text;

  return event("log", { stream, text: kept, level });
}

/** A stdout line that is not one of the runtime's events. */
export function rawLineEvent(line: string): JettyEventInput | null {
  if (line.trim() === "") return null;

  return logEvent(line, "info", "stdout");
}

/** An event line of a known shape but an unknown `type`/`subtype`. */
export function unknownEvent(label: string, line: string): JettyEventInput {
  return logEvent(`${label}: ${line}`, "debug", "stdout");
}

/** An `agent.init` event, leaving out what the stream did not name. */
export function initEvent(fields: {
  runtime: string;
  model?: string;
  sessionId?: string;
  version?: string;
  tools?: string[];
}): JettyEventInput {
  const { runtime, model, sessionId, version, tools } = fields;

  return event("agent.init", {
    runtime,
    ...(model ? { model } : {}),
    ...(sessionId ? { sessionId } : {}),
    ...(version ? { version } : {}),
    ...(tools?.length ? { tools } : {}),
  });
}

/** A non-fatal `error` (retry notice, warning); the run goes on. */
export function warningEvent(
  message: string,
  httpStatus = httpStatusIn(message),
): JettyEventInput {
  const kind = classifyFailure(message, httpStatus);
  // "Model metadata … not found" is a notice, not a missing model: warnings
  // are only labelled with kinds whose wording is unambiguous.
  const labelled =
    kind !== "agent_error" &&
    (httpStatus !== undefined || kind !== "model_not_found");

  return event("error", {
    message,
    ...(labelled ? { kind } : {}),
    ...(httpStatus ? { httpStatus } : {}),
    fatal: false,
  });
}

/** Tool output of any shape as display text. */
export function stringifyOutput(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) {
    return value
      .map((block) => {
        if (typeof block === "string") return block;
        if (isObject(block)) {
          if (typeof block.text === "string") return block.text;
          if (block.type === "image") return "[image]";
        }

        return JSON.stringify(block);
      })
      .join("\n");
  }

  return JSON.stringify(value);
}

/** An HTTP status named in an error text ("status 401", "HTTP 429", "code":400). */
export function httpStatusIn(text: string): number | undefined {
  const match =
    /\b(?:status(?: code)?|HTTP)[ :=]*([1-5]\d\d)\b/i.exec(text) ??
    /"code"\s*:\s*([1-5]\d\d)\b/.exec(text) ??
    /\b([45]\d\d) (?:Unauthorized|Forbidden|Not Found|Too Many Requests|Bad Request|Payload Too Large)\b/i.exec(
      text,
    );

  return match ? Number(match[1]) : undefined;
}

const kindPatterns: [FailureKind, RegExp][] = [
  [
    "context_overflow",
    /context[ _-]?(?:window|length)|context_length_exceeded|prompt is too long|prompt_too_long|too many tokens|maximum context|ran out of room/i,
  ],
  [
    "auth",
    /unauthori[sz]ed|authenticat|invalid[ _-]?(?:x-)?api[ _-]?key|api key not valid|incorrect api key|permission denied|forbidden|auth method|credential|api_key_invalid|billing/i,
  ],
  [
    "rate_limited",
    /rate[ _-]?limit|too many requests|quota|resource_exhausted/i,
  ],
  [
    "model_not_found",
    /model[^.]{0,80}(?:not found|does not exist|not available|unknown|invalid)|(?:unknown|invalid|unsupported) model|model_not_found/i,
  ],
  ["max_turns", /max(?:imum)?[ _-]?(?:session[ _-]?)?turns|turn limit/i],
];

/** The failure kind an HTTP status and error text point to. */
export function classifyFailure(
  text: string,
  httpStatus?: number,
): FailureKind {
  if (httpStatus === 401 || httpStatus === 403) return "auth";
  if (httpStatus === 429) return "rate_limited";
  if (httpStatus === 413) return "context_overflow";
  for (const [kind, pattern] of kindPatterns) {
    if (pattern.test(text)) return kind;
  }
  if (httpStatus === 404) return "model_not_found";

  return "agent_error";
}

/** Meaningful last lines of stderr, without known startup noise and stack frames. */
export function summarizeStderr(
  tail: string,
  noise: readonly RegExp[] = [],
): string {
  const lines = tail
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter(
      (line) =>
        line.trim() !== "" &&
        !/^\s+at /.test(line) &&
        !noise.some((re) => re.test(line)),
    );
  const text = lines.slice(-5).join("\n").trim();

  return text.length > 2000 ? `…${text.slice(-2000)}` : text;
}

/** How a run ended according to the agent's own terminal event. */
export type Terminal =
  | { seen: false }
  | { seen: true; success: true; finalText?: string }
  | {
      seen: true;
      success: false;
      message: string;
      kind: FailureKind;
      httpStatus?: number;
    };

export interface SettleInput {
  runtime: string;
  terminal: Terminal;
  exit: AgentExit;
  usage: Usage | null;
  model?: string;
  /** Any assistant text was seen (guards against empty "successes"). */
  sawAssistantText: boolean;
  stderrNoise?: readonly RegExp[];
  /** Runtime-specific meaning of a non-zero exit code with no terminal event. */
  exitCodeKind?: (
    code: number,
  ) => { kind: FailureKind; httpStatus?: number; message?: string } | undefined;
}

/**
 * The verdict from the terminal event, the exit and stderr, plus the fatal
 * `error` event that shows a failure on the timeline. A stop Jetty asked for
 * wins over everything (the stream may even say success); then the wall
 * clock; then the agent's own terminal event; and with none, the exit code
 * and stderr — never success.
 */
export function settleVerdict(input: SettleInput): {
  events: JettyEventInput[];
  verdict: AgentVerdict;
} {
  const { exit, terminal, usage, model } = input;
  const base = { usage, ...(model ? { model } : {}) };
  const stderr = summarizeStderr(exit.stderrTail, input.stderrNoise);
  const exitText =
    exit.exitCode !== null
      ? `exited with code ${exit.exitCode}`
      : exit.signal
        ? `was killed by ${exit.signal}`
        : "ended";

  if (exit.cancelled) {
    return {
      events: [],
      verdict: {
        ...base,
        success: false,
        kind: "cancelled",
        message: "Stopped by user",
      },
    };
  }

  let failure: { kind: FailureKind; message: string; httpStatus?: number };
  if (exit.timedOut) {
    failure = { kind: "timeout", message: "Stopped at the run's time limit" };
  } else if (!terminal.seen) {
    const byCode =
      exit.exitCode !== null && exit.exitCode !== 0
        ? input.exitCodeKind?.(exit.exitCode)
        : undefined;
    const incomplete = `Incomplete output: ${input.runtime} ${exitText} without a result event`;
    const message = stderr || byCode?.message || incomplete;
    failure = {
      kind:
        byCode?.kind && byCode.kind !== "agent_error"
          ? byCode.kind
          : stderr
            ? classifyFailure(stderr, byCode?.httpStatus)
            : (byCode?.kind ?? "agent_error"),
      message,
      ...(byCode?.httpStatus ? { httpStatus: byCode.httpStatus } : {}),
    };
  } else if (!terminal.success) {
    failure = terminal;
  } else if (exit.exitCode !== 0) {
    failure = {
      kind: "agent_error",
      message: `${input.runtime} reported success but ${exitText}${stderr ? `: ${stderr}` : ""}`,
    };
  } else if (
    !terminal.finalText?.trim() &&
    !input.sawAssistantText &&
    (usage === null || usage.input + usage.output + usage.cacheRead === 0)
  ) {
    failure = {
      kind: "agent_error",
      message: `Suspicious success: ${input.runtime} reported success but produced no answer and used no tokens`,
    };
  } else {
    return {
      events: [],
      verdict: {
        ...base,
        success: true,
        ...(terminal.finalText ? { finalText: terminal.finalText } : {}),
      },
    };
  }

  const errorPayload = {
    message: failure.message,
    kind: failure.kind,
    ...(failure.httpStatus ? { httpStatus: failure.httpStatus } : {}),
    fatal: true,
  };

  return {
    events: [event("error", errorPayload)],
    verdict: {
      ...base,
      success: false,
      kind: failure.kind,
      message: failure.message,
      ...(failure.httpStatus ? { httpStatus: failure.httpStatus } : {}),
    },
  };
}

/** A parser's `end`: the events it still held, then the settled verdict's. */
export function finishParse(
  held: JettyEventInput[],
  input: SettleInput,
): { events: JettyEventInput[]; verdict: AgentVerdict } {
  const settled = settleVerdict(input);

  return { events: [...held, ...settled.events], verdict: settled.verdict };
}

/**
 * Joins consecutive text pieces (Gemini and hermes deltas, goose chunks) into
 * one timeline event, emitted when the run of pieces ends.
 */
export function createTextRun() {
  let pieces: string[] = [];
  let key: string | undefined;

  return {
    /** True when a piece with this key continues the current run. */
    accepts(nextKey: string): boolean {
      return pieces.length === 0 || key === nextKey;
    },
    add(text: string, nextKey = "") {
      key = nextKey;
      pieces.push(text);
    },
    get key() {
      return key;
    },
    /** The joined text, and the run is reset; undefined when empty. */
    take(): string | undefined {
      if (pieces.length === 0) return undefined;

      const text = pieces.join("");
      pieces = [];
      key = undefined;

      return text;
    },
  };
}
