import { z } from "zod";

import { maxTimeoutSec } from "@/lib/runbooks/frontmatter-schema";

const textPart = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
});

const messageSchema = z.looseObject({
  role: z.enum(["system", "developer", "user", "assistant", "tool"]),
  content: z.union([z.string(), z.array(textPart), z.null()]).optional(),
});

/** `POST /v1/chat/completions` as OpenAI clients send it, plus `jetty`. */
export const chatRequestSchema = z.looseObject({
  model: z.string().optional(),
  messages: z.array(messageSchema).min(1, "messages must not be empty"),
  stream: z.boolean().nullish(),
  stream_options: z
    .looseObject({ include_usage: z.boolean().nullish() })
    .nullish(),
  jetty: z
    .looseObject({
      runbook: z.boolean().optional(),
      collection: z.string().optional(),
      agent: z.string().optional(),
      model_provider: z.string().optional(),
      snapshot: z.string().optional(),
      template_variables: z
        .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
        .optional(),
      timeout_sec: z.number().int().positive().max(maxTimeoutSec).optional(),
      /** Seconds a non-streaming call waits before answering 202. */
      timeout_hint: z.number().positive().optional(),
    })
    .optional(),
});
export type ChatRequest = z.infer<typeof chatRequestSchema>;

function textOf(content: z.infer<typeof messageSchema>["content"]): string {
  if (typeof content === "string") return content;

  return (content ?? []).map((part) => part.text ?? "").join("");
}

/**
 * The runbook a chat request carries: the system message is the runbook
 * (Jetty's clients send it there), and what the user says is appended as
 * the request. With no system message, the user's text is the runbook.
 */
export function runbookTextOf(request: ChatRequest): string {
  const system = request.messages
    .filter((m) => m.role === "system" || m.role === "developer")
    .map((m) => textOf(m.content))
    .join("\n\n");
  const user = request.messages
    .filter((m) => m.role === "user")
    .map((m) => textOf(m.content))
    .join("\n\n")
    .trim();
  if (!system.trim()) return user;

  return user ? `${system.replace(/\s*$/, "")}\n\n${user}\n` : system;
}
