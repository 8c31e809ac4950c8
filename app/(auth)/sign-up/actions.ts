"use server";

import { action, type ActionResult } from "@/lib/action-result";
import { signUp } from "@/lib/auth/sign-up";

/** Creates the account; the form then signs in with the same credentials. */
export async function signUpAction(
  _previous: ActionResult<{ userId: string }> | null,
  formData: FormData,
): Promise<ActionResult<{ userId: string }>> {
  return action(async () => {
    const { userId } = await signUp({
      name: String(formData.get("name") ?? ""),
      email: String(formData.get("email") ?? ""),
      password: String(formData.get("password") ?? ""),
    });

    return { userId };
  });
}
