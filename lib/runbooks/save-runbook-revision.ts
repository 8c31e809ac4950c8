import "server-only";

import { createHash } from "node:crypto";

import { assertRole, type TeamContext } from "@/lib/auth/context";
import { requireId } from "@/lib/auth/require-id";
import { prisma } from "@/lib/db";
import { AppError, type Issue } from "@/lib/errors";
import { logger } from "@/lib/logger";
import {
  normalizeRunbookText,
  parseRunbook,
} from "@/lib/runbooks/parse-runbook";

import {
  assertRunbookSize,
  assertValidRunbook,
} from "@/lib/runbooks/refuse-invalid-runbook";

import { runbookNotFound, type RevisionSummary } from "./get-runbook";


export interface SaveRunbookRevisionInput {
  ctx: TeamContext;
  runbookId: string;
  text: string;
  /**
   * The revision the editor started from. When someone saved a newer one in
   * between, the save is refused instead of silently replacing their text.
   */
  baseRevision?: number;
}

export interface SaveRunbookRevisionResult {
  revision: RevisionSummary;
  /** False when the text equals the latest revision: nothing was written. */
  created: boolean;
  /** Warnings of the saved text (unknown keys and the like). */
  warnings: Issue[];
}

/**
 * Saves a runbook's text as a new immutable revision (editors and up).
 * Text whose frontmatter has errors is refused with the issues and lines.
 */
export async function saveRunbookRevision(
  input: SaveRunbookRevisionInput,
): Promise<SaveRunbookRevisionResult> {
  const { ctx } = input;
  assertRole(ctx, ["owner", "admin", "editor"]);
  const teamId = requireId(ctx.teamId, "team id", "unauthorized");
  const runbookId = requireId(input.runbookId, "runbook id");

  const runbook = await prisma.runbook.findFirst({
    where: { id: runbookId, teamId },
    select: {
      id: true,
      revisions: {
        orderBy: { number: "desc" },
        take: 1,
        select: { id: true, number: true, sha256: true, createdAt: true },
      },
    },
  });
  if (!runbook) throw runbookNotFound();

  const { text, sha256, warnings } = checkSavableRunbook(input.text);
  const latest = runbook.revisions[0] ?? null;
  if (latest && latest.sha256 === sha256) {
    return { revision: latest, created: false, warnings };
  }
  const latestNumber = latest?.number ?? 0;
  if (input.baseRevision !== undefined && input.baseRevision !== latestNumber) {
    throw staleBase(latestNumber);
  }

  try {
    const revision = await prisma.$transaction(async (tx) => {
      const created = await tx.runbookRevision.create({
        data: {
          runbookId,
          number: latestNumber + 1,
          text,
          sha256,
          createdById: ctx.userId,
        },
        select: { id: true, number: true, sha256: true, createdAt: true },
      });
      // Touch updatedAt so lists sort by the last save.
      await tx.runbook.update({
        where: { id: runbookId },
        data: { updatedAt: new Date() },
      });
      await tx.auditLog.create({
        data: {
          teamId,
          actorId: ctx.userId,
          action: "runbook.revision_saved",
          target: `runbook:${runbookId}`,
          data: { revision: created.number, sha256 },
        },
      });

      return created;
    });
    logger.info(
      { teamId, runbookId, revision: revision.number },
      "runbook.revision_saved",
    );

    return { revision, created: true, warnings };
  } catch (error) {
    // Another save took this number between our read and our write.
    if (isUniqueViolation(error)) throw staleBase(latestNumber + 1);
    throw error;
  }
}

/**
 * The normalized text (no BOM, LF endings) and its SHA-256, or a
 * `validation` error naming the first problem and its line (B18).
 */
export function checkSavableRunbook(raw: string): {
  text: string;
  sha256: string;
  warnings: Issue[];
} {
  const text = normalizeRunbookText(raw);
  assertRunbookSize(text);
  const parsed = parseRunbook(text);
  assertValidRunbook(parsed, "The frontmatter has errors", "it is not valid");

  return {
    text,
    sha256: createHash("sha256").update(text, "utf8").digest("hex"),
    warnings: parsed.issues.filter((i) => i.severity === "warning"),
  };
}

function staleBase(latest: number): AppError {
  return new AppError(
    "conflict",
    `Someone saved revision ${latest} while you were editing. Copy your changes, reload, and save again.`,
  );
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002";
}
