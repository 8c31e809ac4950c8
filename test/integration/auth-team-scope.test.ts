import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  teamContextForUser,
  teamContextFromSession,
  type TeamContext,
} from "@/lib/auth/context";
import { createCollection } from "@/lib/collections/create-collection";
import { deleteEnvVar } from "@/lib/collections/delete-env-var";
import { getCollection } from "@/lib/collections/get-collection";
import { listRunbooks } from "@/lib/runbooks/list-runbooks";
import { listCollections } from "@/lib/collections/list-collections";
import { listEnvVars } from "@/lib/collections/list-env-vars";
import { setEnvVar } from "@/lib/collections/set-env-var";
import { AppError } from "@/lib/errors";
import { listTrajectories } from "@/lib/trajectories/list-trajectories";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";

// B28 (shared/cases/B28.json): users A and B each own a collection with a
// key; one session carries A's id, the other lost it.
const seed = {
  users: [
    { id: "usr_A", email: "a@example.test", teamId: "team_A" },
    { id: "usr_B", email: "b@example.test", teamId: "team_B" },
  ],
  collections: [
    { id: "col_A1", teamId: "team_A", name: "A's keys" },
    { id: "col_B1", teamId: "team_B", name: "B's keys" },
  ],
  providerKeys: [
    {
      collectionId: "col_A1",
      name: "ANTHROPIC_API_KEY",
      ciphertext: "<enc sk-ant-...A>",
    },
    {
      collectionId: "col_B1",
      name: "OPENAI_API_KEY",
      ciphertext: "<enc sk-...B>",
    },
  ],
};
const sessions = {
  good: {
    user: { id: "usr_A", email: "a@example.test", name: "A" },
    expires: "2099-01-01T00:00:00.000Z",
  },
  missingId: {
    user: { email: "a@example.test", name: "A" },
    expires: "2099-01-01T00:00:00.000Z",
  },
};

let db: TestDatabase;
let ctxA: TeamContext;

beforeAll(async () => {
  process.env.JETTY_MASTER_KEY ??= Buffer.alloc(32, 7).toString("base64");
  process.env.NEXTAUTH_SECRET ??= "test-secret-for-b28-only";
  db = await createTestDatabase();

  for (const user of seed.users) {
    await db.prisma.team.create({ data: { id: user.teamId, name: user.id } });
    await db.prisma.user.create({
      data: { id: user.id, email: user.email, passwordHash: "unused" },
    });
    await db.prisma.membership.create({
      data: { teamId: user.teamId, userId: user.id, role: "owner" },
    });
  }
  await db.prisma.collection.createMany({
    data: seed.collections.map((c) => ({ ...c, slug: c.id.toLowerCase() })),
  });
  await db.prisma.envVar.createMany({
    data: seed.providerKeys.map((k) => ({ ...k, keyId: "k1" })),
  });
  await db.prisma.trajectory.create({
    data: {
      id: "trj_B1",
      teamId: "team_B",
      collectionId: "col_B1",
      agent: "codex",
      model: "gpt-5",
      provider: "openai",
      snapshot: "python312-uv",
      spec: {},
    },
  });

  ctxA = await teamContextFromSession(sessions.good);
});

afterAll(async () => {
  await db?.drop();
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error === undefined) return "resolved";

  return error instanceof AppError ? error.code : `not an AppError: ${error}`;
}

describe("B28: a session with the user id", () => {
  it("resolves to A's own team", () => {
    expect(ctxA).toEqual({ userId: "usr_A", teamId: "team_A", role: "owner" });
  });

  it("lists exactly A's collection", async () => {
    const collections = await listCollections({ ctx: ctxA });

    expect(collections.map((c) => c.id)).toEqual(["col_A1"]);
  });

  it("lists only A's key names, never B's", async () => {
    const own = await listEnvVars({ ctx: ctxA, collectionId: "col_A1" });

    expect(own.map((v) => v.name)).toEqual(["ANTHROPIC_API_KEY"]);
  });
});

describe("B28: reading or using B's collection with A's context", () => {
  it.each([
    [
      "get the collection",
      () => getCollection({ ctx: ctxA, collectionId: "col_B1" }),
    ],
    ["list its keys", () => listEnvVars({ ctx: ctxA, collectionId: "col_B1" })],
    [
      "set a key in it",
      () =>
        setEnvVar({
          ctx: ctxA,
          collectionId: "col_B1",
          name: "OPENAI_API_KEY",
          value: "sk-overwrite",
        }),
    ],
    [
      "delete its key",
      () =>
        deleteEnvVar({
          ctx: ctxA,
          collectionId: "col_B1",
          name: "OPENAI_API_KEY",
        }),
    ],
    [
      "list its runbooks",
      () => listRunbooks({ ctx: ctxA, collectionId: "col_B1" }),
    ],
    [
      "list its trajectories",
      () => listTrajectories({ ctx: ctxA, collectionId: "col_B1" }),
    ],
  ])("%s → not_found", async (_what, call) => {
    expect(await codeOf(call())).toBe("not_found");
  });

  it("left B's key as it was", async () => {
    const key = await db.prisma.envVar.findUniqueOrThrow({
      where: {
        collectionId_name: { collectionId: "col_B1", name: "OPENAI_API_KEY" },
      },
    });

    expect(key.ciphertext).toBe("<enc sk-...B>");
  });

  it("is told the same as for a collection that does not exist", async () => {
    const missing = await getCollection({
      ctx: ctxA,
      collectionId: "col_none",
    }).catch((e: AppError) => e);
    const other = await getCollection({
      ctx: ctxA,
      collectionId: "col_B1",
    }).catch((e: AppError) => e);

    expect(other).toEqual(missing);
  });
});

describe("B28: a session without a user id", () => {
  // With `where: { userId: undefined }` Prisma drops the filter and the
  // first membership in the table (A's) would come back as this session's.
  it("is unauthorized even though users exist", async () => {
    expect(await codeOf(teamContextFromSession(sessions.missingId))).toBe(
      "unauthorized",
    );
  });

  it.each([
    ["no session", null],
    ["no user", { expires: "2099-01-01T00:00:00.000Z" }],
    ["an empty id", { user: { id: "" }, expires: "2099-01-01T00:00:00.000Z" }],
  ])("%s is unauthorized", async (_what, session) => {
    expect(await codeOf(teamContextFromSession(session))).toBe("unauthorized");
  });

  it("cannot reach a use case with an undefined team", async () => {
    const broken = { userId: "usr_A", role: "owner" } as unknown as TeamContext;

    expect(await codeOf(listCollections({ ctx: broken }))).toBe("unauthorized");
    expect(
      await codeOf(getCollection({ ctx: broken, collectionId: "col_B1" })),
    ).toBe("unauthorized");
    expect(await codeOf(createCollection({ ctx: broken, name: "x" }))).toBe(
      "unauthorized",
    );
  });
});

describe("a user whose membership is gone", () => {
  it("is unauthorized, not given some other team", async () => {
    await db.prisma.user.create({
      data: { id: "usr_gone", email: "gone@example.test", passwordHash: "x" },
    });

    expect(await codeOf(teamContextForUser("usr_gone"))).toBe("unauthorized");
    expect(await codeOf(teamContextForUser("usr_never_existed"))).toBe(
      "unauthorized",
    );
  });
});

describe("a user in two teams", () => {
  it("acts in the team joined first", async () => {
    await db.prisma.user.create({
      data: { id: "usr_C", email: "c@example.test", passwordHash: "x" },
    });
    await db.prisma.membership.create({
      data: {
        teamId: "team_B",
        userId: "usr_C",
        role: "reviewer",
        createdAt: new Date("2026-01-01T00:00:00Z"),
      },
    });
    await db.prisma.membership.create({
      data: {
        teamId: "team_A",
        userId: "usr_C",
        role: "editor",
        createdAt: new Date("2026-02-01T00:00:00Z"),
      },
    });

    expect(await teamContextForUser("usr_C")).toEqual({
      userId: "usr_C",
      teamId: "team_B",
      role: "reviewer",
    });
  });
});
