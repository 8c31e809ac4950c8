import type { ServerResponse } from "node:http";

import {
  defaultFor,
  type JsonSchema,
  type OfferedTool,
  type PlannedTurn,
} from "./plan";
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

/** Gemini API (`/v1beta/models/{model}:{method}`), as gemini-cli calls it. */

interface GenerateBody {
  tools?: {
    functionDeclarations?: {
      name?: string;
      parameters?: unknown;
      parametersJsonSchema?: unknown;
    }[];
  }[];
  contents?: { role?: string; parts?: Record<string, unknown>[] }[];
  generationConfig?: {
    responseJsonSchema?: JsonSchema;
    responseSchema?: JsonSchema;
  };
}

export function geminiTools(body: GenerateBody): OfferedTool[] {
  const tools: OfferedTool[] = [];
  for (const group of body.tools ?? []) {
    for (const fn of group.functionDeclarations ?? []) {
      if (typeof fn.name !== "string") continue;
      const schema = fn.parametersJsonSchema ?? fn.parameters;
      tools.push({
        name: fn.name,
        kind: "function",
        parameters: lowerCaseTypes(schema) as OfferedTool["parameters"],
      });
    }
  }

  return tools;
}

export function geminiToolResults(body: GenerateBody): string[] {
  const results: string[] = [];
  for (const content of body.contents ?? []) {
    for (const part of content.parts ?? []) {
      const response = part.functionResponse as
        { response?: unknown } | undefined;
      if (response) results.push(textOf(response.response));
    }
  }

  return results;
}

/** Side requests that ask for JSON (gemini's next-speaker check, routing). */
export function geminiJsonSchema(body: GenerateBody): JsonSchema | undefined {
  const config = body.generationConfig;
  const schema = config?.responseJsonSchema ?? config?.responseSchema;

  return schema ? (lowerCaseTypes(schema) as JsonSchema) : undefined;
}

export function geminiRespond(
  res: ServerResponse,
  turn: PlannedTurn,
  ctx: TurnContext,
  jsonSchema?: JsonSchema,
): void {
  const finalParts: Record<string, unknown>[] = [];
  let text = turn.text;
  if (jsonSchema) {
    text = JSON.stringify(jsonAnswer(jsonSchema));
  } else if (turn.kind === "tool") {
    finalParts.push({
      functionCall: { name: turn.tool.name, args: turn.input },
    });
  }
  const outputTokens = estimateTokens(JSON.stringify({ text, finalParts }));
  const usageMetadata = {
    promptTokenCount: ctx.inputTokens,
    candidatesTokenCount: outputTokens,
    totalTokenCount: ctx.inputTokens + outputTokens,
    cachedContentTokenCount: 0,
    thoughtsTokenCount: 0,
  };
  const responseId = newId("stub");
  const frame = (parts: unknown[], last: boolean) => ({
    candidates: [
      {
        content: { role: "model", parts },
        index: 0,
        ...(last ? { finishReason: "STOP" } : {}),
      },
    ],
    ...(last ? { usageMetadata } : {}),
    modelVersion: ctx.model,
    responseId,
  });

  if (!ctx.stream) {
    sendJson(res, 200, frame([{ text }, ...finalParts], true));
    return;
  }

  openSse(res);
  const textParts = jsonSchema ? [text] : chunks(text, 9);
  textParts.forEach((part, i) => {
    const last = i === textParts.length - 1 && finalParts.length === 0;
    writeSse(res, frame([{ text: part }], last));
  });
  if (finalParts.length > 0) writeSse(res, frame(finalParts, true));
  res.end();
}

/** A JSON answer for schema-constrained asks; hands the turn to the user. */
function jsonAnswer(schema: JsonSchema): unknown {
  const value = defaultFor(schema);
  if (value && typeof value === "object" && "next_speaker" in value) {
    return { ...value, next_speaker: "user", reasoning: "The task is done." };
  }

  return value;
}

export function geminiCountTokens(res: ServerResponse, inputTokens: number) {
  sendJson(res, 200, { totalTokens: inputTokens });
}

/** The real Gemini API answers a bad key with 400 API_KEY_INVALID, not 401. */
export function geminiAuthError(res: ServerResponse) {
  sendJson(res, 400, {
    error: {
      code: 400,
      message: "API key not valid. Please pass a valid API key.",
      status: "INVALID_ARGUMENT",
      details: [
        {
          "@type": "type.googleapis.com/google.rpc.ErrorInfo",
          reason: "API_KEY_INVALID",
          domain: "googleapis.com",
        },
      ],
    },
  });
}

/** Gemini's older `parameters` schemas spell types in capitals (`OBJECT`). */
function lowerCaseTypes(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(lowerCaseTypes);
  if (!schema || typeof schema !== "object") return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] =
      key === "type" && typeof value === "string"
        ? value.toLowerCase()
        : lowerCaseTypes(value);
  }

  return out;
}
