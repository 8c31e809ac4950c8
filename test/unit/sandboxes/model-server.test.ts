import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  startModelServer,
  type ModelServer,
} from "@/test/support/model-server";

let server: ModelServer;

beforeAll(async () => {
  server = await startModelServer({ slowMs: 60_000 });
});
afterAll(() => server.close());

interface SseFrame {
  event?: string;
  data: Record<string, unknown>;
}

async function post(path: string, body: unknown, headers = {}) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

async function sse(response: Response): Promise<SseFrame[]> {
  const text = await response.text();

  return text
    .split("\n\n")
    .filter((frame) => frame.trim() && !frame.includes("[DONE]"))
    .map((frame) => {
      const event = /^event: (.*)$/m.exec(frame)?.[1];
      const data = JSON.parse(/^data: (.*)$/m.exec(frame)?.[1] ?? "{}");
      return { event, data };
    });
}

const readTool = {
  name: "Read",
  input_schema: {
    type: "object",
    properties: { file_path: { type: "string" } },
  },
};

describe("Anthropic /v1/messages", () => {
  it("streams thinking, text and tool_use blocks ending in tool_use", async () => {
    const response = await post("/v1/messages?beta=true", {
      model: "claude-sonnet-4-5",
      stream: true,
      thinking: { type: "enabled", budget_tokens: 1000 },
      tools: [readTool],
      messages: [{ role: "user", content: "go" }],
    });
    const frames = await sse(response);
    const starts = frames
      .filter((f) => f.event === "content_block_start")
      .map((f) => (f.data.content_block as { type: string }).type);
    const toolJson = frames
      .filter(
        (f) => (f.data.delta as { type?: string })?.type === "input_json_delta",
      )
      .map((f) => (f.data.delta as { partial_json: string }).partial_json)
      .join("");
    const messageDelta = frames.find((f) => f.event === "message_delta");

    expect(response.headers.get("content-type")).toBe("text/event-stream");
    expect(frames[0].event).toBe("message_start");
    expect(frames.at(-1)?.event).toBe("message_stop");
    expect(starts).toEqual(["thinking", "text", "tool_use"]);
    expect(JSON.parse(toolJson)).toEqual({ file_path: "/app/input.txt" });
    expect(messageDelta?.data).toMatchObject({
      delta: { stop_reason: "tool_use" },
      usage: { output_tokens: expect.any(Number) },
    });
  });

  it("answers non-streaming requests with one message and end_turn after three results", async () => {
    const toolResult = (id: string) => ({
      role: "user",
      content: [{ type: "tool_result", tool_use_id: id, content: "x" }],
    });
    const body = {
      model: "claude-sonnet-4-5",
      tools: [readTool],
      messages: [toolResult("a"), toolResult("b"), toolResult("c")],
    };
    const response = await post("/v1/messages", body);
    const message = await response.json();

    expect(message).toMatchObject({
      type: "message",
      stop_reason: "end_turn",
      content: [{ type: "text" }],
      usage: {
        input_tokens: Math.ceil(Buffer.byteLength(JSON.stringify(body)) / 4),
      },
    });
  });

  it("counts tokens as a quarter of the request bytes", async () => {
    const body = {
      model: "m",
      messages: [{ role: "user", content: "12345678" }],
    };
    const response = await post("/v1/messages/count_tokens", body);

    expect(await response.json()).toEqual({
      input_tokens: Math.ceil(JSON.stringify(body).length / 4),
    });
  });
});

describe("OpenAI /v1/responses", () => {
  it("streams items and completes with usage; custom tools get raw input", async () => {
    const response = await post("/v1/responses", {
      model: "gpt-5.5",
      stream: true,
      tools: [
        {
          type: "function",
          name: "exec_command",
          parameters: {
            type: "object",
            properties: { cmd: { type: "string" } },
          },
        },
        { type: "custom", name: "apply_patch" },
      ],
      input: [
        { type: "message", role: "user", content: [] },
        { type: "function_call_output", call_id: "1", output: "Output:\nhi" },
        { type: "function_call_output", call_id: "2", output: "listing" },
      ],
    });
    const frames = await sse(response);
    const done = frames
      .filter((f) => f.event === "response.output_item.done")
      .map((f) => f.data.item as Record<string, unknown>);
    const completed = frames.at(-1)?.data.response as Record<string, unknown>;

    expect(frames[0].event).toBe("response.created");
    expect(done.map((i) => i.type)).toEqual(["message", "custom_tool_call"]);
    expect(String(done[1].input)).toContain(
      "*** Add File: /app/results/report.md\n",
    );
    expect(String(done[1].input)).toContain("+Input file said: hi\n");
    expect(completed).toMatchObject({
      status: "completed",
      usage: {
        input_tokens: expect.any(Number),
        input_tokens_details: { cached_tokens: 0 },
        output_tokens: expect.any(Number),
        output_tokens_details: { reasoning_tokens: 0 },
      },
    });
  });
});

describe("OpenAI /v1/chat/completions", () => {
  it("streams a tool call and a usage chunk", async () => {
    const response = await post("/v1/chat/completions", {
      model: "gpt-4.1",
      stream: true,
      stream_options: { include_usage: true },
      tools: [
        {
          type: "function",
          function: {
            name: "read_file",
            parameters: {
              type: "object",
              properties: { path: { type: "string" } },
            },
          },
        },
      ],
      messages: [{ role: "user", content: "go" }],
    });
    const frames = await sse(response);
    const choices = frames.flatMap(
      (f) =>
        (f.data.choices as {
          delta: Record<string, unknown>;
          finish_reason: string | null;
        }[]) ?? [],
    );
    const args = choices
      .flatMap(
        (c) =>
          (c.delta.tool_calls as { function: { arguments?: string } }[]) ?? [],
      )
      .map((t) => t.function.arguments ?? "")
      .join("");

    expect(JSON.parse(args)).toEqual({ path: "/app/input.txt" });
    expect(choices.at(-1)?.finish_reason).toBe("tool_calls");
    expect(frames.at(-1)?.data.usage).toMatchObject({
      prompt_tokens: expect.any(Number),
    });
  });
});

describe("Gemini generateContent", () => {
  const body = {
    contents: [{ role: "user", parts: [{ text: "go" }] }],
    tools: [
      {
        functionDeclarations: [
          {
            name: "read_file",
            parametersJsonSchema: {
              type: "object",
              properties: { file_path: { type: "string" } },
            },
          },
        ],
      },
    ],
  };

  it("streams bare data frames, the last with STOP and usage", async () => {
    const response = await post(
      "/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse",
      body,
      { "x-goog-api-key": "k" },
    );
    const frames = await sse(response);
    const last = frames.at(-1)?.data as {
      candidates: { finishReason: string; content: { parts: unknown[] } }[];
    };

    expect(frames.every((f) => f.event === undefined)).toBe(true);
    expect(last.candidates[0].finishReason).toBe("STOP");
    expect(last.candidates[0].content.parts).toEqual([
      {
        functionCall: {
          name: "read_file",
          args: { file_path: "/app/input.txt" },
        },
      },
    ]);
    expect(frames.at(-1)?.data.usageMetadata).toMatchObject({
      promptTokenCount: expect.any(Number),
    });
    expect(server.requests.at(-1)).toMatchObject({
      route: "gemini.streamGenerateContent",
      model: "gemini-2.5-pro",
      tools: ["read_file"],
    });
  });

  it("answers schema-constrained asks with JSON handing the turn to the user", async () => {
    const response = await post("/v1beta/models/flash:generateContent", {
      contents: [],
      generationConfig: {
        responseJsonSchema: {
          type: "object",
          properties: {
            reasoning: { type: "string" },
            next_speaker: { type: "string", enum: ["model", "user"] },
          },
          required: ["reasoning", "next_speaker"],
        },
      },
    });
    const json = await response.json();
    const text = json.candidates[0].content.parts[0].text;

    expect(JSON.parse(text)).toMatchObject({ next_speaker: "user" });
  });
});

describe("scenarios", () => {
  it("fails every API with its own bad-key error for an auth key", async () => {
    const anthropic = await post(
      "/v1/messages",
      {},
      { "x-api-key": "scenario:auth" },
    );
    const openai = await post(
      "/v1/responses",
      {},
      { authorization: "Bearer scenario:auth" },
    );
    const gemini = await post(
      "/v1beta/models/g:generateContent?key=scenario:auth",
      {},
    );

    expect(anthropic.status).toBe(401);
    expect(await anthropic.json()).toMatchObject({
      error: { type: "authentication_error" },
    });
    expect(openai.status).toBe(401);
    expect(await openai.json()).toMatchObject({
      error: { code: "invalid_api_key" },
    });
    expect(gemini.status).toBe(400);
    expect(await gemini.json()).toMatchObject({
      error: { status: "INVALID_ARGUMENT" },
    });
  });

  it("switches the default scenario with setScenario", async () => {
    server.setScenario("auth");
    const failed = await post("/v1/messages", {});
    server.setScenario("report");
    const passed = await post("/v1/messages", {});

    expect([failed.status, passed.status]).toEqual([401, 200]);
  });

  it("holds slow answers back until their delay has passed", async () => {
    const controller = new AbortController();
    const pending = fetch(`${server.url}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": "scenario:slow" },
      body: "{}",
      signal: controller.signal,
    });
    await expect.poll(() => server.requests.at(-1)?.scenario).toBe("slow");
    controller.abort();

    await expect(pending).rejects.toThrow();
    expect(server.requests.at(-1)?.status).toBe(0);
  });

  it("takes the slow delay from the key", async () => {
    const response = await post(
      "/v1/messages",
      {},
      { "x-api-key": "scenario:slow:1" },
    );

    expect(response.status).toBe(200);
    expect(server.requests.at(-1)).toMatchObject({
      scenario: "slow",
      status: 200,
    });
  });

  it("logs and 404s unknown routes", async () => {
    const response = await post("/v1/embeddings", {});

    expect(response.status).toBe(404);
    expect(server.requests.at(-1)).toMatchObject({
      route: "unknown",
      status: 404,
    });
  });
});
