"use client";

import { useActionState, useEffect, useState } from "react";

import { setEnvVarAction } from "@/app/(app)/collections/actions";
import { fieldErrors } from "@/components/ui/action-feedback";
import { FormAlert } from "@/components/ui/form-alert";
import { Field, Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import type { SuggestedEnvVar } from "@/lib/collections/provider-env-names";

// The two most runbooks need, offered as one-click names.
const quickNames = ["ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL"];

/** Sets a variable; the value field is write-only and never pre-filled. */
export function EnvVarForm({
  collectionId,
  suggestions,
}: {
  collectionId: string;
  suggestions: readonly SuggestedEnvVar[];
}) {
  const [result, submit] = useActionState(
    setEnvVarAction.bind(null, collectionId),
    null,
  );
  const [name, setName] = useState("");
  const errors = fieldErrors(result);
  const suggestion = suggestions.find((s) => s.name === name);

  // After a save the form starts over; after a failure the name stays so
  // it can be corrected (the value is always cleared: it is write-only).
  useEffect(() => {
    if (result?.ok) setName("");
  }, [result]);

  return (
    <form action={submit} className="space-y-4" noValidate>
      <div className="flex flex-wrap gap-2">
        {quickNames.map((quick) => (
          <button
            key={quick}
            type="button"
            onClick={() => setName(quick)}
            className="rounded-full border border-zinc-300 px-2.5 py-0.5 font-mono text-xs text-zinc-700 hover:bg-zinc-50"
          >
            {quick}
          </button>
        ))}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Name"
          htmlFor="env-name"
          error={errors.name}
          hint={
            suggestion
              ? `${suggestion.provider}: ${suggestion.description}`
              : "e.g. OPENAI_API_KEY"
          }
        >
          <Input
            id="env-name"
            name="name"
            list="env-name-suggestions"
            value={name}
            onChange={(e) => setName(e.target.value.toUpperCase())}
            autoComplete="off"
            spellCheck={false}
            className="font-mono"
            invalid={Boolean(errors.name)}
            required
          />
          <datalist id="env-name-suggestions">
            {suggestions.map((s) => (
              <option key={s.name} value={s.name}>
                {s.provider}: {s.description}
              </option>
            ))}
          </datalist>
        </Field>
        <Field
          label="Value"
          htmlFor="env-value"
          error={errors.value}
          hint="Stored encrypted. Nobody can read it back here, only replace it."
        >
          <Input
            id="env-value"
            name="value"
            type="password"
            autoComplete="new-password"
            spellCheck={false}
            className="font-mono"
            invalid={Boolean(errors.value)}
            required
          />
        </Field>
      </div>
      <div className="flex items-center justify-between gap-4">
        <FormAlert
          result={
            result && !result.ok && result.error.issues.length > 0
              ? null
              : result
          }
          success={result?.ok ? `${result.data.name} saved.` : undefined}
          className="flex-1"
        />
        <SubmitButton pendingLabel="Saving…" className="ml-auto">
          Save variable
        </SubmitButton>
      </div>
    </form>
  );
}
