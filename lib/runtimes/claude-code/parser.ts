import type {
  FailureKind,
  JettyEventInput,
  TokenCounts,
} from "@/lib/events/schema";
import {
  arr,
  classifyFailure,
  count,
  event,
  finishParse,
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

// Internal markers the CLI puts in `errors[]`; not for people (B03).
const diagnosticMarker = /^\s*\[ede_diagnostic\]/;

const errorCodeKinds: Record<string, FailureKind> = {
  authentication_failed: "auth",
  billing_error: "auth",
  rate_limit: "rate_limited",
  model_not_found: "model_not_found",
  max_output_tokens: "agent_error",
  prompt_too_long: "context_overflow",
};

function usageCounts(usage: JsonObject | undefined): TokenCounts {
  return {
    input: count(usage?.input_tokens),
    output: count(usage?.output_tokens),
    cacheRead: count(usage?.cache_read_input_tokens),
    cacheWrite: count(usage?.cache_creation_input_tokens),
  };
}

/** Parses `claude -p --output-format stream-json --verbose` stdout. */
export function createClaudeCodeParser(
  options: ParserOptions = {},
): AgentParser {
  const usage = createUsageTracker(options.model);
  let model = options.model;
  let result: JsonObject | undefined;
  let syntheticError:
    { text: string; code?: string; status?: number } | undefined;
  let sawAssistantText = false;
  // The response a `stream_event` belongs to when it does not say.
  let streamingMessageId: string | undefined;

  function stepUsage(
    out: JettyEventInput[],
    stepId: string,
    counts: Partial<TokenCounts>,
    stepModel?: string,
  ) {
    const update = usage.recordStep(stepId, counts, stepModel);
    if (update) {
      out.push(
        event("usage", { step: update.step, stepId, total: update.total }),
      );
    }
  }

  function onAssistant(line: JsonObject, out: JettyEventInput[]) {
    const message = obj(line.message);
    if (!message) return;

    const stepId = str(message.id);
    const parentCallId = str(line.parent_tool_use_id);
    const tag = parentCallId ? { parentCallId } : {};
    const messageModel = str(message.model);

    if (line.is_api_error_message === true || messageModel === "<synthetic>") {
      // The CLI's own error text dressed as a reply: the verdict shows it,
      // it is never the answer (B01).
      const text = arr(message.content)
        .map((b) => str(obj(b)?.text) ?? "")
        .join("")
        .trim();
      syntheticError = {
        text,
        code: str(line.error),
        status: num(line.api_error_status),
      };
      return;
    }

    for (const raw of arr(message.content)) {
      const block = obj(raw);
      if (!block) continue;

      const base = { ...(stepId ? { stepId } : {}), ...tag };
      if (block.type === "text") {
        const text = str(block.text) ?? "";
        if (text.trim() === "") continue;
        sawAssistantText = true;
        out.push(event("message", { role: "assistant", text, ...base }));
      } else if (block.type === "thinking") {
        const text = str(block.thinking) ?? "";
        if (text.trim() !== "") out.push(event("thinking", { text, ...base }));
      } else if (block.type === "tool_use") {
        out.push(
          event("tool.call", {
            id: str(block.id) ?? "",
            name: str(block.name) ?? "unknown",
            input: block.input ?? {},
            ...base,
          }),
        );
      } else if (block.type !== "redacted_thinking") {
        out.push(
          logEvent(
            `assistant content block: ${JSON.stringify(block)}`,
            "debug",
          ),
        );
      }
    }

    if (stepId && obj(message.usage)) {
      stepUsage(out, stepId, usageCounts(obj(message.usage)), messageModel);
    }
  }

  function onUser(line: JsonObject, out: JettyEventInput[]) {
    const message = obj(line.message);
    const parentCallId = str(line.parent_tool_use_id);
    const tag = parentCallId ? { parentCallId } : {};
    const content = message?.content;

    if (typeof content === "string") {
      if (content.trim())
        out.push(event("message", { role: "user", text: content, ...tag }));
      return;
    }

    for (const raw of arr(content)) {
      const block = obj(raw);
      if (!block) continue;

      if (block.type === "tool_result") {
        out.push(
          event("tool.result", {
            callId: str(block.tool_use_id) ?? "",
            output: stringifyOutput(block.content),
            isError: block.is_error === true,
            ...tag,
          }),
        );
      } else if (block.type === "text" && str(block.text)?.trim()) {
        out.push(
          event("message", { role: "user", text: str(block.text)!, ...tag }),
        );
      }
    }
  }

  function onStreamEvent(line: JsonObject, out: JettyEventInput[]) {
    const ev = obj(line.event);
    if (!ev) return;

    // Text deltas are not shown: the assembled `assistant` line that follows
    // carries the same text. Only usage is taken live from here.
    if (ev.type === "message_start") {
      const message = obj(ev.message);
      streamingMessageId = str(message?.id) ?? str(line.api_message_id);
      if (streamingMessageId) {
        stepUsage(
          out,
          streamingMessageId,
          usageCounts(obj(message?.usage)),
          str(message?.model),
        );
      }
    } else if (ev.type === "message_delta") {
      const stepId = str(line.api_message_id) ?? streamingMessageId;
      const output = num(obj(ev.usage)?.output_tokens);
      if (stepId && output !== undefined) stepUsage(out, stepId, { output });
    }
  }

  function onSystem(line: JsonObject, out: JettyEventInput[], raw: string) {
    const subtype = str(line.subtype);
    switch (subtype) {
      case "init": {
        model = str(line.model) ?? model;
        usage.setModel(model);
        const tools = arr(line.tools).filter(
          (t): t is string => typeof t === "string",
        );
        out.push(
          initEvent({
            runtime: "claude-code",
            model,
            sessionId: str(line.session_id),
            version: str(line.claude_code_version),
            tools,
          }),
        );
        return;
      }
      case "api_retry": {
        const status = num(line.error_status);
        const code = str(line.error) ?? "error";
        const attempt = num(line.attempt);
        const max = num(line.max_retries);
        const delay = num(line.retry_delay_ms);
        out.push(
          event("error", {
            message: `API error${status ? ` ${status}` : ""} (${code}); retrying${attempt ? `, attempt ${attempt}${max ? ` of ${max}` : ""}` : ""}${delay ? ` in ${delay} ms` : ""}`,
            kind: errorCodeKinds[code] ?? classifyFailure(code, status),
            ...(status ? { httpStatus: status } : {}),
            fatal: false,
          }),
        );
        return;
      }
      case "status":
        if (line.status === "compacting")
          out.push(logEvent("Compacting the conversation", "info", "system"));
        return;
      case "thinking_tokens":
        return;
      case "compact_boundary": {
        const meta = obj(line.compact_metadata);
        const pre = num(meta?.pre_tokens);
        const post = num(meta?.post_tokens);
        out.push(
          logEvent(
            `Conversation compacted (${str(meta?.trigger) ?? "auto"})${pre !== undefined ? `: ${pre} → ${post ?? "?"} tokens` : ""}`,
            "info",
            "system",
          ),
        );
        return;
      }
      case "task_started":
        out.push(
          logEvent(
            `Subagent started: ${str(line.description) ?? str(line.task_id) ?? ""}`,
            "info",
            "system",
          ),
        );
        return;
      case "task_notification":
        out.push(
          logEvent(
            `Subagent ${str(line.status) ?? "finished"}: ${str(line.summary) ?? str(line.description) ?? ""}`,
            "info",
            "system",
          ),
        );
        return;
      case "hook_started":
      case "hook_progress":
      case "hook_response": {
        const outcome = str(line.outcome);
        out.push(
          logEvent(
            `Hook ${str(line.hook_name) ?? str(line.hook_id) ?? ""} ${subtype.slice(5)}${outcome ? `: ${outcome}` : ""}`,
            outcome && outcome !== "success" ? "warning" : "debug",
            "system",
          ),
        );
        return;
      }
      case "permission_denied":
        out.push(
          logEvent(
            str(line.message) ??
              `Permission denied: ${str(line.tool_name) ?? ""}`,
            "warning",
            "system",
          ),
        );
        return;
      case "notification":
      case "informational": {
        const text = str(line.text) ?? str(line.message);
        out.push(
          text
            ? logEvent(text, "info", "system")
            : unknownEvent(`system/${subtype}`, raw),
        );
        return;
      }
      default:
        out.push(unknownEvent(`system/${subtype ?? "?"}`, raw));
    }
  }

  function onResult(line: JsonObject, out: JettyEventInput[]) {
    result = line;
    const counts = usageCounts(obj(line.usage));
    // The CLI prices unrecognized models at a made-up rate ("unknown"
    // basis); our own table is the better estimate then.
    const guessed = Object.values(obj(line.modelUsage) ?? {}).some(
      (m) => obj(m)?.costBasis === "unknown",
    );
    const reported = guessed ? undefined : num(line.total_cost_usd);
    const total = usage.setTotals(counts, reported);
    out.push(event("usage", { total }));
  }

  function terminal(): Terminal {
    if (!result) return { seen: false };

    const isError =
      typeof result.is_error === "boolean"
        ? result.is_error
        : result.subtype !== "success";
    if (!isError) {
      const text = str(result.result);

      return {
        seen: true,
        success: true,
        ...(text ? { finalText: text } : {}),
      };
    }

    const status = num(result.api_error_status) ?? syntheticError?.status;
    const subtype = str(result.subtype) ?? "";
    const reason = str(result.terminal_reason) ?? "";
    const errors = arr(result.errors).filter(
      (e): e is string => typeof e === "string" && !diagnosticMarker.test(e),
    );
    const text =
      str(result.result)?.trim() || syntheticError?.text || errors[0] || "";

    let kind: FailureKind;
    if (subtype === "error_max_turns" || reason === "max_turns")
      kind = "max_turns";
    else if (reason === "prompt_too_long") kind = "context_overflow";
    else if (syntheticError?.code && errorCodeKinds[syntheticError.code]) {
      kind = errorCodeKinds[syntheticError.code];
    } else kind = classifyFailure(text, status);

    const fallback =
      kind === "max_turns"
        ? "Reached the maximum number of turns"
        : subtype === "error_max_budget_usd" || reason === "budget_exhausted"
          ? "Reached the cost budget"
          : `Claude Code stopped with an error (${subtype || reason || "unknown"})`;

    return {
      seen: true,
      success: false,
      kind,
      message: text || fallback,
      ...(status ? { httpStatus: status } : {}),
    };
  }

  return {
    push(line) {
      const data = parseJsonObject(line);
      if (!data) {
        const raw = rawLineEvent(line);
        return raw ? [raw] : [];
      }

      const out: JettyEventInput[] = [];
      switch (data.type) {
        case "assistant":
          onAssistant(data, out);
          break;
        case "user":
          onUser(data, out);
          break;
        case "stream_event":
          onStreamEvent(data, out);
          break;
        case "system":
          onSystem(data, out, line);
          break;
        case "result":
          onResult(data, out);
          break;
        case "tool_progress":
          break;
        case "tool_use_summary": {
          const summary = str(data.summary);
          if (summary) out.push(logEvent(summary, "info", "system"));
          break;
        }
        case "rate_limit_event": {
          const info = obj(data.rate_limit_info);
          if (info?.status === "rejected") {
            out.push(
              event("error", {
                message: "Rate limit reached",
                kind: "rate_limited",
                fatal: false,
              }),
            );
          } else if (info?.status === "allowed_warning") {
            out.push(
              logEvent("Approaching the rate limit", "warning", "system"),
            );
          }
          break;
        }
        default:
          out.push(unknownEvent(`claude event ${String(data.type)}`, line));
      }

      return out;
    },

    end(exit) {
      const events: JettyEventInput[] = [];
      const diagnostics = arr(result?.errors).filter(
        (e): e is string => typeof e === "string" && diagnosticMarker.test(e),
      );
      for (const text of diagnostics)
        events.push(logEvent(text, "debug", "system"));

      return finishParse(events, {
        runtime: "Claude Code",
        terminal: terminal(),
        exit,
        usage: usage.total(),
        model,
        sawAssistantText,
      });
    },
  };
}
