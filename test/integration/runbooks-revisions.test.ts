import { createHash } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TeamContext } from "@/lib/auth/context";
import { parseRunbook } from "@/lib/runbooks/parse-runbook";
import {
  createRunbook,
  starterRunbookText,
} from "@/lib/runbooks/create-runbook";
import { getRunbook } from "@/lib/runbooks/get-runbook";
import { listRunbooks } from "@/lib/runbooks/list-runbooks";
import { saveRunbookRevision } from "@/lib/runbooks/save-runbook-revision";
import { addMember, rejection } from "@/test/support/app-error";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";

let db: TestDatabase;
let editor: TeamContext;
let reviewer: TeamContext;
let outsider: TeamContext;
let collectionId: string;

const textA = [
  "---",
  "agent: claude-code",
  "model: claude-sonnet-4-6",
  "---",
  "",
  "Write {{results_dir}}/report.md",
  "",
].join("\n");
const textB = textA.replace("report.md", "summary.md");

beforeAll(async () => {
  db = await createTestDatabase();
  const [team, otherTeam] = await Promise.all([
    db.prisma.team.create({ data: { name: "Team" } }),
    db.prisma.team.create({ data: { name: "Other team" } }),
  ]);
  const member = (teamId: string, role: TeamContext["role"]) =>
    addMember(db.prisma, teamId, role);
  editor = await member(team.id, "editor");
  reviewer = await member(team.id, "reviewer");
  outsider = await member(otherTeam.id, "owner");
  const collection = await db.prisma.collection.create({
    data: { teamId: team.id, name: "Docs", slug: "docs" },
  });
  collectionId = collection.id;
});

afterAll(async () => {
  await db?.drop();
});

describe("createRunbook", () => {
  it("creates the runbook with its text as revision 1 and an audit row", async () => {
    const { runbookId, revision } = await createRunbook({
      ctx: editor,
      collectionId,
      title: "Release notes",
      text: textA,
    });

    expect(revision.number).toBe(1);
    const stored = await db.prisma.runbookRevision.findMany({
      where: { runbookId },
    });
    expect(stored).toMatchObject([
      {
        number: 1,
        text: textA,
        sha256: createHash("sha256").update(textA).digest("hex"),
        createdById: editor.userId,
      },
    ]);
    const runbook = await db.prisma.runbook.findUniqueOrThrow({
      where: { id: runbookId },
    });
    expect(runbook).toMatchObject({
      teamId: editor.teamId,
      title: "Release notes",
      slug: "release-notes",
    });
    expect(
      await db.prisma.auditLog.count({
        where: { action: "runbook.created", target: `runbook:${runbookId}` },
      }),
    ).toBe(1);
  });

  it("gives a second runbook with the same title its own slug", async () => {
    const first = await createRunbook({
      ctx: editor,
      collectionId,
      title: "Same title",
    });
    const second = await createRunbook({
      ctx: editor,
      collectionId,
      title: "Same title",
    });

    const slugs = await db.prisma.runbook.findMany({
      where: { id: { in: [first.runbookId, second.runbookId] } },
      orderBy: { createdAt: "asc" },
      select: { slug: true },
    });
    expect(slugs.map((s) => s.slug)).toEqual(["same-title", "same-title-2"]);
  });

  it("starts from a starter runbook that parses cleanly", async () => {
    const { runbookId } = await createRunbook({
      ctx: editor,
      collectionId,
      title: "Starter",
    });
    const { revision } = await getRunbook({ ctx: editor, runbookId });

    expect(revision?.text).toBe(starterRunbookText("Starter"));
    const parsed = parseRunbook(revision?.text ?? "");
    expect(parsed.issues).toEqual([]);
    expect(parsed.frontmatter).toMatchObject({
      agent: "claude-code",
      snapshot: "python312-uv",
    });
    expect(parsed.body).toContain("{{results_dir}}/report.md");
  });

  it("refuses a reviewer", async () => {
    const error = await rejection(
      createRunbook({ ctx: reviewer, collectionId, title: "Nope" }),
    );

    expect(error.code).toBe("forbidden");
  });

  it("treats another team's collection as not found", async () => {
    const error = await rejection(
      createRunbook({ ctx: outsider, collectionId, title: "Nope" }),
    );

    expect(error.code).toBe("not_found");
    expect(await db.prisma.runbook.count({ where: { title: "Nope" } })).toBe(0);
  });

  it("refuses an empty title with the field named", async () => {
    const error = await rejection(
      createRunbook({ ctx: editor, collectionId, title: "   " }),
    );

    expect(error.code).toBe("validation");
    expect(error.issues).toMatchObject([{ path: "title" }]);
  });
});

describe("saveRunbookRevision", () => {
  it("keeps every revision immutable: 1 and 2 each hold their own text", async () => {
    const { runbookId } = await createRunbook({
      ctx: editor,
      collectionId,
      title: "Immutable",
      text: textA,
    });

    const saved = await saveRunbookRevision({
      ctx: editor,
      runbookId,
      text: textB,
      baseRevision: 1,
    });

    expect(saved).toMatchObject({ created: true, revision: { number: 2 } });
    const revisions = await db.prisma.runbookRevision.findMany({
      where: { runbookId },
      orderBy: { number: "asc" },
      select: { number: true, text: true },
    });
    expect(revisions).toEqual([
      { number: 1, text: textA },
      { number: 2, text: textB },
    ]);
    const latest = await getRunbook({ ctx: editor, runbookId });
    expect(latest.revision).toMatchObject({ number: 2, text: textB });
  });

  it("writes nothing when the text is the latest revision's", async () => {
    const { runbookId } = await createRunbook({
      ctx: editor,
      collectionId,
      title: "Unchanged",
      text: textA,
    });

    const saved = await saveRunbookRevision({
      ctx: editor,
      runbookId,
      text: textA,
    });

    expect(saved).toMatchObject({ created: false, revision: { number: 1 } });
    expect(
      await db.prisma.runbookRevision.count({ where: { runbookId } }),
    ).toBe(1);
  });

  it("stores the text without a BOM and with LF line ends (B15)", async () => {
    const { runbookId } = await createRunbook({
      ctx: editor,
      collectionId,
      title: "Windows",
      text: textA,
    });

    await saveRunbookRevision({
      ctx: editor,
      runbookId,
      text: `\uFEFF${textB.replaceAll("\n", "\r\n")}`,
    });

    const latest = await getRunbook({ ctx: editor, runbookId });
    expect(latest.revision?.text).toBe(textB);
    expect(latest.revision?.sha256).toBe(
      createHash("sha256").update(textB).digest("hex"),
    );
  });

  it("refuses a duplicate key with the key and its line, and saves nothing (B18)", async () => {
    const { runbookId } = await createRunbook({
      ctx: editor,
      collectionId,
      title: "Duplicate",
      text: textA,
    });
    const b18 = [
      "---",
      "agent: claude-code",
      "model: claude-sonnet-4-6",
      "snapshot: python312-uv",
      "model: claude-opus-4-1",
      "---",
      "",
      "# Write release notes",
      "",
    ].join("\n");

    const error = await rejection(
      saveRunbookRevision({ ctx: editor, runbookId, text: b18 }),
    );

    expect(error.code).toBe("validation");
    expect(error.status).toBe(422);
    expect(error.message).toContain("line 5");
    expect(error.issues).toMatchObject([
      { line: 5, path: "model", severity: "error" },
    ]);
    expect(
      await db.prisma.runbookRevision.count({ where: { runbookId } }),
    ).toBe(1);
  });

  it("refuses frontmatter that does not start on line 1", async () => {
    const { runbookId } = await createRunbook({
      ctx: editor,
      collectionId,
      title: "Late frontmatter",
      text: textA,
    });

    const error = await rejection(
      saveRunbookRevision({
        ctx: editor,
        runbookId,
        text: `# Title\n${textA}`,
      }),
    );

    expect(error.code).toBe("validation");
    expect(error.issues[0]).toMatchObject({ line: 1 });
  });

  it("saves with warnings for unknown keys and returns them", async () => {
    const { runbookId } = await createRunbook({
      ctx: editor,
      collectionId,
      title: "Warnings",
      text: textA,
    });

    const saved = await saveRunbookRevision({
      ctx: editor,
      runbookId,
      text: textA.replace("---\n\n", "colour: blue\n---\n\n"),
    });

    expect(saved.created).toBe(true);
    expect(saved.warnings).toMatchObject([
      { path: "colour", severity: "warning", line: 4 },
    ]);
  });

  it("refuses a save based on an older revision than the latest", async () => {
    const { runbookId } = await createRunbook({
      ctx: editor,
      collectionId,
      title: "Two editors",
      text: textA,
    });
    await saveRunbookRevision({ ctx: editor, runbookId, text: textB });

    const error = await rejection(
      saveRunbookRevision({
        ctx: editor,
        runbookId,
        text: `${textA}more\n`,
        baseRevision: 1,
      }),
    );

    expect(error.code).toBe("conflict");
    expect(
      await db.prisma.runbookRevision.count({ where: { runbookId } }),
    ).toBe(2);
  });

  it("refuses a reviewer", async () => {
    const { runbookId } = await createRunbook({
      ctx: editor,
      collectionId,
      title: "Reviewed",
      text: textA,
    });

    const error = await rejection(
      saveRunbookRevision({ ctx: reviewer, runbookId, text: textB }),
    );

    expect(error.code).toBe("forbidden");
    expect(
      await db.prisma.runbookRevision.count({ where: { runbookId } }),
    ).toBe(1);
  });

  it("treats another team's runbook as not found", async () => {
    const { runbookId } = await createRunbook({
      ctx: editor,
      collectionId,
      title: "Private",
      text: textA,
    });

    const error = await rejection(
      saveRunbookRevision({ ctx: outsider, runbookId, text: textB }),
    );

    expect(error.code).toBe("not_found");
    expect(
      await db.prisma.runbookRevision.count({ where: { runbookId } }),
    ).toBe(1);
  });
});

describe("getRunbook and listRunbooks", () => {
  it("lets a reviewer read, and hides the runbook from another team", async () => {
    const { runbookId } = await createRunbook({
      ctx: editor,
      collectionId,
      title: "Readable",
      text: textA,
    });

    const read = await getRunbook({ ctx: reviewer, runbookId });
    expect(read).toMatchObject({
      id: runbookId,
      title: "Readable",
      collection: { id: collectionId, name: "Docs" },
      revision: { number: 1, text: textA },
    });
    const error = await rejection(getRunbook({ ctx: outsider, runbookId }));
    expect(error.code).toBe("not_found");
  });

  it("gives the collection's env var names, never their values", async () => {
    const other = await db.prisma.collection.create({
      data: { teamId: editor.teamId, name: "Keys", slug: "keys" },
    });
    await db.prisma.envVar.create({
      data: {
        collectionId: other.id,
        name: "ANTHROPIC_API_KEY",
        ciphertext: "sealed",
        keyId: "k1",
      },
    });
    const { runbookId } = await createRunbook({
      ctx: editor,
      collectionId: other.id,
      title: "With keys",
      text: textA,
    });

    const read = await getRunbook({ ctx: editor, runbookId });

    expect(read.collection.envNames).toEqual(["ANTHROPIC_API_KEY"]);
    expect(JSON.stringify(read)).not.toContain("sealed");
  });

  it("lists a collection's runbooks with their latest revision number", async () => {
    const collection = await db.prisma.collection.create({
      data: { teamId: editor.teamId, name: "Listed", slug: "listed" },
    });
    const first = await createRunbook({
      ctx: editor,
      collectionId: collection.id,
      title: "First",
      text: textA,
    });
    await createRunbook({
      ctx: editor,
      collectionId: collection.id,
      title: "Second",
      text: textA,
    });
    await saveRunbookRevision({
      ctx: editor,
      runbookId: first.runbookId,
      text: textB,
    });

    const list = await listRunbooks({
      ctx: reviewer,
      collectionId: collection.id,
    });

    expect(list.map((r) => [r.title, r.revisionNumber])).toEqual([
      ["First", 2],
      ["Second", 1],
    ]);
    const error = await rejection(
      listRunbooks({ ctx: outsider, collectionId: collection.id }),
    );
    expect(error.code).toBe("not_found");
  });
});
