"use client";

import { useTransition } from "react";

import { deleteEnvVarAction } from "@/app/(app)/collections/actions";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";

export function DeleteEnvVarButton({
  collectionId,
  name,
}: {
  collectionId: string;
  name: string;
}) {
  const [pending, startTransition] = useTransition();
  const { showResult } = useToast();

  return (
    <Button
      variant="ghost"
      size="sm"
      disabled={pending}
      aria-label={`Delete ${name}`}
      onClick={() => {
        if (!window.confirm(`Delete ${name}? Runs will no longer get it.`)) {
          return;
        }
        startTransition(async () => {
          showResult(
            await deleteEnvVarAction(collectionId, name),
            `${name} deleted.`,
          );
        });
      }}
    >
      {pending ? "Deleting…" : "Delete"}
    </Button>
  );
}
