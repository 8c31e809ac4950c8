import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import {
  subscribeToTrajectory,
  type ConnectionState,
  type EventSourceLike,
} from "@/components/trajectory/trajectory-subscription";
import type { JettyEvent, TrajectoryStatus } from "@/lib/events/schema";

/**
 * Stand-in for the browser's EventSource, which Node does not provide
 * without a flag: it records the URLs asked for, and the test plays the
 * server's side.
 */
class ScriptedEventSource implements EventSourceLike {
  static opened: ScriptedEventSource[] = [];
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  private endListener: ((event: MessageEvent) => void) | null = null;

  constructor(readonly url: string) {
    ScriptedEventSource.opened.push(this);
  }

  addEventListener(_type: "end", listener: (event: MessageEvent) => void) {
    this.endListener = listener;
  }

  close() {
    this.closed = true;
  }

  open() {
    this.onopen?.(new Event("open"));
  }

  send(seq: number, text = `event ${seq}`) {
    const data = JSON.stringify({
      seq,
      at: "2026-01-01T00:00:00.000Z",
      type: "message",
      payload: { role: "assistant", text },
    });
    this.onmessage?.(new MessageEvent("message", { data }));
  }

  sendRaw(data: string) {
    this.onmessage?.(new MessageEvent("message", { data }));
  }

  end(status: string) {
    const data = JSON.stringify({ status });
    this.endListener?.(new MessageEvent("end", { data }));
  }

  fail() {
    this.onerror?.(new Event("error"));
  }
}

function follow(cursor: number) {
  const received: JettyEvent[] = [];
  const states: ConnectionState[] = [];
  const ends: (TrajectoryStatus | null)[] = [];
  const stop = subscribeToTrajectory({
    trajectoryId: "traj 1",
    cursor,
    onEvents: (batch) => received.push(...batch),
    onState: (state) => states.push(state),
    onEnd: (status) => ends.push(status),
    createEventSource: (url) => new ScriptedEventSource(url),
    batchMs: 10,
    maxFailures: 2,
  });

  return {
    received,
    states,
    ends,
    stop,
    seqs: () => received.map((e) => e.seq),
  };
}

const current = () => ScriptedEventSource.opened.at(-1)!;

beforeEach(() => {
  ScriptedEventSource.opened = [];
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("subscribeToTrajectory", () => {
  it("starts after the history the page already has", () => {
    follow(12);

    expect(current().url).toBe("/api/trajectories/traj%201/events?after=12");
  });

  it("reconnects with its own cursor after a drop (B22)", () => {
    const run = follow(0);
    current().open();
    for (const seq of [1, 2, 3, 4, 5]) current().send(seq);
    current().fail();

    expect(ScriptedEventSource.opened[0].closed).toBe(true);
    vi.advanceTimersByTime(1000);

    expect(ScriptedEventSource.opened).toHaveLength(2);
    expect(current().url).toBe("/api/trajectories/traj%201/events?after=5");
    expect(run.states).toEqual(["connecting", "open", "reconnecting"]);
  });

  it("delivers each seq once when a server replays", () => {
    const run = follow(2);
    current().send(2);
    current().send(3);
    current().send(3);
    current().send(1);
    current().send(4);
    vi.advanceTimersByTime(10);

    expect(run.seqs()).toEqual([3, 4]);
  });

  it("delivers events that arrive together as one batch", () => {
    const batches: number[][] = [];
    subscribeToTrajectory({
      trajectoryId: "t",
      cursor: 0,
      onEvents: (batch) => batches.push(batch.map((e) => e.seq)),
      onState: () => {},
      onEnd: () => {},
      createEventSource: (url) => new ScriptedEventSource(url),
      batchMs: 10,
    });
    current().send(1);
    current().send(2);
    vi.advanceTimersByTime(10);
    current().send(3);
    vi.advanceTimersByTime(10);

    expect(batches).toEqual([[1, 2], [3]]);
  });

  it("closes on end, flushes what it has, and never reconnects", () => {
    const run = follow(0);
    current().send(1);
    current().end("completed");
    current().fail();
    vi.advanceTimersByTime(60_000);

    expect(run.seqs()).toEqual([1]);
    expect(run.ends).toEqual(["completed"]);
    expect(run.states.at(-1)).toBe("ended");
    expect(current().closed).toBe(true);
    expect(ScriptedEventSource.opened).toHaveLength(1);
  });

  it("gives up after repeated failures instead of looping", () => {
    const run = follow(0);
    current().fail();
    vi.advanceTimersByTime(1000);
    current().fail();
    vi.advanceTimersByTime(2000);
    current().fail();
    vi.advanceTimersByTime(60_000);

    expect(ScriptedEventSource.opened).toHaveLength(3);
    expect(run.states.at(-1)).toBe("lost");
  });

  it("skips an event that does not fit the contract but moves past it", () => {
    const run = follow(0);
    current().sendRaw(
      JSON.stringify({ seq: 1, at: "x", type: "message", payload: {} }),
    );
    current().send(2);
    vi.advanceTimersByTime(10);
    current().fail();
    vi.advanceTimersByTime(1000);

    expect(run.seqs()).toEqual([2]);
    expect(current().url).toContain("after=2");
  });

  it("stops following when asked", () => {
    const run = follow(0);
    run.stop();
    current().fail();
    vi.advanceTimersByTime(60_000);

    expect(current().closed).toBe(true);
    expect(ScriptedEventSource.opened).toHaveLength(1);
  });
});
