import type {
  FailureKind,
  JettyEventInput,
  TokenCounts,
} from "@/lib/events/schema";
import {
  classifyFailure,
  count,
  createTextRun,
  event,
  finishParse,
  httpStatusIn,
  initEvent,
  num,
  obj,
  parseJsonObject,
  rawLineEvent,
  str,
  stringifyOutput,
  unknownEvent,
  warningEvent,
  type JsonObject,
  type Terminal,
} from "@/lib/runtimes/parser-helpers";
import type { AgentParser, ParserOptions } from "@/lib/runtimes/types";
import { createUsageTracker } from "@/lib/runtimes/usage-tracker";

const stderrNoise = [
  /^Warning: (?:Basic terminal detected|256-color support)/,
  /^YOLO mode is enabled/,
  /^Ripgrep is not available/,
  /^\[STARTUP\]/,
  /^Loaded cached credentials/,
];

const maxJsonOutputChars = 8 * 1024 * 1024;

const errorTypeKinds: Record<string, FailureKind> = {
  FatalTurnLimitedError: "max_turns",
  FatalAuthenticationError: "auth",
  FatalSandboxError: "sandbox_error",
};

/** What a Gemini CLI exit code means when no `result` line explains it (agent-clis.md 4.5). */
export function geminiExitCodeMeaning(
  code: number,
): { kind: FailureKind; httpStatus?: number; message: string } | undefined {
  switch (code) {
    case 41:
      return {
        kind: "auth",
        message: "Gemini CLI authentication is not configured (exit code 41)",
      };
    case 42:
      return {
        kind: "agent_error",
        message: "Gemini CLI rejected its input (exit code 42)",
      };
    case 44:
      return {
        kind: "sandbox_error",
        message: "Gemini CLI sandbox error (exit code 44)",
      };
    case 52:
      return {
        kind: "agent_error",
        message: "Gemini CLI configuration error (exit code 52)",
      };
    case 53:
      return {
        kind: "max_turns",
        message: "Gemini CLI reached its turn limit (exit code 53)",
      };
    case 54:
      return {
        kind: "agent_error",
        message: "A Gemini CLI tool failed (exit code 54)",
      };
    case 55:
      return {
        kind: "agent_error",
        message: "Gemini CLI does not trust the workspace (exit code 55)",
      };
    case 130:
      return {
        kind: "agent_error",
        message: "Gemini CLI was interrupted (exit code 130)",
      };
  }
  // API errors exit with the HTTP status modulo 256: 400 → 144, 429 → 173.
  if (code >= 144 && code <= 255) {
    const httpStatus = code + 256;

    return {
      kind: classifyFailure("", httpStatus),
      httpStatus,
      message: `Gemini API error ${httpStatus} (exit code ${code})`,
    };
  }

  return undefined;
}

/**
 * Jetty's counts from one `stats` block. `input_tokens` includes the cached
 * part; `output_tokens` leaves out thoughts and tool tokens, which are billed
 * as output, so output is everything above the prompt (agent-clis.md 4.4).
 */
function tokensFromStats(stats: JsonObject): TokenCounts {
  const prompt = count(stats.input_tokens);
  const cached = count(stats.cached);

  return {
    input:
      num(stats.input) !== undefined
        ? count(stats.input)
        : Math.max(0, prompt - cached),
    output: Math.max(
      count(stats.output_tokens),
      count(stats.total_tokens) - prompt,
    ),
    cacheRead: cached,
    cacheWrite: 0,
  };
}

/** Counts from `--output-format json` (`stats.models.<m>.tokens`). */
function tokensFromJsonOutput(tokens: JsonObject): TokenCounts {
  const prompt = count(tokens.prompt);
  const cached = count(tokens.cached);

  return {
    input: Math.max(0, prompt - cached),
    output: count(tokens.candidates) + count(tokens.thoughts),
    cacheRead: cached,
    cacheWrite: 0,
  };
}

/** The provider's own message inside "[API Error: {json}]". */
function readableError(message: string): string {
  const start = message.indexOf("{");
  const end = message.lastIndexOf("}");
  if (start === -1 || end <= start) return message;

  try {
    const inner = obj(JSON.parse(message.slice(start, end + 1)));
    const text = str(obj(inner?.error)?.message) ?? str(inner?.message);

    return text ?? message;
  } catch {
    return message;
  }
}

/** Parses `gemini --output-format stream-json` stdout. */
export function createGeminiCliParser(
  options: ParserOptions = {},
): AgentParser {
  const usage = createUsageTracker(options.model);
  const run = createTextRun();
  let model = options.model;
  let terminal: Terminal = { seen: false };
  let echoSkipped = false;
  let lastBubble: string | undefined;
  // `--output-format json` prints one pretty-printed object instead of
  // JSONL; its lines are gathered (bounded) and read at the end.
  let jsonOutput: string[] | undefined;
  let jsonOutputChars = 0;
  let started = false;

  // Each model in `stats.models` is priced at its own rate; without the
  // split, all of it at the run's model.
  function totalsFromStats(stats: JsonObject) {
    const models = Object.entries(obj(stats.models) ?? {}).filter(
      ([, m]) => obj(m) !== undefined,
    );
    if (models.length === 0) return usage.setTotals(tokensFromStats(stats));

    return usage.setTotalsByModel(
      models.map(([name, m]) => ({
        model: name,
        tokens: tokensFromStats(obj(m)!),
      })),
    );
  }

  function readJsonOutput(out: JettyEventInput[]) {
    const text = jsonOutput?.join("\n") ?? "";
    jsonOutput = undefined;
    const data = parseJsonObject(text);
    if (!data) {
      for (const line of text.split("\n")) {
        const raw = rawLineEvent(line);
        if (raw) out.push(raw);
      }
      return;
    }

    out.push(
      initEvent({
        runtime: "gemini-cli",
        model,
        sessionId: str(data.session_id),
      }),
    );
    const response = str(data.response);
    if (response?.trim()) {
      lastBubble = response;
      out.push(event("message", { role: "assistant", text: response }));
    }

    const models = Object.entries(obj(obj(data.stats)?.models) ?? {});
    if (models.length > 0) {
      const total = usage.setTotalsByModel(
        models.map(([name, m]) => ({
          model: name,
          tokens: tokensFromJsonOutput(obj(obj(m)?.tokens) ?? {}),
        })),
      );
      out.push(event("usage", { total }));
    }

    const error = obj(data.error);
    if (error) {
      onResult({ status: "error", error }, out);
    } else {
      terminal = {
        seen: true,
        success: true,
        ...(response ? { finalText: response } : {}),
      };
    }
  }

  // Consecutive assistant deltas become one bubble, emitted when the run of
  // deltas ends (any other event, or the end of the stream): the stored
  // timeline stays one event per reply, at the cost of showing a reply only
  // once its text is complete.
  function flush(out: JettyEventInput[]) {
    const text = run.take();
    if (text === undefined || text.trim() === "") return;

    lastBubble = text;
    out.push(event("message", { role: "assistant", text }));
  }

  function onResult(data: JsonObject, out: JettyEventInput[]) {
    const stats = obj(data.stats);
    if (stats) out.push(event("usage", { total: totalsFromStats(stats) }));

    if (data.status === "success") {
      terminal = {
        seen: true,
        success: true,
        ...(lastBubble ? { finalText: lastBubble } : {}),
      };
      return;
    }

    const error = obj(data.error);
    const raw = str(error?.message) ?? "Gemini CLI reported an error";
    const httpStatus = httpStatusIn(raw);
    const type = str(error?.type) ?? "";
    terminal = {
      seen: true,
      success: false,
      message: readableError(raw),
      kind: errorTypeKinds[type] ?? classifyFailure(raw, httpStatus),
      ...(httpStatus ? { httpStatus } : {}),
    };
  }

  return {
    push(line) {
      if (jsonOutput) {
        jsonOutputChars += line.length;
        if (jsonOutputChars <= maxJsonOutputChars) jsonOutput.push(line);
        return [];
      }
      if (!started && line.trim() === "{") {
        jsonOutput = [line];
        jsonOutputChars = 1;
        return [];
      }
      if (line.trim() !== "") started = true;

      const data = parseJsonObject(line);
      if (!data) {
        const out: JettyEventInput[] = [];
        const raw = rawLineEvent(line);
        if (raw) {
          flush(out);
          out.push(raw);
        }
        return out;
      }

      const out: JettyEventInput[] = [];
      if (data.type === "message" && data.role === "assistant") {
        const text = str(data.content) ?? "";
        if (data.delta === true) {
          run.add(text);
          return out;
        }
        flush(out);
        run.add(text);
        flush(out);
        return out;
      }

      flush(out);
      switch (data.type) {
        case "init":
          model = str(data.model) ?? model;
          usage.setModel(model);
          out.push(
            initEvent({
              runtime: "gemini-cli",
              model,
              sessionId: str(data.session_id),
            }),
          );
          break;
        case "message": {
          // The first user message echoes the prompt (the runbook body the
          // trajectory already stores); it is not shown again.
          const text = str(data.content) ?? "";
          if (!echoSkipped) echoSkipped = true;
          else if (text.trim())
            out.push(event("message", { role: "user", text }));
          break;
        }
        case "tool_use":
          out.push(
            event("tool.call", {
              id: str(data.tool_id) ?? "",
              name: str(data.tool_name) ?? "unknown",
              input: data.parameters ?? {},
            }),
          );
          break;
        case "tool_result": {
          const error = obj(data.error);
          const output = data.output ?? error?.message;
          out.push(
            event("tool.result", {
              callId: str(data.tool_id) ?? "",
              output: stringifyOutput(output),
              isError: data.status === "error",
            }),
          );
          break;
        }
        case "error":
          // Both severities are notices (loop detected, hook blocked a tool);
          // the `result` line decides the run.
          out.push(warningEvent(str(data.message) ?? "Gemini CLI warning"));
          break;
        case "result":
          onResult(data, out);
          break;
        default:
          out.push(unknownEvent(`gemini event ${String(data.type)}`, line));
      }

      return out;
    },

    end(exit) {
      const events: JettyEventInput[] = [];
      if (jsonOutput) readJsonOutput(events);
      flush(events);
      if (terminal.seen && terminal.success && lastBubble) {
        terminal = { ...terminal, finalText: lastBubble };
      }

      return finishParse(events, {
        runtime: "Gemini CLI",
        terminal,
        exit,
        usage: usage.total(),
        model,
        sawAssistantText: lastBubble !== undefined,
        stderrNoise,
        exitCodeKind: geminiExitCodeMeaning,
      });
    },
  };
}
