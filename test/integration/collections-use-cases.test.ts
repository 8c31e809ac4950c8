import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { teamContextForUser, type TeamContext } from "@/lib/auth/context";
import { createCollection } from "@/lib/collections/create-collection";
import { getCollection } from "@/lib/collections/get-collection";
import { listCollections } from "@/lib/collections/list-collections";
import { AppError } from "@/lib/errors";
import { listTrajectories } from "@/lib/trajectories/list-trajectories";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";

let db: TestDatabase;
let editor: TeamContext;
let reviewer: TeamContext;
let otherTeam: TeamContext;

async function member(
  teamId: string,
  userId: string,
  role: TeamContext["role"],
) {
  await db.prisma.user.create({
    data: { id: userId, email: `${userId}@example.test`, passwordHash: "x" },
  });
  await db.prisma.membership.create({ data: { teamId, userId, role } });

  return teamContextForUser(userId);
}

beforeAll(async () => {
  db = await createTestDatabase();
  await db.prisma.team.createMany({
    data: [
      { id: "team_1", name: "One" },
      { id: "team_2", name: "Two" },
    ],
  });
  editor = await member("team_1", "usr_editor", "editor");
  reviewer = await member("team_1", "usr_reviewer", "reviewer");
  otherTeam = await member("team_2", "usr_other", "owner");
});

afterAll(async () => {
  await db?.drop();
});

describe("createCollection", () => {
  it("makes a slug from the name, unique within the team", async () => {
    const first = await createCollection({
      ctx: editor,
      name: "  Data Evals ",
    });
    const second = await createCollection({ ctx: editor, name: "Data evals!" });
    const elsewhere = await createCollection({
      ctx: otherTeam,
      name: "Data Evals",
    });

    expect([first.name, first.slug]).toEqual(["Data Evals", "data-evals"]);
    expect(second.slug).toBe("data-evals-2");
    expect(elsewhere.slug).toBe("data-evals");
  });

  it("writes an audit row with the creator", async () => {
    const created = await createCollection({ ctx: editor, name: "Audited" });
    const rows = await db.prisma.auditLog.findMany({
      where: { target: `collection:${created.id}` },
    });

    expect(rows.map((r) => [r.teamId, r.actorId, r.action])).toEqual([
      ["team_1", "usr_editor", "collection.created"],
    ]);
  });

  it("is forbidden to a reviewer", async () => {
    const error = await createCollection({ ctx: reviewer, name: "Nope" }).catch(
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("forbidden");
    expect(await db.prisma.collection.count({ where: { name: "Nope" } })).toBe(
      0,
    );
  });

  it("refuses an empty name with a field error", async () => {
    const error = (await createCollection({ ctx: editor, name: "   " }).catch(
      (e: unknown) => e,
    )) as AppError;

    expect(error.code).toBe("validation");
    expect(error.issues.map((i) => i.path)).toEqual(["name"]);
  });
});

describe("listCollections and getCollection", () => {
  it("list the team's collections only, newest first", async () => {
    const team1 = await db.prisma.collection.findMany({
      where: { teamId: "team_1" },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });

    const listed = await listCollections({ ctx: reviewer });

    expect(listed.map((c) => c.id)).toEqual(team1.map((c) => c.id));
    expect(
      (await listCollections({ ctx: otherTeam })).map((c) => c.slug),
    ).toEqual(["data-evals"]);
  });

  it("get hides another team's collection as not_found", async () => {
    const [theirs] = await listCollections({ ctx: otherTeam });

    const error = (await getCollection({
      ctx: editor,
      collectionId: theirs.id,
    }).catch((e: unknown) => e)) as AppError;

    expect(error.code).toBe("not_found");
    expect(
      (await getCollection({ ctx: otherTeam, collectionId: theirs.id })).id,
    ).toBe(theirs.id);
  });
});

describe("listTrajectories", () => {
  it("pages a collection's trajectories newest first with duration and cost", async () => {
    const collection = await createCollection({ ctx: editor, name: "Runs" });
    const base = Date.parse("2026-05-01T10:00:00Z");
    for (let i = 0; i < 5; i++) {
      await db.prisma.trajectory.create({
        data: {
          id: `trj_${i}`,
          teamId: "team_1",
          collectionId: collection.id,
          agent: "claude-code",
          model: "claude-sonnet-4-6",
          provider: "anthropic",
          snapshot: "python312-uv",
          spec: {},
          status: i === 4 ? "running" : "completed",
          createdAt: new Date(base + i * 60_000),
          startedAt: new Date(base + i * 60_000 + 1_000),
          finishedAt: i === 4 ? null : new Date(base + i * 60_000 + 4_500),
          usage: i === 4 ? undefined : { costUsd: 0.01 * (i + 1), input: 10 },
        },
      });
    }
    // Another collection's run, in the same team, stays out of this list.
    await db.prisma.trajectory.create({
      data: {
        id: "trj_elsewhere",
        teamId: "team_1",
        collectionId: (await createCollection({ ctx: editor, name: "Other" }))
          .id,
        agent: "codex",
        model: "gpt-5",
        provider: "openai",
        snapshot: "python312-uv",
        spec: {},
        createdAt: new Date(base + 10 * 60_000),
      },
    });

    const first = await listTrajectories({
      ctx: reviewer,
      collectionId: collection.id,
      limit: 3,
    });
    const second = await listTrajectories({
      ctx: reviewer,
      collectionId: collection.id,
      limit: 3,
      cursor: first.nextCursor!,
    });

    expect(first.items.map((t) => t.id)).toEqual(["trj_4", "trj_3", "trj_2"]);
    expect(first.nextCursor).toBe("trj_2");
    expect(second.items.map((t) => t.id)).toEqual(["trj_1", "trj_0"]);
    expect(second.nextCursor).toBeNull();

    const [running, done] = first.items;
    expect([running.status, running.durationMs, running.costUsd]).toEqual([
      "running",
      null,
      null,
    ]);
    expect([done.status, done.durationMs, done.costUsd]).toEqual([
      "completed",
      3_500,
      0.04,
    ]);
    expect(done).toMatchObject({
      agent: "claude-code",
      model: "claude-sonnet-4-6",
      provider: "anthropic",
      runbook: null,
    });
  });
});
