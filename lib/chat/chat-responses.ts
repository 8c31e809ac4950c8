import type { Usage } from "@/lib/events/schema";
import type { TrajectoryOutcome } from "@/lib/runs/schemas";

/** What OpenAI clients read back for a run, shaped like a chat completion. */
export interface RunSummary {
  trajectoryId: string;
  model: string;
  created: number;
  status: string;
  outcome: TrajectoryOutcome | null;
  usage: Usage | null;
  resultFiles: string[];
}

// The openai client retries 429 and 5xx by default, which would POST the
// same runbook again and start a second run: tell it not to.
export const noRetryHeaders = { "x-should-retry": "false" };

export function completionId(trajectoryId: string): string {
  return `chatcmpl-${trajectoryId}`;
}

export function jettyMetadata(run: RunSummary) {
  return {
    trajectory_id: run.trajectoryId,
    status: run.status,
    failure_kind: run.outcome?.kind ?? null,
    results_files: run.resultFiles,
  };
}

/** Token counts in OpenAI's terms: prompt tokens include cache traffic. */
export function openAiUsage(usage: Usage | null) {
  if (!usage) return null;
  const prompt = usage.input + usage.cacheRead + usage.cacheWrite;

  return {
    prompt_tokens: prompt,
    completion_tokens: usage.output,
    total_tokens: prompt + usage.output,
    prompt_tokens_details: { cached_tokens: usage.cacheRead },
  };
}

export function chatCompletion(run: RunSummary) {
  return {
    id: completionId(run.trajectoryId),
    object: "chat.completion",
    created: run.created,
    model: run.model,
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: run.outcome?.finalText ?? "",
          refusal: null,
        },
        finish_reason: "stop",
        logprobs: null,
      },
    ],
    usage: openAiUsage(run.usage),
    jetty_metadata: jettyMetadata(run),
  };
}

const errorByKind: Record<string, { status: number; type: string }> = {
  rate_limited: { status: 429, type: "rate_limit_error" },
  auth: { status: 502, type: "upstream_authentication_error" },
  model_not_found: { status: 502, type: "upstream_model_not_found" },
  context_overflow: { status: 502, type: "context_length_exceeded" },
  timeout: { status: 504, type: "timeout" },
  cancelled: { status: 409, type: "cancelled" },
};

/**
 * A failed run as an OpenAI-style error (B01, B08): never a 200 whose
 * content is the error text.
 */
export function runError(run: RunSummary) {
  const kind = run.outcome?.kind ?? "agent_error";
  const { status, type } = errorByKind[kind] ?? {
    status: 502,
    type: "agent_error",
  };

  return {
    status,
    body: {
      error: {
        message: run.outcome?.message ?? `The run ended ${run.status}`,
        type,
        code: kind,
        param: null,
      },
      jetty_metadata: jettyMetadata(run),
    },
  };
}

export function apiError(
  status: number,
  message: string,
  type: string,
  code: string | null = null,
) {
  return Response.json(
    { error: { message, type, code, param: null } },
    { status, headers: noRetryHeaders },
  );
}
