"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";

import { Button } from "@/components/ui";
import type { ActionResult } from "@/lib/action-result";
import {
  terminalStatuses,
  type JettyEvent,
  type TrajectoryStatus,
  type Usage,
} from "@/lib/events/schema";

import { RawLog } from "./raw-log";
import { ResultFiles, type ResultFileLink } from "./result-files";
import { StopButton } from "./stop-button";
import { TimelineList } from "./timeline-list";
import { TrajectoryHeader } from "./trajectory-header";
import { useTrajectoryEvents } from "./use-trajectory-events";

/** What the server knows about the run when the page renders. */
export interface TrajectorySnapshot {
  id: string;
  status: TrajectoryStatus;
  agent: string;
  model: string;
  provider: string;
  snapshot: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  usage: Usage | null;
  failureKind: string | null;
  failureMessage: string | null;
  cancelRequested: boolean;
  hasAgentLog: boolean;
}

interface TrajectoryViewProps {
  trajectory: TrajectorySnapshot;
  events: JettyEvent[];
  eventsCursor: number;
  eventsComplete: boolean;
  initialFiles: ResultFileLink[];
  canStop: boolean;
  stop(trajectoryId: string): Promise<ActionResult<null>>;
}

/**
 * A trajectory, live: the header, the timeline, results files and raw
 * output. Server props give the first render; SSE keeps it current, and the
 * end of the run refreshes the server's view (outcome, files, log).
 */
export function TrajectoryView({
  trajectory,
  events,
  eventsCursor,
  eventsComplete,
  initialFiles,
  canStop,
  stop,
}: TrajectoryViewProps) {
  const router = useRouter();
  const [endKey, setEndKey] = useState("initial");
  const serverTerminal = terminalStatuses.has(trajectory.status);
  const handleEnd = useCallback(() => {
    setEndKey(`ended-${Date.now()}`);
    router.refresh();
  }, [router]);
  const { timeline, connection, finalStatus, reconnect } = useTrajectoryEvents({
    trajectoryId: trajectory.id,
    initialEvents: events,
    initialCursor: eventsCursor,
    live: !serverTerminal || !eventsComplete,
    onEnd: handleEnd,
  });

  // The server's word wins once it says the run is over.
  const status = serverTerminal
    ? trajectory.status
    : (finalStatus ?? timeline.status ?? trajectory.status);
  const failed = status === "failed";
  const active = status === "pending" || status === "running";

  return (
    <div className="space-y-6">
      <TrajectoryHeader
        facts={{
          status,
          runtime: trajectory.agent,
          model: trajectory.model,
          reportedModel: timeline.model,
          provider: trajectory.provider,
          snapshot: trajectory.snapshot,
          createdAt: trajectory.createdAt,
          startedAt: trajectory.startedAt ?? timeline.startedAt,
          finishedAt: trajectory.finishedAt ?? timeline.finishedAt,
          usage: timeline.usage ?? trajectory.usage,
          failure: failed
            ? {
                kind: timeline.result?.failureKind ?? trajectory.failureKind,
                message: timeline.result?.message ?? trajectory.failureMessage,
              }
            : null,
        }}
        actions={
          <div className="flex items-center gap-3">
            <ConnectionNote state={connection} onReconnect={reconnect} />
            {active && canStop ? (
              <StopButton
                trajectoryId={trajectory.id}
                alreadyRequested={trajectory.cancelRequested}
                stop={stop}
              />
            ) : null}
          </div>
        }
      />

      <section aria-label="Timeline" className="space-y-3">
        <h2 className="text-sm font-semibold text-zinc-900">Timeline</h2>
        <TimelineList items={timeline.items} />
      </section>

      <section aria-label="Results" className="space-y-2">
        <h2 className="text-sm font-semibold text-zinc-900">Results</h2>
        <ResultFiles
          trajectoryId={trajectory.id}
          initialFiles={initialFiles}
          refreshKey={endKey}
          agentLogUrl={
            trajectory.hasAgentLog || endKey !== "initial"
              ? `/api/trajectories/${encodeURIComponent(trajectory.id)}/log`
              : null
          }
        />
      </section>

      {timeline.logs.length > 0 ? <RawLog lines={timeline.logs} /> : null}
    </div>
  );
}

function ConnectionNote({
  state,
  onReconnect,
}: {
  state: ReturnType<typeof useTrajectoryEvents>["connection"];
  onReconnect(): void;
}) {
  if (state === "open" || state === "ended") return null;
  if (state === "lost") {
    return (
      <span className="flex items-center gap-2 text-xs text-amber-700">
        Live updates stopped.
        <Button variant="ghost" size="sm" onClick={onReconnect}>
          Reconnect
        </Button>
      </span>
    );
  }

  return (
    <span className="text-xs text-zinc-500">
      {state === "connecting" ? "Connecting…" : "Reconnecting…"}
    </span>
  );
}
