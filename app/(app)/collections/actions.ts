"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { action, type ActionResult } from "@/lib/action-result";
import { requireTeamContext } from "@/lib/auth/context";
import { createCollection } from "@/lib/collections/create-collection";
import { deleteEnvVar } from "@/lib/collections/delete-env-var";
import { setEnvVar, type SetEnvVarResult } from "@/lib/collections/set-env-var";

/** Creates a collection and opens it. */
export async function createCollectionAction(
  _previous: ActionResult<{ id: string }> | null,
  formData: FormData,
): Promise<ActionResult<{ id: string }>> {
  const result = await action(async () => {
    const ctx = await requireTeamContext();
    const collection = await createCollection({
      ctx,
      name: String(formData.get("name") ?? ""),
    });

    return { id: collection.id };
  });
  if (result.ok) {
    revalidatePath("/collections");
    redirect(`/collections/${result.data.id}`);
  }

  return result;
}

/** Sets one environment variable of a collection (owners and admins). */
export async function setEnvVarAction(
  collectionId: string,
  _previous: ActionResult<SetEnvVarResult> | null,
  formData: FormData,
): Promise<ActionResult<SetEnvVarResult>> {
  const result = await action(async () => {
    const ctx = await requireTeamContext();

    return setEnvVar({
      ctx,
      collectionId,
      name: String(formData.get("name") ?? ""),
      value: String(formData.get("value") ?? ""),
    });
  });
  if (result.ok) revalidatePath(`/collections/${collectionId}/settings`);

  return result;
}

/** Removes one environment variable of a collection (owners and admins). */
export async function deleteEnvVarAction(
  collectionId: string,
  name: string,
): Promise<ActionResult<{ name: string }>> {
  const result = await action(async () => {
    const ctx = await requireTeamContext();

    return deleteEnvVar({ ctx, collectionId, name });
  });
  if (result.ok) revalidatePath(`/collections/${collectionId}/settings`);

  return result;
}
