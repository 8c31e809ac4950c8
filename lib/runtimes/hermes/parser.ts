import type { JettyEventInput } from "@/lib/events/schema";
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
  type JsonObject,
  type Terminal,
} from "@/lib/runtimes/parser-helpers";
import type { AgentParser, ParserOptions } from "@/lib/runtimes/types";
import { createUsageTracker } from "@/lib/runtimes/usage-tracker";

/** Parses `hermes chat -q … --format stream-json` stdout. */
export function createHermesParser(options: ParserOptions = {}): AgentParser {
  const usage = createUsageTracker(options.model);
  const run = createTextRun();
  // Calls without a tool_call_id are matched to results by name, oldest first.
  const unnamedCalls = new Map<string, string[]>();
  let callCounter = 0;
  let model = options.model;
  let terminal: Terminal = { seen: false };
  let lastBubble: string | undefined;

  function flush(out: JettyEventInput[]) {
    const text = run.take();
    if (text === undefined || text.trim() === "") return;

    lastBubble = text;
    out.push(event("message", { role: "assistant", text }));
  }

  function onResult(data: JsonObject, out: JettyEventInput[]) {
    const tokens = obj(data.tokens);
    if (tokens) {
      // hermes reports `input` without cache reads/writes (its CanonicalUsage
      // keeps them in their own buckets).
      out.push(
        event("usage", {
          total: usage.setTotals({
            input: count(tokens.input),
            output: count(tokens.output),
            cacheRead: count(tokens.cache_read),
            cacheWrite: count(tokens.cache_write),
          }),
        }),
      );
    }

    const exitCode = num(data.exit_code);
    const error = str(data.error);
    if (exitCode === 0 && !error) {
      const text = str(data.text) || lastBubble;
      terminal = {
        seen: true,
        success: true,
        ...(text ? { finalText: text } : {}),
      };
      return;
    }

    const message =
      error ?? `hermes ended with exit code ${exitCode ?? "unknown"}`;
    const httpStatus = httpStatusIn(message);
    terminal = {
      seen: true,
      success: false,
      message,
      kind:
        exitCode === 130 ? "agent_error" : classifyFailure(message, httpStatus),
      ...(httpStatus ? { httpStatus } : {}),
    };
  }

  return {
    push(line) {
      const out: JettyEventInput[] = [];
      const data = parseJsonObject(line);
      if (!data) {
        const raw = rawLineEvent(line);
        if (raw) {
          flush(out);
          out.push(raw);
        }
        return out;
      }

      if (data.type === "text") {
        // Whitespace deltas are part of the answer: kept verbatim.
        run.add(str(data.text) ?? "");
        return out;
      }

      flush(out);
      switch (data.type) {
        case "system":
          if (data.subtype !== "init") {
            out.push(
              unknownEvent(`hermes system/${String(data.subtype)}`, line),
            );
            break;
          }
          model = str(data.model) || model;
          usage.setModel(model);
          out.push(
            initEvent({
              runtime: "hermes",
              model,
              sessionId: str(data.session_id),
            }),
          );
          break;
        case "tool_use": {
          const name = str(data.name) ?? "unknown";
          let id = str(data.tool_call_id);
          if (!id) {
            id = `${name}#${++callCounter}`;
            unnamedCalls.set(name, [...(unnamedCalls.get(name) ?? []), id]);
          }
          out.push(event("tool.call", { id, name, input: data.input ?? {} }));
          break;
        }
        case "tool_result": {
          const name = str(data.name) ?? "unknown";
          const callId =
            str(data.tool_call_id) ?? unnamedCalls.get(name)?.shift() ?? name;
          out.push(
            event("tool.result", {
              callId,
              output: stringifyOutput(data.output),
              isError: data.is_error === true,
            }),
          );
          break;
        }
        case "result":
          onResult(data, out);
          break;
        default:
          out.push(unknownEvent(`hermes event ${String(data.type)}`, line));
      }

      return out;
    },

    end(exit) {
      const events: JettyEventInput[] = [];
      flush(events);

      return finishParse(events, {
        runtime: "hermes",
        terminal,
        exit,
        usage: usage.total(),
        model,
        sawAssistantText: lastBubble !== undefined,
      });
    },
  };
}
