import { z } from "zod";

/**
 * The timeline contract: every runtime's output becomes these events, stored
 * in the Event table (payload column) and sent over SSE with `seq` as the id.
 */

export const trajectoryStatuses = [
  "pending",
  "running",
  "completed",
  "failed",
  "cancelled",
  "archived",
] as const;
export type TrajectoryStatus = (typeof trajectoryStatuses)[number];

export const terminalStatuses: ReadonlySet<TrajectoryStatus> = new Set([
  "completed",
  "failed",
  "cancelled",
  "archived",
]);

/** Failure kinds a person can act on (DESIGN.md, "Outcome rule"). */
export const failureKinds = [
  "auth",
  "model_not_found",
  "rate_limited",
  "context_overflow",
  "max_turns",
  "timeout",
  "cancelled",
  "sandbox_error",
  "no_results",
  "agent_error",
] as const;
export type FailureKind = (typeof failureKinds)[number];

export const costBases = ["reported", "list price", "unknown model"] as const;
export type CostBasis = (typeof costBases)[number];

export const tokenCountsSchema = z.object({
  input: z.number().int().nonnegative(),
  output: z.number().int().nonnegative(),
  cacheRead: z.number().int().nonnegative(),
  cacheWrite: z.number().int().nonnegative(),
});
export type TokenCounts = z.infer<typeof tokenCountsSchema>;

/** Usage totals; `costUsd` is null when it cannot be known. */
export const usageSchema = tokenCountsSchema.extend({
  costUsd: z.number().nonnegative().nullable(),
  costBasis: z.enum(costBases),
});
export type Usage = z.infer<typeof usageSchema>;

const payloads = {
  status: z.object({
    status: z.enum(trajectoryStatuses),
    detail: z.string().optional(),
  }),
  "agent.init": z.object({
    runtime: z.string(),
    model: z.string().optional(),
    sessionId: z.string().optional(),
    version: z.string().optional(),
    tools: z.array(z.string()).optional(),
  }),
  message: z.object({
    role: z.enum(["assistant", "user"]),
    text: z.string(),
    /** Groups the blocks of one model response (e.g. Anthropic message.id). */
    stepId: z.string().optional(),
    /**
     * True when the text was not followed by a successful end of turn. Codex
     * only learns this when its turn fails, so it then repeats the turn's
     * last message with the same stepId and `partial: true`; a viewer that
     * groups by stepId shows the later event in place of the earlier one.
     */
    partial: z.boolean().optional(),
    /** Set when a subagent produced it: the tool call that started it. */
    parentCallId: z.string().optional(),
  }),
  thinking: z.object({
    text: z.string(),
    stepId: z.string().optional(),
    parentCallId: z.string().optional(),
  }),
  "tool.call": z.object({
    id: z.string(),
    name: z.string(),
    input: z.unknown(),
    stepId: z.string().optional(),
    parentCallId: z.string().optional(),
  }),
  "tool.result": z.object({
    callId: z.string(),
    output: z.string(),
    isError: z.boolean(),
    parentCallId: z.string().optional(),
  }),
  usage: z.object({
    /** This model response's own counts, when the runtime reports them. */
    step: tokenCountsSchema.optional(),
    stepId: z.string().optional(),
    total: usageSchema,
  }),
  log: z.object({
    stream: z.enum(["stdout", "stderr", "system"]),
    text: z.string(),
    level: z.enum(["debug", "info", "warning"]).default("info"),
  }),
  error: z.object({
    message: z.string(),
    kind: z.enum(failureKinds).optional(),
    httpStatus: z.number().int().optional(),
    /** Non-fatal errors (retries, warnings) leave the run going. */
    fatal: z.boolean(),
  }),
  result: z.object({
    success: z.boolean(),
    kind: z.enum(failureKinds).optional(),
    message: z.string().optional(),
    /** The agent's final answer; never an error text. */
    text: z.string().optional(),
    exitCode: z.number().int().nullable().optional(),
    usage: usageSchema.nullable().optional(),
    durationMs: z.number().int().nonnegative().optional(),
    resultFiles: z.number().int().nonnegative().optional(),
  }),
} as const;

export const eventPayloadSchemas = payloads;
export type EventType = keyof typeof payloads;
export const eventTypes = Object.keys(payloads) as EventType[];

export type EventPayload<T extends EventType> = z.infer<(typeof payloads)[T]>;

/** An event before it is stored: what parsers and the pipeline produce. */
export type JettyEventInput = {
  [T in EventType]: { type: T; payload: EventPayload<T> };
}[EventType];

/** A stored event, as the viewer and SSE clients receive it. */
export type JettyEvent = JettyEventInput & { seq: number; at: string };

/** Validates one event; throws a ZodError naming the bad field. */
export function parseEvent(type: string, payload: unknown): JettyEventInput {
  const schema = payloads[type as EventType];
  if (!schema) throw new Error(`unknown event type: ${type}`);

  return { type, payload: schema.parse(payload) } as JettyEventInput;
}
