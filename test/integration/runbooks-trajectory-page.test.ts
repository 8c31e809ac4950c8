import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TeamContext } from "@/lib/auth/context";
import { getTrajectory } from "@/lib/trajectories/get-trajectory";
import { buildTimeline } from "@/lib/trajectories/timeline";
import { addMember, rejection } from "@/test/support/app-error";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";

let db: TestDatabase;
let reviewer: TeamContext;
let outsider: TeamContext;
let trajectoryId: string;

const usage = {
  input: 17,
  output: 240,
  cacheRead: 32200,
  cacheWrite: 2000,
  costUsd: 0.0421,
  costBasis: "reported",
};

beforeAll(async () => {
  db = await createTestDatabase();
  const [team, otherTeam] = await Promise.all([
    db.prisma.team.create({ data: { name: "Team" } }),
    db.prisma.team.create({ data: { name: "Other" } }),
  ]);
  const member = (teamId: string, role: TeamContext["role"]) =>
    addMember(db.prisma, teamId, role);
  reviewer = await member(team.id, "reviewer");
  outsider = await member(otherTeam.id, "owner");
  const collection = await db.prisma.collection.create({
    data: { teamId: team.id, name: "Docs", slug: "docs" },
  });
  const runbook = await db.prisma.runbook.create({
    data: {
      teamId: team.id,
      collectionId: collection.id,
      slug: "notes",
      title: "Release notes",
      revisions: { create: { number: 3, text: "---\n---\n", sha256: "x" } },
    },
    include: { revisions: true },
  });
  const events = [
    { type: "status", payload: { status: "running" } },
    {
      type: "message",
      payload: { role: "assistant", text: "Reading.", stepId: "A" },
    },
    // A row an older parser wrote; the page skips it.
    { type: "message", payload: { role: "assistant" } },
    {
      type: "result",
      payload: { success: true, text: "Done.", exitCode: 0, usage },
    },
  ];
  const trajectory = await db.prisma.trajectory.create({
    data: {
      teamId: team.id,
      collectionId: collection.id,
      runbookId: runbook.id,
      revisionId: runbook.revisions[0].id,
      agent: "claude-code",
      model: "claude-sonnet-4-6",
      provider: "anthropic",
      snapshot: "python312-uv",
      status: "completed",
      spec: {},
      usage,
      outcome: { success: true, finalText: "Done." },
      lastSeq: events.length,
      events: {
        create: events.map((e, i) => ({ seq: i + 1, ...e })),
      },
    },
  });
  trajectoryId = trajectory.id;
});

afterAll(async () => {
  await db?.drop();
});

describe("getTrajectory", () => {
  it("gives a reader the run, its runbook and its readable events in order", async () => {
    const detail = await getTrajectory({ ctx: reviewer, trajectoryId });

    expect(detail).toMatchObject({
      status: "completed",
      agent: "claude-code",
      usage,
      outcome: { success: true },
      runbook: { title: "Release notes" },
      revisionNumber: 3,
      collection: { name: "Docs" },
      eventsCursor: 4,
      eventsComplete: true,
      cancelRequested: false,
    });
    expect(detail.events.map((e) => [e.seq, e.type])).toEqual([
      [1, "status"],
      [2, "message"],
      [4, "result"],
    ]);
    expect(buildTimeline(detail.events).result).toMatchObject({
      answer: "Done.",
    });
  });

  it("stops at the limit and says where the stream resumes", async () => {
    const detail = await getTrajectory({
      ctx: reviewer,
      trajectoryId,
      eventLimit: 2,
    });

    expect(detail.events.map((e) => e.seq)).toEqual([1, 2]);
    expect(detail).toMatchObject({ eventsCursor: 2, eventsComplete: false });
  });

  it("moves the cursor past an unreadable last row", async () => {
    const detail = await getTrajectory({
      ctx: reviewer,
      trajectoryId,
      eventLimit: 3,
    });

    expect(detail.events.map((e) => e.seq)).toEqual([1, 2]);
    expect(detail.eventsCursor).toBe(3);
  });

  it("treats another team's trajectory as not found", async () => {
    const error = await rejection(
      getTrajectory({ ctx: outsider, trajectoryId }),
    );

    expect(error.code).toBe("not_found");
  });
});
