import "server-only";

import { ZodError } from "zod";

import {
  authenticateApiToken,
  type ApiPrincipal,
} from "@/lib/api-tokens/authenticate-api-token";
import { bearerToken } from "@/lib/api-tokens/token-format";
import {
  apiError,
  chatCompletion,
  completionId,
  jettyMetadata,
  noRetryHeaders,
  openAiUsage,
  runError,
  type RunSummary,
} from "@/lib/chat/chat-responses";
import {
  chatRequestSchema,
  runbookTextOf,
  type ChatRequest,
} from "@/lib/chat/chat-request";
import { prisma } from "@/lib/db";
import { AppError, isAppError, isInvalidTextError } from "@/lib/errors";
import { followTrajectory } from "@/lib/events/follow-trajectory";
import type { Usage } from "@/lib/events/schema";
import { logger } from "@/lib/logger";
import { trajectoryOutcomeSchema } from "@/lib/runs/schemas";
import { createTrajectory } from "@/lib/runs/start-run";

// The openai client gives up after 10 minutes and then POSTs again; answer
// 202 ("still running") before that, whatever hint the caller sent.
const maxWaitSec = 540;
const encoder = new TextEncoder();

/**
 * `POST /v1/chat/completions` in runbook mode: the system message is the
 * runbook, the run goes through the same path as the editor's Run button,
 * and the answer is the agent's final text — or an OpenAI-style error.
 */
export async function handleChatCompletion(
  request: Request,
): Promise<Response> {
  let principal: ApiPrincipal;
  try {
    principal = await authenticateApiToken(bearerToken(request));
  } catch {
    return apiError(
      401,
      "Invalid API token",
      "invalid_request_error",
      "invalid_api_key",
    );
  }

  let body: ChatRequest;
  try {
    body = chatRequestSchema.parse(await request.json());
  } catch (error) {
    const message =
      error instanceof ZodError
        ? error.issues
            .map((i) => `${i.path.join(".")}: ${i.message}`)
            .join("; ")
        : "The body is not JSON";
    return apiError(400, message, "invalid_request_error");
  }
  if (!body.jetty?.runbook) {
    return apiError(
      400,
      'Jetty runs runbooks here: send the runbook as the system message with "jetty": {"runbook": true}',
      "invalid_request_error",
      "runbook_required",
    );
  }

  let trajectoryId: string;
  try {
    await checkCollection(principal, body.jetty.collection);
    ({ trajectoryId } = await createTrajectory({
      ctx: principal.ctx,
      collectionId: principal.collectionId,
      text: runbookTextOf(body),
      variables: Object.fromEntries(
        Object.entries(body.jetty.template_variables ?? {}).map(([k, v]) => [
          k,
          String(v),
        ]),
      ),
      overrides: {
        agent: body.jetty.agent,
        model_provider: body.jetty.model_provider,
        snapshot: body.jetty.snapshot,
        timeout_sec: body.jetty.timeout_sec,
      },
      source: "api",
    }));
  } catch (error) {
    if (isAppError(error)) {
      const status =
        error.code === "validation" || error.code === "provider_unavailable"
          ? 400
          : error.status;
      return apiError(
        status,
        error.message,
        "invalid_request_error",
        error.code,
      );
    }
    if (isInvalidTextError(error)) {
      return apiError(
        400,
        "The request contains text Jetty cannot store (a NUL character?)",
        "invalid_request_error",
      );
    }
    logger.error({ err: error }, "chat.start_failed");
    return apiError(500, "Could not start the run", "server_error");
  }

  return body.stream
    ? streamCompletion(
        trajectoryId,
        body.stream_options?.include_usage === true,
        request.signal,
      )
    : awaitCompletion(
        trajectoryId,
        body.jetty.timeout_hint ?? 1200,
        request.signal,
      );
}

async function checkCollection(principal: ApiPrincipal, named?: string) {
  if (!named) return;
  const collection = await prisma.collection.findFirst({
    where: { id: principal.collectionId, teamId: principal.ctx.teamId },
    select: { id: true, slug: true, name: true },
  });
  if (
    !collection ||
    ![collection.id, collection.slug, collection.name].includes(named)
  ) {
    throw new AppError(
      "forbidden",
      `This API token runs in another collection than ${named}`,
    );
  }
}

async function awaitCompletion(
  trajectoryId: string,
  hintSec: number,
  clientGone: AbortSignal,
): Promise<Response> {
  const waited = AbortSignal.any([
    clientGone,
    AbortSignal.timeout(Math.min(hintSec, maxWaitSec) * 1000),
  ]);
  for await (const item of followTrajectory({
    prisma,
    trajectoryId,
    after: 0,
    signal: waited,
  })) {
    if (item.kind === "end") break;
  }
  const run = await summarize(trajectoryId);
  if (run.status === "pending" || run.status === "running") {
    return Response.json(
      {
        status: "running",
        id: completionId(trajectoryId),
        jetty_metadata: jettyMetadata(run),
      },
      { status: 202, headers: noRetryHeaders },
    );
  }
  if (run.status !== "completed") {
    const { status, body } = runError(run);
    return Response.json(body, { status, headers: noRetryHeaders });
  }

  return Response.json(chatCompletion(run));
}

/**
 * OpenAI's stream framing (B24): chunks with one id, the assistant's
 * messages as content deltas, a finish chunk, the usage chunk when asked,
 * then `[DONE]`. A failed run sends an `error` event, which the openai
 * client raises. Dropping the connection does not stop the run.
 */
function streamCompletion(
  trajectoryId: string,
  includeUsage: boolean,
  clientGone: AbortSignal,
): Response {
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (data: unknown) =>
        controller.enqueue(
          encoder.encode(
            `data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`,
          ),
        );
      const trajectory = await prisma.trajectory.findUniqueOrThrow({
        where: { id: trajectoryId },
        select: { model: true, createdAt: true },
      });
      const base = {
        id: completionId(trajectoryId),
        object: "chat.completion.chunk",
        created: Math.floor(trajectory.createdAt.getTime() / 1000),
        model: trajectory.model,
      };
      const chunk = (delta: object, finish: string | null = null) => ({
        ...base,
        choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
        ...(includeUsage ? { usage: null } : {}),
      });

      try {
        send({
          ...chunk({ role: "assistant", content: "" }),
          jetty_metadata: { trajectory_id: trajectoryId },
        });
        let wrote = false;
        for await (const item of followTrajectory({
          prisma,
          trajectoryId,
          after: 0,
          signal: clientGone,
        })) {
          if (item.kind === "idle")
            controller.enqueue(encoder.encode(": keepalive\n\n"));
          if (item.kind !== "event") continue;
          const { event } = item;
          if (
            event.type === "message" &&
            event.payload.role === "assistant" &&
            !event.payload.partial
          ) {
            send(
              chunk({ content: `${wrote ? "\n\n" : ""}${event.payload.text}` }),
            );
            wrote = true;
          }
        }
        if (clientGone.aborted) return;

        const run = await summarize(trajectoryId);
        if (run.status === "completed") {
          send({ ...chunk({}, "stop"), jetty_metadata: jettyMetadata(run) });
        } else {
          send(runError(run).body);
        }
        if (includeUsage)
          send({ ...base, choices: [], usage: openAiUsage(run.usage) });
        send("[DONE]");
        controller.close();
      } catch (err) {
        if (clientGone.aborted) return;
        logger.warn({ err, runId: trajectoryId }, "chat.stream_failed");
        send({
          error: {
            message: "The stream failed",
            type: "server_error",
            code: null,
          },
        });
        send("[DONE]");
        controller.close();
      }
    },
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      "X-Accel-Buffering": "no",
      ...noRetryHeaders,
    },
  });
}

async function summarize(trajectoryId: string): Promise<RunSummary> {
  const row = await prisma.trajectory.findUniqueOrThrow({
    where: { id: trajectoryId },
    select: {
      model: true,
      createdAt: true,
      status: true,
      outcome: true,
      usage: true,
      resultFiles: { select: { path: true }, orderBy: { path: "asc" } },
    },
  });
  const outcome = trajectoryOutcomeSchema.safeParse(row.outcome);

  return {
    trajectoryId,
    model: row.model,
    created: Math.floor(row.createdAt.getTime() / 1000),
    status: row.status,
    outcome: outcome.success ? outcome.data : null,
    usage: (row.usage as Usage | null) ?? null,
    resultFiles: row.resultFiles.map((f) => f.path),
  };
}
