"use server";

import { revalidatePath } from "next/cache";

import { action, type ActionResult } from "@/lib/action-result";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";
import { requireTeamContext } from "@/lib/auth/context";

/** Creates an API token; its value is shown once, in this answer only. */
export async function createApiTokenAction(
  collectionId: string,
  _previous: ActionResult<{ token: string; prefix: string }> | null,
  formData: FormData,
): Promise<ActionResult<{ token: string; prefix: string }>> {
  const result = await action(async () => {
    const ctx = await requireTeamContext();
    const { token, prefix } = await createApiToken({
      ctx,
      collectionId,
      name: String(formData.get("name") ?? ""),
    });

    return { token, prefix };
  });
  if (result.ok) revalidatePath(`/collections/${collectionId}/settings`);

  return result;
}

/** Revokes an API token of the team. */
export async function revokeApiTokenAction(
  collectionId: string,
  tokenId: string,
): Promise<ActionResult<null>> {
  const result = await action(async () => {
    const ctx = await requireTeamContext();
    await revokeApiToken({ ctx, tokenId });

    return null;
  });
  if (result.ok) revalidatePath(`/collections/${collectionId}/settings`);

  return result;
}
