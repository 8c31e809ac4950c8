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

/** Anthropic Messages API (`POST /v1/messages`), as Claude Code calls it. */

interface MessagesBody {
  tools?: { name?: string; type?: string; input_schema?: unknown }[];
  messages?: { role?: string; content?: unknown }[];
  thinking?: { type?: string };
}

type ContentBlock =
  | { type: "thinking"; thinking: string; signature: string }
  | { type: "text"; text: string }
  | { type: "tool_use"; id: string; name: string; input: unknown };

export function anthropicTools(body: MessagesBody): OfferedTool[] {
  return (body.tools ?? [])
    .filter((t) => typeof t.name === "string" && t.input_schema)
    .map((t) => ({
      name: t.name as string,
      kind: "function" as const,
      parameters: t.input_schema as OfferedTool["parameters"],
    }));
}

export function anthropicToolResults(body: MessagesBody): string[] {
  const results: string[] = [];
  for (const message of body.messages ?? []) {
    if (!Array.isArray(message.content)) continue;
    for (const block of message.content as Record<string, unknown>[]) {
      if (block?.type === "tool_result") results.push(textOf(block.content));
    }
  }

  return results;
}

export function anthropicRespond(
  res: ServerResponse,
  body: MessagesBody,
  turn: PlannedTurn,
  ctx: TurnContext,
): void {
  const thinkingOn = body.thinking?.type === "enabled";
  const blocks = contentBlocks(turn, thinkingOn);
  const outputTokens = estimateTokens(JSON.stringify(blocks));
  const stopReason = turn.kind === "tool" ? "tool_use" : "end_turn";
  const message = {
    id: newId("msg_stub"),
    type: "message",
    role: "assistant",
    model: ctx.model,
    content: [] as ContentBlock[],
    stop_reason: null as string | null,
    stop_sequence: null,
    usage: {
      input_tokens: ctx.inputTokens,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: 1,
    },
  };

  if (!ctx.stream) {
    sendJson(res, 200, {
      ...message,
      content: blocks,
      stop_reason: stopReason,
      usage: { ...message.usage, output_tokens: outputTokens },
    });
    return;
  }

  openSse(res);
  writeSse(res, { type: "message_start", message }, "message_start");
  writeSse(res, { type: "ping" }, "ping");
  blocks.forEach((block, index) => writeBlock(res, block, index));
  writeSse(
    res,
    {
      type: "message_delta",
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: { output_tokens: outputTokens },
    },
    "message_delta",
  );
  writeSse(res, { type: "message_stop" }, "message_stop");
  res.end();
}

function contentBlocks(turn: PlannedTurn, thinkingOn: boolean) {
  const blocks: ContentBlock[] = [];
  if (turn.kind === "tool" && turn.thinking && thinkingOn) {
    blocks.push({
      type: "thinking",
      thinking: turn.thinking,
      signature: "stub-signature",
    });
  }
  blocks.push({ type: "text", text: turn.text });
  if (turn.kind === "tool") {
    blocks.push({
      type: "tool_use",
      id: newId("toolu_stub"),
      name: turn.tool.name,
      input: turn.input,
    });
  }

  return blocks;
}

function writeBlock(res: ServerResponse, block: ContentBlock, index: number) {
  const start = (content_block: unknown) =>
    writeSse(
      res,
      { type: "content_block_start", index, content_block },
      "content_block_start",
    );
  const delta = (value: unknown) =>
    writeSse(
      res,
      { type: "content_block_delta", index, delta: value },
      "content_block_delta",
    );

  switch (block.type) {
    case "thinking":
      start({ type: "thinking", thinking: "", signature: "" });
      for (const part of chunks(block.thinking)) {
        delta({ type: "thinking_delta", thinking: part });
      }
      delta({ type: "signature_delta", signature: block.signature });
      break;
    case "text":
      start({ type: "text", text: "" });
      for (const part of chunks(block.text)) {
        delta({ type: "text_delta", text: part });
      }
      break;
    case "tool_use":
      start({ type: "tool_use", id: block.id, name: block.name, input: {} });
      for (const part of chunks(JSON.stringify(block.input), 40)) {
        delta({ type: "input_json_delta", partial_json: part });
      }
      break;
  }
  writeSse(res, { type: "content_block_stop", index }, "content_block_stop");
}

export function anthropicCountTokens(res: ServerResponse, inputTokens: number) {
  sendJson(res, 200, { input_tokens: inputTokens });
}

export function anthropicAuthError(res: ServerResponse) {
  sendJson(res, 401, {
    type: "error",
    error: { type: "authentication_error", message: "invalid x-api-key" },
  });
}
