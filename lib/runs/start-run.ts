import "server-only";

import { parseDocument } from "yaml";

import { assertRole, type TeamContext } from "@/lib/auth/context";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { resolveProvider } from "@/lib/providers/resolve-provider";
import { findMissingSecrets } from "@/lib/runbooks/find-missing-secrets";
import {
  normalizeRunbookText,
  parseRunbook,
} from "@/lib/runbooks/parse-runbook";
import {
  assertRunbookSize,
  assertValidRunbook,
} from "@/lib/runbooks/refuse-invalid-runbook";
import { renderRunbookBody } from "@/lib/runbooks/render-runbook";
import { enqueueRun } from "@/lib/runs/queue";
import type { TrajectorySpec } from "@/lib/runs/schemas";

export interface StartRunInput {
  ctx: TeamContext;
  runbookId: string;
  /** Values for `{{var}}` placeholders. */
  variables?: Record<string, string>;
}

/**
 * Starts a run of a runbook's latest revision. Everything that can be known
 * before a sandbox exists is checked here — frontmatter, runtime, provider,
 * keys, secrets, placeholders — and refused with a message that says what.
 */
export async function startRun(
  input: StartRunInput,
): Promise<{ trajectoryId: string }> {
  const { ctx } = input;
  assertRole(ctx, ["owner", "admin", "editor"]);

  const runbook = await prisma.runbook.findFirst({
    where: { id: input.runbookId, teamId: ctx.teamId },
    include: { revisions: { orderBy: { number: "desc" }, take: 1 } },
  });
  const revision = runbook?.revisions[0];
  if (!runbook || !revision)
    throw new AppError("not_found", "Runbook not found");

  return createTrajectory({
    ctx,
    collectionId: runbook.collectionId,
    text: revision.text,
    variables: input.variables ?? {},
    runbook: {
      id: runbook.id,
      revisionId: revision.id,
      revision: revision.number,
    },
  });
}

/**
 * Checks a runbook text against a collection, creates the trajectory
 * (pending, with its first event and audit row) and queues it. The one path
 * every way of starting a run goes through: the editor and the API.
 */
export async function createTrajectory(input: {
  ctx: TeamContext;
  collectionId: string;
  text: string;
  variables: Record<string, string>;
  overrides?: RunOverrides;
  runbook?: { id: string; revisionId: string; revision: number };
  source?: "ui" | "api";
}): Promise<{ trajectoryId: string }> {
  const { ctx } = input;
  assertRole(ctx, ["owner", "admin", "editor"]);

  const spec = await checkRunnable(input);
  const trajectory = await prisma.$transaction(async (tx) => {
    const created = await tx.trajectory.create({
      data: {
        teamId: ctx.teamId,
        collectionId: input.collectionId,
        runbookId: input.runbook?.id,
        revisionId: input.runbook?.revisionId,
        createdById: ctx.userId,
        agent: spec.runtime,
        model: spec.requestedModel,
        provider: spec.provider,
        snapshot: spec.snapshot,
        spec,
        lastSeq: 1,
        events: {
          create: { seq: 1, type: "status", payload: { status: "pending" } },
        },
      },
    });
    await tx.auditLog.create({
      data: {
        teamId: ctx.teamId,
        actorId: ctx.userId,
        action: "trajectory.start",
        target: created.id,
        data: {
          source: input.source ?? "ui",
          runbookId: input.runbook?.id,
          revision: input.runbook?.revision,
        },
      },
    });

    return created;
  });
  await enqueueRun({ trajectoryId: trajectory.id });
  logger.info(
    { runId: trajectory.id, teamId: ctx.teamId, agent: spec.runtime },
    "run.queued",
  );

  return { trajectoryId: trajectory.id };
}

/** Run settings a caller may set over the runbook's own frontmatter. */
export interface RunOverrides {
  agent?: string;
  model?: string;
  model_provider?: string;
  snapshot?: string;
  timeout_sec?: number;
}

/** Validates a runbook text against a collection; returns the run's spec. */
async function checkRunnable(input: {
  collectionId: string;
  text: string;
  variables: Record<string, string>;
  overrides?: RunOverrides;
}): Promise<TrajectorySpec> {
  assertRunbookSize(input.text);
  const badVariable = Object.entries(input.variables).find(
    ([key, value]) => key.includes("\0") || value.includes("\0"),
  );
  if (badVariable) {
    throw new AppError(
      "validation",
      "A template variable contains a NUL character.",
    );
  }
  const parsed = parseRunbook(applyOverrides(input.text, input.overrides));
  assertValidRunbook(
    parsed,
    "The runbook cannot run",
    "its frontmatter is not valid",
  );

  const envNames = (
    await prisma.envVar.findMany({
      where: { collectionId: input.collectionId },
      select: { name: true },
    })
  ).map((row) => row.name);
  const resolved = resolveProvider({
    frontmatter: parsed.frontmatter,
    envNames,
  });
  if (!resolved.ok)
    throw new AppError("provider_unavailable", resolved.message);

  const missingSecrets = findMissingSecrets(parsed.frontmatter, envNames);
  if (missingSecrets.length > 0) {
    throw new AppError(
      "provider_unavailable",
      `The runbook needs ${missingSecrets.join(", ")} in the collection's environment`,
    );
  }

  // Placeholders are checked with stand-in values: the real ones are only
  // decrypted in the worker.
  const rendered = renderRunbookBody(parsed.body, {
    variables: input.variables,
    secrets: Object.fromEntries(envNames.map((name) => [name, "x"])),
    declaredSecrets: parsed.frontmatter.secrets,
    bodyStartLine: parsed.bodyStartLine,
  });
  const renderErrors = rendered.issues.filter((i) => i.severity !== "warning");
  if (renderErrors.length > 0) {
    throw new AppError(
      "validation",
      `The runbook cannot run: ${renderErrors[0].message}`,
      renderErrors,
    );
  }

  return {
    runtime: resolved.runtime,
    provider: resolved.provider,
    model: resolved.model,
    requestedModel: parsed.frontmatter.model ?? resolved.model,
    snapshot: parsed.frontmatter.snapshot,
    timeoutSec: parsed.frontmatter.timeout_sec,
    maxTurns: parsed.frontmatter.max_turns,
    body: parsed.body,
    bodyStartLine: parsed.bodyStartLine,
    variables: input.variables,
    secrets: parsed.frontmatter.secrets,
  };
}

/**
 * Puts API-given settings into the frontmatter text itself, so they are
 * validated, inferred and reported exactly like ones a person wrote.
 */
function applyOverrides(text: string, overrides: RunOverrides = {}): string {
  const entries = Object.entries(overrides).filter(
    ([, value]) => value !== undefined && value !== "",
  );
  if (entries.length === 0) return text;

  const lines = normalizeRunbookText(text).split("\n");
  const open = lines.findIndex((line) => line.trim() !== "");
  const close = lines.findIndex((line, i) => i > open && /^---\s*$/.test(line));
  const hasFrontmatter =
    open !== -1 && /^---\s*$/.test(lines[open]) && close !== -1;
  const document = parseDocument(
    hasFrontmatter ? lines.slice(open + 1, close).join("\n") : "",
    { uniqueKeys: false },
  );
  // Broken YAML is left for parseRunbook to report with its line.
  if (document.errors.length > 0) return text;

  for (const [key, value] of entries) document.set(key, value);
  const body = hasFrontmatter
    ? lines.slice(close + 1).join("\n")
    : lines.join("\n");

  return `---\n${document.toString()}---\n${body}`;
}
