"use client";

import { useEffect, useReducer, useRef, useState } from "react";

import type { JettyEvent, TrajectoryStatus } from "@/lib/events/schema";
import {
  applyEvents,
  buildTimeline,
  type TimelineState,
} from "@/lib/trajectories/timeline";

import {
  subscribeToTrajectory,
  type ConnectionState,
} from "./trajectory-subscription";

interface Options {
  trajectoryId: string;
  /** Events already rendered by the server, in seq order. */
  initialEvents: JettyEvent[];
  /** The seq to resume after (the last stored event the server read). */
  initialCursor: number;
  /** False when the run is over and every event is in `initialEvents`. */
  live: boolean;
  /** Called once when the server says the trajectory is over. */
  onEnd?(status: TrajectoryStatus | null): void;
}

/**
 * A trajectory's timeline: the server's history first, then live events
 * over SSE from where that history stops (see subscribeToTrajectory).
 */
export function useTrajectoryEvents({
  trajectoryId,
  initialEvents,
  initialCursor,
  live,
  onEnd,
}: Options): {
  timeline: TimelineState;
  connection: ConnectionState;
  finalStatus: TrajectoryStatus | null;
  reconnect(): void;
} {
  const [timeline, dispatch] = useReducer(
    (state: TimelineState, batch: JettyEvent[]) => applyEvents(state, batch),
    initialEvents,
    buildTimeline,
  );
  const [connection, setConnection] = useState<ConnectionState>(
    live ? "connecting" : "ended",
  );
  const [finalStatus, setFinalStatus] = useState<TrajectoryStatus | null>(null);
  const [attempt, setAttempt] = useState(0);
  // Survives reconnects and re-subscriptions; only ever moves forward.
  const cursor = useRef(Math.max(initialCursor, timeline.lastSeq));
  const onEndRef = useRef(onEnd);

  useEffect(() => {
    onEndRef.current = onEnd;
  }, [onEnd]);

  useEffect(() => {
    if (!live) return;

    return subscribeToTrajectory({
      trajectoryId,
      cursor: cursor.current,
      onEvents(batch) {
        cursor.current = Math.max(cursor.current, batch.at(-1)?.seq ?? 0);
        dispatch(batch);
      },
      onState: setConnection,
      onEnd(status) {
        setFinalStatus(status);
        onEndRef.current?.(status);
      },
    });
  }, [trajectoryId, live, attempt]);

  return {
    timeline,
    connection,
    finalStatus,
    reconnect: () => setAttempt((n) => n + 1),
  };
}
