import http from "node:http";
import type { AddressInfo } from "node:net";

/** One request the stand-in server received. */
export interface StubRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A stand-in for the Anthropic, OpenAI Responses and Gemini APIs on
 * 127.0.0.1 that answers every model call with the text `done` and records
 * what it was sent. Enough for a real CLI to finish one turn offline.
 */
export async function startStubModelServer() {
  const requests: StubRequest[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const path = req.url ?? "/";
      requests.push({
        method: req.method ?? "",
        path,
        headers: req.headers,
        body,
      });
      answer(path, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function answer(path: string, res: http.ServerResponse) {
  // Any prefix before /v1 is allowed, so gateway-style base URLs work.
  if (path.includes("/v1/messages/count_tokens")) {
    return json(res, { input_tokens: 10 });
  }
  if (path.includes("/v1/messages")) return sse(res, anthropicEvents());
  if (path.includes("/v1/responses")) return sse(res, responsesEvents());
  if (/:streamGenerateContent/.test(path)) return sse(res, geminiEvents());
  if (/:countTokens/.test(path)) return json(res, { totalTokens: 10 });

  res.writeHead(404).end();
}

function json(res: http.ServerResponse, value: unknown) {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify(value));
}

function sse(res: http.ServerResponse, events: [string | null, unknown][]) {
  res.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
  });
  for (const [name, data] of events) {
    res.write(
      `${name ? `event: ${name}\n` : ""}data: ${JSON.stringify(data)}\n\n`,
    );
  }
  res.end();
}

function anthropicEvents(): [string, unknown][] {
  const usage = { input_tokens: 10, output_tokens: 1 };
  return [
    [
      "message_start",
      {
        type: "message_start",
        message: {
          id: "msg_stub",
          type: "message",
          role: "assistant",
          model: "claude-sonnet-4-6",
          content: [],
          stop_reason: null,
          usage: {
            ...usage,
            cache_creation_input_tokens: 0,
            cache_read_input_tokens: 0,
          },
        },
      },
    ],
    [
      "content_block_start",
      {
        type: "content_block_start",
        index: 0,
        content_block: { type: "text", text: "" },
      },
    ],
    [
      "content_block_delta",
      {
        type: "content_block_delta",
        index: 0,
        delta: { type: "text_delta", text: "done" },
      },
    ],
    ["content_block_stop", { type: "content_block_stop", index: 0 }],
    [
      "message_delta",
      {
        type: "message_delta",
        delta: { stop_reason: "end_turn" },
        usage: { output_tokens: 1 },
      },
    ],
    ["message_stop", { type: "message_stop" }],
  ];
}

function responsesEvents(): [string, unknown][] {
  const message = {
    id: "msg_stub",
    type: "message",
    role: "assistant",
    status: "completed",
    content: [{ type: "output_text", text: "done", annotations: [] }],
  };
  const response = {
    id: "resp_stub",
    object: "response",
    status: "in_progress",
    output: [],
  };
  return [
    ["response.created", { type: "response.created", response }],
    [
      "response.output_item.added",
      {
        type: "response.output_item.added",
        output_index: 0,
        item: { ...message, content: [] },
      },
    ],
    [
      "response.output_text.delta",
      {
        type: "response.output_text.delta",
        item_id: "msg_stub",
        output_index: 0,
        content_index: 0,
        delta: "done",
      },
    ],
    [
      "response.output_item.done",
      { type: "response.output_item.done", output_index: 0, item: message },
    ],
    [
      "response.completed",
      {
        type: "response.completed",
        response: {
          ...response,
          status: "completed",
          output: [message],
          usage: {
            input_tokens: 10,
            input_tokens_details: { cached_tokens: 0 },
            output_tokens: 1,
            output_tokens_details: { reasoning_tokens: 0 },
            total_tokens: 11,
          },
        },
      },
    ],
  ];
}

function geminiEvents(): [null, unknown][] {
  return [
    [
      null,
      {
        candidates: [
          {
            content: { role: "model", parts: [{ text: "done" }] },
            finishReason: "STOP",
            index: 0,
          },
        ],
        usageMetadata: {
          promptTokenCount: 10,
          candidatesTokenCount: 1,
          totalTokenCount: 11,
        },
      },
    ],
  ];
}
