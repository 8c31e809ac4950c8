import type { ServerResponse } from "node:http";

import type { OfferedTool, PlannedTurn } from "./plan";
import {
  chunks,
  estimateTokens,
  newId,
  openSse,
  sendJson,
  textOf,
  writeSse,
  type TurnContext,
} from "./wire";

/** OpenAI Responses (`/v1/responses`, codex) and Chat Completions. */

interface ResponsesBody {
  tools?: { type?: string; name?: string; parameters?: unknown }[];
  input?: unknown;
}

interface ChatBody {
  tools?: {
    type?: string;
    function?: { name?: string; parameters?: unknown };
  }[];
  messages?: { role?: string; content?: unknown }[];
  stream_options?: { include_usage?: boolean };
}

export function responsesTools(body: ResponsesBody): OfferedTool[] {
  const tools: OfferedTool[] = [];
  for (const tool of body.tools ?? []) {
    if (typeof tool.name !== "string") continue;
    if (tool.type === "function") {
      tools.push({
        name: tool.name,
        kind: "function",
        parameters: tool.parameters as OfferedTool["parameters"],
      });
    } else if (tool.type === "custom") {
      tools.push({ name: tool.name, kind: "custom" });
    }
  }

  return tools;
}

export function responsesToolResults(body: ResponsesBody): string[] {
  if (!Array.isArray(body.input)) return [];

  return (body.input as Record<string, unknown>[])
    .filter(
      (item) =>
        item?.type === "function_call_output" ||
        item?.type === "custom_tool_call_output",
    )
    .map((item) => textOf(item.output));
}

type OutputItem = Record<string, unknown> & { type: string; id: string };

export function responsesRespond(
  res: ServerResponse,
  turn: PlannedTurn,
  ctx: TurnContext,
): void {
  const items = outputItems(turn);
  const outputTokens = estimateTokens(JSON.stringify(items));
  const base = {
    id: newId("resp_stub"),
    object: "response",
    created_at: Math.floor(Date.now() / 1000),
    model: ctx.model,
  };
  const completed = {
    ...base,
    status: "completed",
    output: items,
    usage: {
      input_tokens: ctx.inputTokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: outputTokens,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: ctx.inputTokens + outputTokens,
    },
  };

  if (!ctx.stream) {
    sendJson(res, 200, completed);
    return;
  }

  let sequence = 0;
  const send = (type: string, data: Record<string, unknown>) =>
    writeSse(res, { type, sequence_number: sequence++, ...data }, type);

  openSse(res);
  const pending = { ...base, status: "in_progress", output: [] };
  send("response.created", { response: pending });
  send("response.in_progress", { response: pending });
  items.forEach((item, output_index) => {
    send("response.output_item.added", { output_index, item: opened(item) });
    for (const [type, data] of itemDeltas(item, output_index)) send(type, data);
    send("response.output_item.done", { output_index, item });
  });
  send("response.completed", { response: completed });
  res.end();
}

function outputItems(turn: PlannedTurn): OutputItem[] {
  const items: OutputItem[] = [];
  if (turn.kind === "tool" && turn.thinking) {
    items.push({
      type: "reasoning",
      id: newId("rs_stub"),
      summary: [
        { type: "summary_text", text: `**Planning**\n\n${turn.thinking}` },
      ],
    });
  }
  items.push({
    type: "message",
    id: newId("msg_stub"),
    role: "assistant",
    status: "completed",
    content: [{ type: "output_text", text: turn.text, annotations: [] }],
  });
  if (turn.kind === "tool" && turn.tool.kind === "custom") {
    items.push({
      type: "custom_tool_call",
      id: newId("ctc_stub"),
      call_id: newId("call_stub"),
      name: turn.tool.name,
      input: String(turn.input),
      status: "completed",
    });
  } else if (turn.kind === "tool") {
    items.push({
      type: "function_call",
      id: newId("fc_stub"),
      call_id: newId("call_stub"),
      name: turn.tool.name,
      arguments: JSON.stringify(turn.input),
      status: "completed",
    });
  }

  return items;
}

/** The item as first announced, before its content has streamed. */
function opened(item: OutputItem): OutputItem {
  switch (item.type) {
    case "reasoning":
      return { ...item, summary: [] };
    case "message":
      return { ...item, status: "in_progress", content: [] };
    case "custom_tool_call":
      return { ...item, status: "in_progress", input: "" };
    case "function_call":
      return { ...item, status: "in_progress", arguments: "" };
    default:
      return item;
  }
}

function itemDeltas(
  item: OutputItem,
  output_index: number,
): [string, Record<string, unknown>][] {
  const item_id = item.id;
  switch (item.type) {
    case "reasoning": {
      const summary = item.summary as { text: string }[];
      const text = summary[0]?.text ?? "";
      return [
        ...chunks(text).map((delta): [string, Record<string, unknown>] => [
          "response.reasoning_summary_text.delta",
          { item_id, output_index, summary_index: 0, delta },
        ]),
        [
          "response.reasoning_summary_text.done",
          { item_id, output_index, summary_index: 0, text },
        ],
      ];
    }
    case "message": {
      const content = item.content as { text: string }[];
      const text = content[0]?.text ?? "";
      const part = { type: "output_text", text: "", annotations: [] };
      return [
        [
          "response.content_part.added",
          { item_id, output_index, content_index: 0, part },
        ],
        ...chunks(text).map((delta): [string, Record<string, unknown>] => [
          "response.output_text.delta",
          { item_id, output_index, content_index: 0, delta },
        ]),
        [
          "response.output_text.done",
          { item_id, output_index, content_index: 0, text },
        ],
        [
          "response.content_part.done",
          { item_id, output_index, content_index: 0, part: { ...part, text } },
        ],
      ];
    }
    case "custom_tool_call": {
      const input = String(item.input);
      return [
        ...chunks(input, 40).map((delta): [string, Record<string, unknown>] => [
          "response.custom_tool_call_input.delta",
          { item_id, output_index, delta },
        ]),
        [
          "response.custom_tool_call_input.done",
          { item_id, output_index, input },
        ],
      ];
    }
    case "function_call": {
      const args = String(item.arguments);
      return [
        ...chunks(args, 40).map((delta): [string, Record<string, unknown>] => [
          "response.function_call_arguments.delta",
          { item_id, output_index, delta },
        ]),
        [
          "response.function_call_arguments.done",
          { item_id, output_index, arguments: args },
        ],
      ];
    }
    default:
      return [];
  }
}

export function chatTools(body: ChatBody): OfferedTool[] {
  return (body.tools ?? [])
    .filter((t) => typeof t.function?.name === "string")
    .map((t) => ({
      name: t.function?.name as string,
      kind: "function" as const,
      parameters: t.function?.parameters as OfferedTool["parameters"],
    }));
}

export function chatToolResults(body: ChatBody): string[] {
  return (body.messages ?? [])
    .filter((m) => m.role === "tool")
    .map((m) => textOf(m.content));
}

export function chatRespond(
  res: ServerResponse,
  body: ChatBody,
  turn: PlannedTurn,
  ctx: TurnContext,
): void {
  const toolCall =
    turn.kind === "tool"
      ? {
          id: newId("call_stub"),
          type: "function",
          function: {
            name: turn.tool.name,
            arguments: JSON.stringify(turn.input),
          },
        }
      : undefined;
  const finishReason = toolCall ? "tool_calls" : "stop";
  const outputTokens = estimateTokens(
    JSON.stringify({ text: turn.text, toolCall }),
  );
  const usage = {
    prompt_tokens: ctx.inputTokens,
    completion_tokens: outputTokens,
    total_tokens: ctx.inputTokens + outputTokens,
  };
  const base = {
    id: newId("chatcmpl-stub"),
    created: Math.floor(Date.now() / 1000),
    model: ctx.model,
  };

  if (!ctx.stream) {
    sendJson(res, 200, {
      ...base,
      object: "chat.completion",
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: turn.text,
            ...(toolCall ? { tool_calls: [toolCall] } : {}),
          },
          finish_reason: finishReason,
        },
      ],
      usage,
    });
    return;
  }

  const chunk = (delta: unknown, finish_reason: string | null = null) =>
    writeSse(res, {
      ...base,
      object: "chat.completion.chunk",
      choices: [{ index: 0, delta, finish_reason }],
    });

  openSse(res);
  chunk({ role: "assistant", content: "" });
  for (const part of chunks(turn.text)) chunk({ content: part });
  if (toolCall) {
    const { name, arguments: args } = toolCall.function;
    chunk({
      tool_calls: [
        {
          index: 0,
          id: toolCall.id,
          type: "function",
          function: { name, arguments: "" },
        },
      ],
    });
    for (const part of chunks(args, 40)) {
      chunk({ tool_calls: [{ index: 0, function: { arguments: part } }] });
    }
  }
  chunk({}, finishReason);
  if (body.stream_options?.include_usage) {
    writeSse(res, {
      ...base,
      object: "chat.completion.chunk",
      choices: [],
      usage,
    });
  }
  res.write("data: [DONE]\n\n");
  res.end();
}

export function openaiAuthError(res: ServerResponse, key: string) {
  sendJson(res, 401, {
    error: {
      message: `Incorrect API key provided: ${key.slice(0, 8)}.`,
      type: "invalid_request_error",
      param: null,
      code: "invalid_api_key",
    },
  });
}
