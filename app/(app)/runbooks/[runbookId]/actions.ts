"use server";

import { z } from "zod";

import { action, type ActionResult } from "@/lib/action-result";
import { requireTeamContext } from "@/lib/auth/context";
import type { Issue } from "@/lib/errors";
import { saveRunbookRevision } from "@/lib/runbooks/save-runbook-revision";
import { startRun } from "@/lib/runs/start-run";

const saveInput = z.object({
  runbookId: z.string().min(1),
  text: z.string(),
  baseRevision: z.number().int().nonnegative().optional(),
});

export interface SavedRevision {
  number: number;
  created: boolean;
  warnings: Issue[];
}

/** Saves the editor's text as a new revision of the runbook. */
export async function saveRunbookAction(
  input: z.input<typeof saveInput>,
): Promise<ActionResult<SavedRevision>> {
  return action(async () => {
    const { runbookId, text, baseRevision } = saveInput.parse(input);
    const ctx = await requireTeamContext();
    const saved = await saveRunbookRevision({
      ctx,
      runbookId,
      text,
      baseRevision,
    });

    return {
      number: saved.revision.number,
      created: saved.created,
      warnings: saved.warnings,
    };
  });
}

/** Starts a run of the runbook's latest revision. */
export async function runRunbookAction(
  runbookId: string,
): Promise<ActionResult<{ trajectoryId: string }>> {
  return action(async () => {
    const id = z.string().min(1).parse(runbookId);
    const ctx = await requireTeamContext();

    return startRun({ ctx, runbookId: id });
  });
}
