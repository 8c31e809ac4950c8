import {
  parseEvent,
  trajectoryStatuses,
  type JettyEvent,
  type TrajectoryStatus,
} from "@/lib/events/schema";

export type ConnectionState =
  | "connecting"
  | "open"
  | "reconnecting"
  /** Gave up after repeated failures; subscribe again to retry. */
  | "lost"
  /** The server sent `end`: the trajectory is over. */
  | "ended";

/** The part of the browser's EventSource this module uses. */
export interface EventSourceLike {
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: "end", listener: (event: MessageEvent) => void): void;
  close(): void;
}

export interface SubscriptionOptions {
  trajectoryId: string;
  /** Resume after this seq. */
  cursor: number;
  onEvents(batch: JettyEvent[]): void;
  onState(state: ConnectionState): void;
  /** The final status the server sent with `end` (null when unreadable). */
  onEnd(status: TrajectoryStatus | null): void;
  createEventSource?(url: string): EventSourceLike;
  /** Events that arrive this close together are delivered as one batch. */
  batchMs?: number;
  maxFailures?: number;
}

/**
 * Follows a trajectory's SSE stream from a cursor. The cursor is ours and
 * every new EventSource carries it as `?after=`, because a browser only
 * resends `Last-Event-ID` on its own retries (B22). Events at or below the
 * cursor are dropped, and `end` closes the stream for good (no reconnect
 * loop). Returns the function that stops following.
 */
export function subscribeToTrajectory(
  options: SubscriptionOptions,
): () => void {
  const {
    trajectoryId,
    onEvents,
    onState,
    onEnd,
    createEventSource = (url) => new EventSource(url),
    batchMs = 50,
    maxFailures = 8,
  } = options;
  let cursor = options.cursor;
  let source: EventSourceLike | null = null;
  let stopped = false;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let buffer: JettyEvent[] = [];

  const flush = () => {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    if (buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    onEvents(batch);
  };

  const connect = () => {
    const id = encodeURIComponent(trajectoryId);
    const current = createEventSource(
      `/api/trajectories/${id}/events?after=${cursor}`,
    );
    source = current;

    current.onopen = () => {
      failures = 0;
      onState("open");
    };

    current.onmessage = (message) => {
      const seq = readSeq(message.data);
      if (seq === null || seq <= cursor) return;
      // An event that does not fit the contract is skipped, not re-asked.
      cursor = seq;
      const event = readEvent(message.data);
      if (!event) return;
      buffer.push(event);
      flushTimer ??= setTimeout(flush, batchMs);
    };

    current.addEventListener("end", (message) => {
      stopped = true;
      current.close();
      flush();
      onState("ended");
      onEnd(readEndStatus(message.data));
    });

    current.onerror = () => {
      // Closing stops the browser's own retry, which would resend the
      // first URL's `after` along with its Last-Event-ID.
      current.close();
      if (stopped) return;
      flush();
      failures += 1;
      if (failures > maxFailures) {
        onState("lost");
        return;
      }
      onState("reconnecting");
      retryTimer = setTimeout(connect, backoffMs(failures));
    };
  };

  onState("connecting");
  connect();

  return () => {
    stopped = true;
    source?.close();
    clearTimeout(retryTimer);
    flush();
  };
}

/** 1 s, 2 s, 4 s … capped at 15 s. */
export function backoffMs(failures: number): number {
  return Math.min(1000 * 2 ** (failures - 1), 15_000);
}

function readSeq(data: unknown): number | null {
  try {
    const seq = (JSON.parse(String(data)) as { seq?: unknown }).seq;

    return typeof seq === "number" && Number.isSafeInteger(seq) ? seq : null;
  } catch {
    return null;
  }
}

/** One SSE data line as an event; null when it does not fit the contract. */
export function readEvent(data: unknown): JettyEvent | null {
  try {
    const raw = JSON.parse(String(data)) as {
      seq?: unknown;
      at?: unknown;
      type?: unknown;
      payload?: unknown;
    };
    if (typeof raw.seq !== "number" || typeof raw.type !== "string") {
      return null;
    }
    const event = parseEvent(raw.type, raw.payload);

    return {
      ...event,
      seq: raw.seq,
      at: typeof raw.at === "string" ? raw.at : new Date().toISOString(),
    } as JettyEvent;
  } catch {
    return null;
  }
}

function readEndStatus(data: unknown): TrajectoryStatus | null {
  try {
    const status = (JSON.parse(String(data)) as { status?: unknown }).status;

    return trajectoryStatuses.includes(status as TrajectoryStatus)
      ? (status as TrajectoryStatus)
      : null;
  } catch {
    return null;
  }
}
