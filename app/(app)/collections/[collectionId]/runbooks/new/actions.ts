"use server";

import { redirect } from "next/navigation";
import { z } from "zod";

import { action, type ActionResult } from "@/lib/action-result";
import { requireTeamContext } from "@/lib/auth/context";
import { createRunbook } from "@/lib/runbooks/create-runbook";

const createInput = z.object({
  collectionId: z.string().min(1),
  title: z.string(),
});

/** Creates a runbook from the starter text and opens it in the editor. */
export async function createRunbookAction(
  _previous: ActionResult<null> | null,
  form: FormData,
): Promise<ActionResult<null>> {
  const result = await action(async () => {
    const input = createInput.parse({
      collectionId: form.get("collectionId"),
      title: form.get("title") ?? "",
    });
    const ctx = await requireTeamContext();

    return createRunbook({ ctx, ...input });
  });
  if (!result.ok) return result;

  redirect(`/runbooks/${result.data.runbookId}`);
}
