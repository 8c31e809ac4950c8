"use server";

import { z } from "zod";

import { action, type ActionResult } from "@/lib/action-result";
import { requireTeamContext } from "@/lib/auth/context";
import { cancelRun } from "@/lib/runs/cancel-run";

/** Asks the run to stop (Stop button). */
export async function stopRunAction(
  trajectoryId: string,
): Promise<ActionResult<null>> {
  return action(async () => {
    const id = z.string().min(1).parse(trajectoryId);
    const ctx = await requireTeamContext();
    await cancelRun({ ctx, trajectoryId: id });

    return null;
  });
}
