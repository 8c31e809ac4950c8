import "server-only";

import { z } from "zod";

import { assertRole, type TeamContext } from "@/lib/auth/context";
import { requireId } from "@/lib/auth/require-id";
import { getCollection } from "@/lib/collections/get-collection";
import { nextFreeSlug, slugify } from "@/lib/collections/slugify";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

import type { RevisionSummary } from "./get-runbook";
import { checkSavableRunbook } from "./save-runbook-revision";

export const runbookTitleSchema = z
  .string()
  .trim()
  .min(1, "Give the runbook a title.")
  .max(120, "Keep the title under 120 characters.")
  .refine((title) => !title.includes("\0"), "Remove the NUL character.");

// A concurrent create can take the slug we picked; pick again this often.
const slugAttempts = 3;

export interface CreateRunbookInput {
  ctx: TeamContext;
  collectionId: string;
  title: string;
  /** The first revision's text; the starter runbook when absent. */
  text?: string;
}

/**
 * Creates a runbook in a collection of the context's team, with its text as
 * revision 1 (editors and up). Text with frontmatter errors is refused.
 */
export async function createRunbook(
  input: CreateRunbookInput,
): Promise<{ runbookId: string; revision: RevisionSummary }> {
  const { ctx } = input;
  assertRole(ctx, ["owner", "admin", "editor"]);
  const teamId = requireId(ctx.teamId, "team id", "unauthorized");
  const title = parseTitle(input.title);
  const collection = await getCollection({
    ctx,
    collectionId: input.collectionId,
  });
  const { text, sha256 } = checkSavableRunbook(
    input.text ?? starterRunbookText(title),
  );
  const base = runbookSlug(title);

  for (let attempt = 1; attempt <= slugAttempts; attempt++) {
    const slug = await freeSlug(collection.id, base);
    try {
      const created = await prisma.$transaction(async (tx) => {
        const runbook = await tx.runbook.create({
          data: { teamId, collectionId: collection.id, slug, title },
          select: { id: true },
        });
        const revision = await tx.runbookRevision.create({
          data: {
            runbookId: runbook.id,
            number: 1,
            text,
            sha256,
            createdById: ctx.userId,
          },
          select: { id: true, number: true, sha256: true, createdAt: true },
        });
        await tx.auditLog.create({
          data: {
            teamId,
            actorId: ctx.userId,
            action: "runbook.created",
            target: `runbook:${runbook.id}`,
            data: { collectionId: collection.id, title, slug },
          },
        });

        return { runbookId: runbook.id, revision };
      });
      logger.info(
        { teamId, collectionId: collection.id, runbookId: created.runbookId },
        "runbook.created",
      );

      return created;
    } catch (error) {
      if (!isUniqueViolation(error) || attempt === slugAttempts) throw error;
    }
  }

  throw new AppError("conflict", "Could not pick a free slug; try again.");
}

/** A runbook that runs as is and shows where results go. */
export function starterRunbookText(title: string): string {
  // Braces in a title would read as placeholders in the body.
  const heading = title.replace(/[{}]/g, "").trim() || "New runbook";

  return [
    "---",
    "agent: claude-code",
    "model: claude-sonnet-4-6",
    "snapshot: python312-uv",
    "timeout_sec: 900",
    "primary_outputs:",
    "  - report.md",
    "---",
    "",
    `# ${heading}`,
    "",
    "Describe the task here: what to look at, what to do, and how to check",
    "that it worked.",
    "",
    "When you are done, write a short report to `{{results_dir}}/report.md`:",
    "what you did, what you found, and anything left to do.",
    "",
  ].join("\n");
}

function parseTitle(title: string): string {
  const parsed = runbookTitleSchema.safeParse(title);
  if (!parsed.success) {
    throw new AppError("validation", "The title is not valid.", [
      { path: "title", message: parsed.error.issues[0].message },
    ]);
  }

  return parsed.data;
}

function runbookSlug(title: string): string {
  const slug = slugify(title);

  // slugify's fallback names a collection; a title with no letters or
  // digits (emoji, punctuation) gets a runbook's own fallback instead.
  return /[a-z0-9]/i.test(title.normalize("NFKD")) ? slug : "runbook";
}

async function freeSlug(collectionId: string, base: string): Promise<string> {
  const rows = await prisma.runbook.findMany({
    where: { collectionId, slug: { startsWith: base } },
    select: { slug: true },
  });

  return nextFreeSlug(base, new Set(rows.map((r) => r.slug)));
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002";
}
