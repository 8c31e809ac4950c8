"use client";

import { useActionState, useTransition } from "react";

import {
  createApiTokenAction,
  revokeApiTokenAction,
} from "@/app/(app)/collections/[collectionId]/settings/api-token-actions";
import { fieldErrors } from "@/components/ui/action-feedback";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { formatDateTime } from "@/components/ui/format";
import { Field, Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";

export interface ApiTokenRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** Lists a collection's API tokens and creates new ones (owners, admins). */
export function ApiTokens({
  collectionId,
  tokens,
  canManage,
}: {
  collectionId: string;
  tokens: ApiTokenRow[];
  canManage: boolean;
}) {
  const [result, submit] = useActionState(
    createApiTokenAction.bind(null, collectionId),
    null,
  );
  const [revoking, startRevoke] = useTransition();
  const errors = fieldErrors(result);

  return (
    <div className="space-y-4">
      {canManage && (
        <form action={submit} className="flex items-end gap-3" noValidate>
          <Field label="Token name" htmlFor="token-name" error={errors.name}>
            <Input id="token-name" name="name" placeholder="ci" required />
          </Field>
          <SubmitButton>Create token</SubmitButton>
        </form>
      )}
      <FormAlert result={result} />
      {result?.ok && (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="font-medium text-amber-900">
            Copy this token now: it is not shown again.
          </p>
          <div className="mt-1 flex items-start gap-2">
            <code
              data-testid="new-api-token"
              className="block flex-1 break-all font-mono text-xs"
            >
              {result.data.token}
            </code>
            <Button
              type="button"
              variant="secondary"
              onClick={() => navigator.clipboard?.writeText(result.data.token)}
            >
              Copy
            </Button>
          </div>
        </div>
      )}
      {tokens.length === 0 ? (
        <p className="text-sm text-zinc-500">No API tokens yet.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-zinc-500">
            <tr>
              <th className="py-1 font-medium">Name</th>
              <th className="py-1 font-medium">Token</th>
              <th className="py-1 font-medium">Created</th>
              <th className="py-1 font-medium">Last used</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id} className="border-t border-zinc-100">
                <td className="py-2">{token.name}</td>
                <td className="py-2 font-mono text-xs">{token.prefix}…</td>
                <td className="py-2">
                  {formatDateTime(new Date(token.createdAt))}
                </td>
                <td className="py-2">
                  {token.lastUsedAt
                    ? formatDateTime(new Date(token.lastUsedAt))
                    : "never"}
                </td>
                <td className="py-2 text-right">
                  {canManage && (
                    <Button
                      type="button"
                      variant="ghost"
                      disabled={revoking}
                      onClick={() =>
                        startRevoke(async () => {
                          await revokeApiTokenAction(collectionId, token.id);
                        })
                      }
                    >
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
