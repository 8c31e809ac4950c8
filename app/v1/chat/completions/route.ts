import { handleChatCompletion } from "@/lib/chat/handle-chat-completion";

export const dynamic = "force-dynamic";

/** OpenAI-compatible Chat Completions in runbook mode (see lib/chat). */
export function POST(request: Request) {
  return handleChatCompletion(request);
}
