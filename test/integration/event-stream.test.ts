import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "../support/db";

/**
 * The event pipeline against a real PostgreSQL: the worker's writer, and the
 * SSE stream readers follow (history, live via LISTEN/NOTIFY, resume, end).
 */

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.drop();
});

async function newTrajectory(id?: string) {
  const team = await db.prisma.team.create({ data: { name: "t" } });
  const collection = await db.prisma.collection.create({
    data: { teamId: team.id, name: "c", slug: `c-${Math.random()}` },
  });

  return db.prisma.trajectory.create({
    data: {
      id,
      teamId: team.id,
      collectionId: collection.id,
      agent: "claude-code",
      model: "m",
      provider: "anthropic",
      snapshot: "python312-uv",
      spec: {},
    },
  });
}

const log = (text: string) =>
  ({
    type: "log",
    payload: { stream: "stdout", text, level: "info" },
  }) as const;

async function readSse(
  body: ReadableStream<Uint8Array>,
  until: (text: string) => boolean,
) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (!until(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel();

  return text;
}

const ids = (text: string) =>
  [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));

describe("createEventWriter", () => {
  it("numbers events without gaps and keeps a failed batch until it can be written", async () => {
    const { createEventWriter } = await import("@/lib/events/event-writer");
    const id = `tr_late_${Date.now()}`;
    const writer = createEventWriter({
      prisma: db.prisma,
      trajectoryId: id,
      lastSeq: 0,
    });

    // The trajectory row does not exist yet: every insert fails.
    writer.append([log("a"), log("b")]);
    await expect(writer.flush()).rejects.toThrow();
    await newTrajectory(id);
    writer.append(log("c"));
    await writer.flush();

    const events = await db.prisma.event.findMany({
      where: { trajectoryId: id },
      orderBy: { seq: "asc" },
    });
    expect(
      events.map((e) => [e.seq, (e.payload as { text: string }).text]),
    ).toEqual([
      [1, "a"],
      [2, "b"],
      [3, "c"],
    ]);
    const row = await db.prisma.trajectory.findUniqueOrThrow({ where: { id } });
    expect(row.lastSeq).toBe(3);
  });
});

describe("streamTrajectoryEvents", () => {
  it("sends history, then live events, then end; resumes after a cursor", async () => {
    const { createEventWriter } = await import("@/lib/events/event-writer");
    const { streamTrajectoryEvents } =
      await import("@/lib/events/stream-trajectory-events");
    const trajectory = await newTrajectory();
    const writer = createEventWriter({
      prisma: db.prisma,
      trajectoryId: trajectory.id,
      lastSeq: 0,
    });
    writer.append([log("1"), log("2"), log("3")]);
    await writer.flush();

    const live = readSse(
      streamTrajectoryEvents({
        prisma: db.prisma,
        trajectoryId: trajectory.id,
        after: 0,
      }),
      (text) => text.includes("event: end"),
    );
    writer.append([log("4"), log("5")]);
    await writer.flush();
    await writer.finish(
      [{ type: "status", payload: { status: "completed" } }],
      {
        status: "completed",
      },
    );
    const text = await live;

    expect(text.startsWith("retry: 3000\n")).toBe(true);
    expect(ids(text)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(text).toMatch(/event: end\ndata: \{"status":"completed"\}/);

    const resumed = await readSse(
      streamTrajectoryEvents({
        prisma: db.prisma,
        trajectoryId: trajectory.id,
        after: 4,
      }),
      (t) => t.includes("event: end"),
    );
    expect(ids(resumed)).toEqual([5, 6]);
  });

  it("stops a subscriber's work when it goes away, without stopping the run (B21)", async () => {
    const { createEventWriter } = await import("@/lib/events/event-writer");
    const { openStreams, streamTrajectoryEvents } =
      await import("@/lib/events/stream-trajectory-events");
    const trajectory = await newTrajectory();
    const writer = createEventWriter({
      prisma: db.prisma,
      trajectoryId: trajectory.id,
      lastSeq: 0,
    });
    writer.append(log("1"));
    await writer.flush();
    const before = openStreams.count;

    const first = await readSse(
      streamTrajectoryEvents({
        prisma: db.prisma,
        trajectoryId: trajectory.id,
        after: 0,
      }),
      (text) => ids(text).length >= 1,
    );
    expect(ids(first)).toEqual([1]);
    expect(openStreams.count).toBe(before);

    // The run goes on after the viewer left, and a new viewer gets it all.
    writer.append(log("2"));
    await writer.finish(
      [{ type: "status", payload: { status: "completed" } }],
      {
        status: "completed",
      },
    );
    const again = await readSse(
      streamTrajectoryEvents({
        prisma: db.prisma,
        trajectoryId: trajectory.id,
        after: 0,
      }),
      (text) => text.includes("event: end"),
    );
    expect(ids(again)).toEqual([1, 2, 3]);
  });

  it("sends keepalive comments while a run is quiet (B20)", async () => {
    const { streamTrajectoryEvents } =
      await import("@/lib/events/stream-trajectory-events");
    const trajectory = await newTrajectory();

    const text = await readSse(
      streamTrajectoryEvents({
        prisma: db.prisma,
        trajectoryId: trajectory.id,
        after: 0,
        heartbeatMs: 200,
      }),
      (t) => (t.match(/: keepalive/g) ?? []).length >= 2,
    );

    expect(text).toContain(": keepalive\n\n");
  });
});
