"use client";

import { useState, useTransition } from "react";

import { Button, useToast } from "@/components/ui";
import type { ActionResult } from "@/lib/action-result";

interface StopButtonProps {
  trajectoryId: string;
  alreadyRequested: boolean;
  stop(trajectoryId: string): Promise<ActionResult<null>>;
}

/** Asks the worker to stop the run; the timeline shows when it has. */
export function StopButton({
  trajectoryId,
  alreadyRequested,
  stop,
}: StopButtonProps) {
  const [requested, setRequested] = useState(alreadyRequested);
  const [pending, startTransition] = useTransition();
  const toast = useToast();

  return (
    <Button
      variant="danger"
      size="sm"
      disabled={pending || requested}
      onClick={() =>
        startTransition(async () => {
          const result = await stop(trajectoryId);
          if (result.ok) setRequested(true);
          else toast.showResult(result);
        })
      }
    >
      {requested ? "Stopping…" : "Stop"}
    </Button>
  );
}
