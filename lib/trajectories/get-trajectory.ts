import "server-only";

import type { TeamContext } from "@/lib/auth/context";
import { requireId } from "@/lib/auth/require-id";
import { prisma } from "@/lib/db";
import {
  eventPayloadSchemas,
  usageSchema,
  type EventType,
  type JettyEvent,
  type TrajectoryStatus,
  type Usage,
} from "@/lib/events/schema";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import {
  trajectoryOutcomeSchema,
  type TrajectoryOutcome,
} from "@/lib/runs/schemas";

/** How many stored events the page renders at once; SSE sends the rest. */
export const initialEventLimit = 2000;

export interface TrajectoryDetail {
  id: string;
  status: TrajectoryStatus;
  agent: string;
  model: string;
  provider: string;
  snapshot: string;
  failureKind: string | null;
  outcome: TrajectoryOutcome | null;
  usage: Usage | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  cancelRequested: boolean;
  hasAgentLog: boolean;
  collection: { id: string; name: string };
  runbook: { id: string; title: string } | null;
  revisionNumber: number | null;
  /** The first stored events, in seq order. */
  events: JettyEvent[];
  /** The seq of the last stored event read, where SSE resumes. */
  eventsCursor: number;
  /** True when `events` holds every event stored so far. */
  eventsComplete: boolean;
}

/**
 * A trajectory of the context's team with its first stored events. Another
 * team's trajectory is `not_found`, exactly like one that does not exist.
 */
export async function getTrajectory({
  ctx,
  trajectoryId,
  eventLimit = initialEventLimit,
}: {
  ctx: TeamContext;
  trajectoryId: string;
  eventLimit?: number;
}): Promise<TrajectoryDetail> {
  const teamId = requireId(ctx.teamId, "team id", "unauthorized");
  const id = requireId(trajectoryId, "trajectory id");

  const row = await prisma.trajectory.findFirst({
    where: { id, teamId },
    include: {
      collection: { select: { id: true, name: true } },
      runbook: { select: { id: true, title: true } },
      revision: { select: { number: true } },
      events: {
        orderBy: { seq: "asc" },
        // One more than shown tells whether there are more.
        take: eventLimit + 1,
        select: { seq: true, type: true, payload: true, at: true },
      },
    },
  });
  if (!row) throw new AppError("not_found", "This trajectory does not exist.");

  const stored = row.events.slice(0, eventLimit);

  return {
    id: row.id,
    status: row.status,
    agent: row.agent,
    model: row.model,
    provider: row.provider,
    snapshot: row.snapshot,
    failureKind: row.failureKind,
    outcome: parseJson(trajectoryOutcomeSchema, row.outcome, row.id, "outcome"),
    usage: parseJson(usageSchema, row.usage, row.id, "usage"),
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    cancelRequested: row.cancelRequestedAt !== null,
    hasAgentLog: row.agentLogKey !== null,
    collection: row.collection,
    runbook: row.runbook,
    revisionNumber: row.revision?.number ?? null,
    events: stored.flatMap((e) => toJettyEvent(row.id, e)),
    eventsCursor: stored.at(-1)?.seq ?? 0,
    eventsComplete: row.events.length <= eventLimit,
  };
}

function toJettyEvent(
  trajectoryId: string,
  row: { seq: number; type: string; payload: unknown; at: Date },
): JettyEvent[] {
  const schema = eventPayloadSchemas[row.type as EventType];
  const payload = schema?.safeParse(row.payload);
  if (!payload?.success) {
    // A row from an older parser: skip it rather than break the page.
    logger.warn(
      { runId: trajectoryId, seq: row.seq, type: row.type },
      "trajectory.event_unreadable",
    );
    return [];
  }

  return [
    {
      seq: row.seq,
      at: row.at.toISOString(),
      type: row.type,
      payload: payload.data,
    } as JettyEvent,
  ];
}

function parseJson<T>(
  schema: {
    safeParse(value: unknown): { success: true; data: T } | { success: false };
  },
  value: unknown,
  trajectoryId: string,
  column: string,
): T | null {
  if (value === null || value === undefined) return null;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  logger.warn({ runId: trajectoryId, column }, "trajectory.json_unreadable");

  return null;
}
