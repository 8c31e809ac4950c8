"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useActionState } from "react";

import { fieldErrors } from "@/components/ui/action-feedback";
import { FormAlert } from "@/components/ui/form-alert";
import { Field, Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult } from "@/lib/action-result";

import { signUpAction } from "./actions";

interface State {
  result: ActionResult<{ userId: string }> | null;
  // React resets a form after its action; these refill it (never the
  // password).
  values: { name: string; email: string };
}

const initialState: State = { result: null, values: { name: "", email: "" } };

export function SignUpForm() {
  const router = useRouter();
  const [state, submit] = useActionState(
    async (previous: State, formData: FormData): Promise<State> => {
      const values = {
        name: String(formData.get("name") ?? ""),
        email: String(formData.get("email") ?? ""),
      };
      const created = await signUpAction(previous.result, formData);
      if (!created.ok) return { result: created, values };

      const signedIn = await signIn("credentials", {
        email: String(formData.get("email") ?? ""),
        password: String(formData.get("password") ?? ""),
        redirect: false,
      });
      router.replace(signedIn?.ok ? "/collections" : "/sign-in");
      router.refresh();

      return { result: created, values };
    },
    initialState,
  );
  const { result, values } = state;
  const errors = fieldErrors(result);

  return (
    <form action={submit} className="space-y-4" noValidate>
      <FormAlert result={result} />
      <Field label="Name" htmlFor="name" error={errors.name} hint="Optional">
        <Input
          id="name"
          name="name"
          autoComplete="name"
          defaultValue={values.name}
        />
      </Field>
      <Field label="Email" htmlFor="email" error={errors.email}>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={values.email}
          invalid={Boolean(errors.email)}
        />
      </Field>
      <Field
        label="Password"
        htmlFor="password"
        error={errors.password}
        hint="At least 8 characters."
      >
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          invalid={Boolean(errors.password)}
        />
      </Field>
      <SubmitButton className="w-full" pendingLabel="Creating account…">
        Create account
      </SubmitButton>
    </form>
  );
}
