"use client";

import { useActionState } from "react";

import { createCollectionAction } from "@/app/(app)/collections/actions";
import { fieldErrors } from "@/components/ui/action-feedback";
import { FormAlert } from "@/components/ui/form-alert";
import { Input, Label } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";

export function CreateCollectionForm() {
  const [result, submit] = useActionState(createCollectionAction, null);
  const errors = fieldErrors(result);

  return (
    <form action={submit} className="space-y-2" noValidate>
      <Label htmlFor="collection-name">New collection</Label>
      <div className="flex gap-2">
        <Input
          id="collection-name"
          name="name"
          placeholder="e.g. Data pipelines"
          required
          maxLength={80}
          invalid={Boolean(errors.name)}
          aria-describedby={errors.name ? "collection-name-error" : undefined}
        />
        <SubmitButton pendingLabel="Creating…">Create</SubmitButton>
      </div>
      {errors.name ? (
        <p id="collection-name-error" className="text-sm text-red-600">
          {errors.name}
        </p>
      ) : (
        <FormAlert result={result} />
      )}
    </form>
  );
}
