import type { JettyEventInput, TokenCounts } from "@/lib/events/schema";
import {
  arr,
  classifyFailure,
  count,
  event,
  finishParse,
  httpStatusIn,
  initEvent,
  logEvent,
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
  /^Reading additional input from stdin/,
  /^WARNING: proceeding, even though/,
];

// web_search items carry a second "id" that JSON.parse keeps instead of the
// item id (agent-clis.md 3.5), so the item id is read from the raw text.
const rawItemId = /"item"\s*:\s*\{\s*"id"\s*:\s*"([^"]*)"/;

function todoText(item: JsonObject): string {
  return arr(item.items)
    .map((raw) => {
      const entry = obj(raw);

      return `[${entry?.completed === true ? "x" : " "}] ${str(entry?.text) ?? ""}`;
    })
    .join("\n");
}

function toolCallOf(item: JsonObject): { name: string; input: unknown } | null {
  switch (item.type) {
    case "command_execution":
      return { name: "shell", input: { command: item.command } };
    case "file_change":
      return { name: "file_change", input: { changes: item.changes ?? [] } };
    case "mcp_tool_call":
      return {
        name: `${str(item.server) ?? "mcp"}.${str(item.tool) ?? "tool"}`,
        input: item.arguments ?? {},
      };
    case "web_search":
      return {
        name: "web_search",
        input: { query: item.query ?? obj(item.action)?.query },
      };
    case "collab_tool_call":
      return {
        name: `agent.${str(item.tool) ?? "call"}`,
        input: { prompt: item.prompt, receivers: item.receiver_thread_ids },
      };
    case "todo_list":
      return { name: "todo_list", input: { items: item.items ?? [] } };
    default:
      return null;
  }
}

function toolResultOf(item: JsonObject): { output: string; isError: boolean } {
  const failed = item.status === "failed" || item.status === "declined";
  switch (item.type) {
    case "command_execution": {
      const code = num(item.exit_code);

      return {
        output: str(item.aggregated_output) ?? "",
        isError: failed || (code !== undefined && code !== 0),
      };
    }
    case "file_change":
      return {
        output: arr(item.changes)
          .map(
            (c) =>
              `${str(obj(c)?.kind) ?? "update"} ${str(obj(c)?.path) ?? ""}`,
          )
          .join("\n"),
        isError: failed,
      };
    case "mcp_tool_call": {
      const error = str(obj(item.error)?.message);
      const result = obj(item.result);

      return {
        output:
          error ??
          stringifyOutput(result?.content ?? result?.structured_content ?? ""),
        isError: failed || error !== undefined,
      };
    }
    case "web_search":
      return {
        output: `Searched: ${str(item.query) ?? str(obj(item.action)?.query) ?? ""}`,
        isError: failed,
      };
    case "todo_list":
      return { output: todoText(item), isError: false };
    default:
      return { output: str(item.status) ?? "", isError: failed };
  }
}

/** Parses `codex exec --json` stdout (thread/turn/item events, Codex ≥ 0.44). */
export function createCodexParser(options: ParserOptions = {}): AgentParser {
  const usage = createUsageTracker(options.model);
  const openCalls = new Set<string>();
  const openWebSearches: string[] = [];
  let terminal: Terminal = { seen: false };
  let lastAgentMessage: { id: string; text: string } | undefined;
  let turnMessage: { id: string; text: string } | undefined;
  let sawAssistantText = false;
  let previousTotal: TokenCounts | undefined;
  // The last `error` line is held for one line: Codex repeats a turn's fatal
  // message as an `error` right before `turn.failed`, and showing it twice
  // (once as a warning) would only confuse.
  let heldWarning: { message: string; event: JettyEventInput } | undefined;

  function callIdFor(
    item: JsonObject,
    line: string,
    phase: "started" | "completed",
  ): string {
    if (item.type !== "web_search") return str(item.id) ?? "";

    if (phase === "started") {
      const id =
        rawItemId.exec(line)?.[1] ??
        str(item.id) ??
        `web_search_${openWebSearches.length}`;
      openWebSearches.push(id);

      return id;
    }

    return (
      openWebSearches.shift() ?? rawItemId.exec(line)?.[1] ?? str(item.id) ?? ""
    );
  }

  function onItem(
    type: string,
    item: JsonObject,
    line: string,
    out: JettyEventInput[],
  ) {
    const itemType = str(item.type) ?? "";
    const id = str(item.id) ?? "";

    if (itemType === "agent_message") {
      if (type !== "item.completed") return;
      const text = str(item.text) ?? "";
      if (!text.trim()) return;
      sawAssistantText = true;
      lastAgentMessage = turnMessage = { id, text };
      out.push(event("message", { role: "assistant", text, stepId: id }));
      return;
    }
    if (itemType === "reasoning") {
      const text = str(item.text) ?? "";
      if (type === "item.completed" && text.trim())
        out.push(event("thinking", { text, stepId: id }));
      return;
    }
    if (itemType === "error") {
      if (type === "item.completed") {
        out.push(warningEvent(str(item.message) ?? "warning"));
      }
      return;
    }
    if (itemType === "plan") {
      if (type === "item.completed" && str(item.text))
        out.push(logEvent(str(item.text)!, "info"));
      return;
    }

    const call = toolCallOf(item);
    if (!call) {
      out.push(unknownEvent(`codex ${type} ${itemType || "?"}`, line));
      return;
    }

    if (type === "item.started") {
      const callId = callIdFor(item, line, "started");
      openCalls.add(callId);
      out.push(
        event("tool.call", { id: callId, name: call.name, input: call.input }),
      );
    } else if (type === "item.updated") {
      if (itemType === "todo_list")
        out.push(logEvent(`Plan:\n${todoText(item)}`, "info"));
    } else {
      const callId = callIdFor(item, line, "completed");
      if (!openCalls.delete(callId)) {
        // Completed with no start (B08): show the call before its result.
        out.push(
          event("tool.call", {
            id: callId,
            name: call.name,
            input: call.input,
          }),
        );
      }
      out.push(event("tool.result", { callId, ...toolResultOf(item) }));
    }
  }

  function onTurnCompleted(line: JsonObject, out: JettyEventInput[]) {
    const u = obj(line.usage);
    const cached = count(u?.cached_input_tokens);
    const written = count(u?.cache_write_input_tokens);
    const tokens: TokenCounts = {
      // Codex's input figure includes the cached part (agent-clis.md 3.4).
      input: Math.max(0, count(u?.input_tokens) - cached - written),
      output: count(u?.output_tokens),
      cacheRead: cached,
      cacheWrite: written,
    };
    const total = usage.setTotals(tokens);
    // turn.completed carries the thread's running total; a step is the
    // difference from the previous turn's total.
    const step = previousTotal
      ? {
          input: Math.max(0, tokens.input - previousTotal.input),
          output: Math.max(0, tokens.output - previousTotal.output),
          cacheRead: Math.max(0, tokens.cacheRead - previousTotal.cacheRead),
          cacheWrite: Math.max(0, tokens.cacheWrite - previousTotal.cacheWrite),
        }
      : tokens;
    previousTotal = tokens;
    out.push(event("usage", { step, total }));

    terminal = {
      seen: true,
      success: true,
      ...(lastAgentMessage ? { finalText: lastAgentMessage.text } : {}),
    };
    turnMessage = undefined;
  }

  function onTurnFailed(line: JsonObject, out: JettyEventInput[]) {
    const message = str(obj(line.error)?.message) ?? "Codex turn failed";
    const httpStatus = httpStatusIn(message);
    terminal = {
      seen: true,
      success: false,
      message,
      kind: classifyFailure(message, httpStatus),
      ...(httpStatus ? { httpStatus } : {}),
    };

    // Only now is it known that the turn's text was not followed by a
    // successful end: repeat its last message, marked partial (B08).
    if (turnMessage) {
      out.push(
        event("message", {
          role: "assistant",
          text: turnMessage.text,
          stepId: turnMessage.id,
          partial: true,
        }),
      );
    }
    turnMessage = undefined;
  }

  return {
    push(line) {
      const out: JettyEventInput[] = [];
      const data = parseJsonObject(line);
      const type = str(data?.type);
      if (heldWarning) {
        const repeated =
          type === "turn.failed" &&
          str(obj(data?.error)?.message) === heldWarning.message;
        if (!repeated) out.push(heldWarning.event);
        heldWarning = undefined;
      }
      if (!data) {
        const raw = rawLineEvent(line);
        if (raw) out.push(raw);
        return out;
      }

      switch (type) {
        case "thread.started":
          out.push(
            initEvent({
              runtime: "codex",
              model: options.model,
              sessionId: str(data.thread_id),
            }),
          );
          break;
        case "turn.started":
          turnMessage = undefined;
          break;
        case "item.started":
        case "item.updated":
        case "item.completed": {
          const item = obj(data.item);
          if (item) onItem(type, item, line, out);
          else out.push(unknownEvent(`codex ${type}`, line));
          break;
        }
        case "turn.completed":
          onTurnCompleted(data, out);
          break;
        case "turn.failed":
          onTurnFailed(data, out);
          break;
        case "error": {
          // Retry notices arrive as `error` too; only turn.failed ends a turn.
          const message = str(data.message) ?? "error";
          heldWarning = { message, event: warningEvent(message) };
          break;
        }
        case "request_user_input":
          out.push(
            logEvent(
              "The agent asked for user input, which a headless run cannot answer",
              "warning",
            ),
          );
          break;
        default:
          out.push(
            unknownEvent(
              data.msg !== undefined
                ? "codex pre-0.44 event (not parsed)"
                : `codex event ${String(type)}`,
              line,
            ),
          );
      }

      return out;
    },

    end(exit) {
      const held = heldWarning ? [heldWarning.event] : [];
      heldWarning = undefined;
      return finishParse(held, {
        runtime: "Codex",
        terminal,
        exit,
        // No turn.completed means Codex never reported usage: unknown, not 0.
        usage: usage.total(),
        model: options.model,
        sawAssistantText,
        stderrNoise,
        exitCodeKind: (code) =>
          code === 2
            ? {
                kind: "agent_error",
                message: "Codex rejected its arguments (exit code 2)",
              }
            : undefined,
      });
    },
  };
}
