import type { JettyEventInput } from "@/lib/events/schema";
import {
  arr,
  classifyFailure,
  count,
  createTextRun,
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
  type JsonObject,
  type Terminal,
} from "@/lib/runtimes/parser-helpers";
import type { AgentParser, ParserOptions } from "@/lib/runtimes/types";
import { createUsageTracker } from "@/lib/runtimes/usage-tracker";

/** Parses `goose run --output-format stream-json` stdout. */
export function createGooseParser(options: ParserOptions = {}): AgentParser {
  const usage = createUsageTracker(options.model);
  // Streaming chunks of one reply share `message.id`; text and thinking
  // pieces are joined per id and kind, and emitted when the run changes.
  const run = createTextRun();
  let error: string | undefined;
  let completed = false;
  let lastBubble: string | undefined;
  let sawAssistantText = false;
  let initSent = false;

  function flush(out: JettyEventInput[]) {
    const key = run.key ?? "";
    const text = run.take();
    if (text === undefined || text.trim() === "") return;

    const [kind, stepId, role] = key.split("\u0000");
    if (kind === "thinking") {
      out.push(event("thinking", { text, ...(stepId ? { stepId } : {}) }));
      return;
    }

    const speaker = role === "user" ? "user" : "assistant";
    if (speaker === "assistant") lastBubble = text;
    out.push(
      event("message", { role: speaker, text, ...(stepId ? { stepId } : {}) }),
    );
  }

  function piece(
    out: JettyEventInput[],
    kind: string,
    stepId: string,
    role: string,
    text: string,
  ) {
    const key = [kind, stepId, role].join("\u0000");
    if (!run.accepts(key)) flush(out);
    run.add(text, key);
  }

  function onMessage(
    message: JsonObject,
    line: string,
    out: JettyEventInput[],
  ) {
    const stepId = str(message.id) ?? "";
    const role = str(message.role) ?? "assistant";

    for (const raw of arr(message.content)) {
      const item = obj(raw);
      if (!item) continue;

      switch (item.type) {
        case "text": {
          const text = str(item.text) ?? "";
          if (role === "assistant" && text.trim()) sawAssistantText = true;
          piece(out, "text", stepId, role, text);
          break;
        }
        case "thinking":
          piece(out, "thinking", stepId, role, str(item.thinking) ?? "");
          break;
        case "redactedThinking":
          break;
        case "toolRequest": {
          flush(out);
          const id = str(item.id) ?? "";
          const call = obj(item.toolCall);
          const value = obj(call?.value);
          out.push(
            event("tool.call", {
              id,
              name: str(value?.name) ?? "unknown",
              input: value?.arguments ?? {},
              ...(stepId ? { stepId } : {}),
            }),
          );
          if (call?.status === "error") {
            out.push(
              event("tool.result", {
                callId: id,
                output: stringifyOutput(call.error),
                isError: true,
              }),
            );
          }
          break;
        }
        case "toolResponse": {
          flush(out);
          const result = obj(item.toolResult);
          const value = obj(result?.value);
          const failed = result?.status === "error";
          out.push(
            event("tool.result", {
              callId: str(item.id) ?? "",
              output: failed
                ? stringifyOutput(result?.error)
                : stringifyOutput(value?.content ?? value),
              isError: failed || value?.isError === true,
            }),
          );
          break;
        }
        case "image":
          flush(out);
          out.push(logEvent("[image]", "info"));
          break;
        case "systemNotification":
        case "actionRequired": {
          flush(out);
          const text =
            str(item.msg) ?? str(item.message) ?? JSON.stringify(item);
          out.push(
            logEvent(
              text,
              item.type === "actionRequired" ? "warning" : "info",
              "system",
            ),
          );
          break;
        }
        default:
          flush(out);
          out.push(unknownEvent(`goose content ${String(item.type)}`, line));
      }
    }
  }

  function onComplete(data: JsonObject, out: JettyEventInput[]) {
    completed = true;
    const cacheRead = count(data.cache_read_input_tokens);
    const cacheWrite = count(data.cache_write_input_tokens);
    // goose's input figure already includes cache reads and writes.
    const input =
      num(data.input_tokens) !== undefined
        ? Math.max(0, count(data.input_tokens) - cacheRead - cacheWrite)
        : count(data.total_tokens);
    out.push(
      event("usage", {
        total: usage.setTotals(
          { input, output: count(data.output_tokens), cacheRead, cacheWrite },
          num(data.cost_usd),
        ),
      }),
    );
  }

  function terminal(): Terminal {
    if (error !== undefined) {
      const httpStatus = httpStatusIn(error);

      return {
        seen: true,
        success: false,
        message: error,
        kind: classifyFailure(error, httpStatus),
        ...(httpStatus ? { httpStatus } : {}),
      };
    }
    if (!completed) return { seen: false };

    return {
      seen: true,
      success: true,
      ...(lastBubble ? { finalText: lastBubble } : {}),
    };
  }

  return {
    push(line) {
      const out: JettyEventInput[] = [];
      if (!initSent) {
        // goose names no session or model in its stream; the run start is
        // still marked so every runtime's timeline begins the same way.
        initSent = true;
        out.push(initEvent({ runtime: "goose", model: options.model }));
      }
      const data = parseJsonObject(line);
      if (!data) {
        const raw = rawLineEvent(line);
        if (raw) {
          flush(out);
          out.push(raw);
        }
        return out;
      }

      if (data.type === "message") {
        const message = obj(data.message);
        if (message) onMessage(message, line, out);
        return out;
      }

      flush(out);
      switch (data.type) {
        case "notification": {
          const extension = str(data.extension_id) ?? "extension";
          const text =
            str(obj(data.log)?.message) ?? str(obj(data.progress)?.message);
          if (text)
            out.push(logEvent(`${extension}: ${text}`, "debug", "system"));
          break;
        }
        case "error":
          error =
            str(data.error) ?? JSON.stringify(data.error ?? "goose error");
          break;
        case "complete":
          onComplete(data, out);
          break;
        default:
          out.push(unknownEvent(`goose event ${String(data.type)}`, line));
      }

      return out;
    },

    end(exit) {
      const events: JettyEventInput[] = [];
      flush(events);

      return finishParse(events, {
        runtime: "goose",
        terminal: terminal(),
        exit,
        usage: usage.total(),
        model: options.model,
        sawAssistantText,
      });
    },
  };
}
