"use client";

import { useActionState } from "react";

import {
  Field,
  FormAlert,
  Input,
  SubmitButton,
  fieldErrors,
} from "@/components/ui";

import { createRunbookAction } from "./actions";

/** Title in, runbook out: the editor opens on the starter text. */
export function NewRunbookForm({ collectionId }: { collectionId: string }) {
  const [result, formAction] = useActionState(createRunbookAction, null);
  const errors = fieldErrors(result);

  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="collectionId" value={collectionId} />
      <FormAlert result={result} />
      <Field label="Title" htmlFor="title" error={errors.title}>
        <Input
          id="title"
          name="title"
          required
          maxLength={120}
          autoFocus
          placeholder="Audit the dependencies"
          invalid={Boolean(errors.title)}
        />
      </Field>
      <p className="text-sm text-zinc-500">
        The runbook starts from a template for claude-code that writes its
        report to <code>{"{{results_dir}}/report.md"}</code>; change it in the
        editor.
      </p>
      <SubmitButton pendingLabel="Creating…">Create runbook</SubmitButton>
    </form>
  );
}
