import {
  terminalStatuses,
  type EventPayload,
  type FailureKind,
  type JettyEvent,
  type TokenCounts,
  type TrajectoryStatus,
  type Usage,
} from "@/lib/events/schema";

/**
 * Folds a trajectory's events into what the viewer draws. Pure and
 * incremental: `applyEvents` takes a batch and returns a new state, copying
 * only what the batch touched, so a run with thousands of events stays fast.
 */

export interface ToolOutcome {
  output: string;
  isError: boolean;
}

export type TimelineBlock =
  | { kind: "text"; key: string; text: string }
  | { kind: "thinking"; key: string; text: string }
  | {
      kind: "tool";
      key: string;
      callId: string;
      /** Null while only the result has arrived (its call was not seen). */
      name: string | null;
      input: unknown;
      result: ToolOutcome | null;
    };

/** One model response: the blocks that share a stepId, in arrival order. */
export interface TimelineStep {
  kind: "step";
  key: string;
  at: string;
  stepId: string | null;
  blocks: TimelineBlock[];
  /** The response's own token counts, the largest seen per field (B04). */
  usage: TokenCounts | null;
}

export type TimelineItem =
  | TimelineStep
  | { kind: "user"; key: string; at: string; text: string }
  | {
      kind: "init";
      key: string;
      at: string;
      runtime: string;
      model: string | null;
      version: string | null;
    }
  | {
      kind: "status";
      key: string;
      at: string;
      status: TrajectoryStatus;
      detail: string | null;
    }
  | {
      kind: "error";
      key: string;
      at: string;
      fatal: boolean;
      message: string;
      failureKind: FailureKind | null;
      httpStatus: number | null;
    }
  | { kind: "result"; key: string; at: string; card: ResultCard };

export interface LogLine {
  seq: number;
  at: string;
  stream: EventPayload<"log">["stream"];
  level: EventPayload<"log">["level"];
  text: string;
}

/** What the result card says; built by `toResultCard`. */
export interface ResultCard {
  success: boolean;
  title: string;
  failureKind: FailureKind | null;
  message: string | null;
  /** The agent's final answer; never an error text (B01). */
  answer: string | null;
  exitCode: number | null;
  resultFiles: number | null;
  durationMs: number | null;
  /** Set when a "success" carries no text and no tokens (B09 guard). */
  suspicious: string | null;
}

export interface TimelineState {
  items: TimelineItem[];
  logs: LogLine[];
  /** The highest seq applied; anything at or below it is a duplicate. */
  lastSeq: number;
  status: TrajectoryStatus | null;
  /** When the first `running` status and the terminal one arrived. */
  startedAt: string | null;
  finishedAt: string | null;
  usage: Usage | null;
  runtime: string | null;
  model: string | null;
  result: ResultCard | null;
  /** stepId → index in `items`. */
  stepIndex: ReadonlyMap<string, number>;
  /** tool call id → [item index, block index]. */
  toolIndex: ReadonlyMap<string, readonly [number, number]>;
  /** Index of the step that stepless blocks still join, or null. */
  openStep: number | null;
  fatalMessages: readonly string[];
  assistantTextSeen: boolean;
}

export const emptyTimeline: TimelineState = {
  items: [],
  logs: [],
  lastSeq: 0,
  status: null,
  startedAt: null,
  finishedAt: null,
  usage: null,
  runtime: null,
  model: null,
  result: null,
  stepIndex: new Map(),
  toolIndex: new Map(),
  openStep: null,
  fatalMessages: [],
  assistantTextSeen: false,
};

/** Folds a list of events from scratch. */
export function buildTimeline(events: readonly JettyEvent[]): TimelineState {
  return applyEvents(emptyTimeline, events);
}

/** Applies a batch of events; duplicates (seq already applied) are dropped. */
export function applyEvents(
  state: TimelineState,
  events: readonly JettyEvent[],
): TimelineState {
  const fresh = events
    .filter((e) => e.seq > state.lastSeq)
    .sort((a, b) => a.seq - b.seq);
  if (fresh.length === 0) return state;

  const draft = new Draft(state);
  let previousSeq = state.lastSeq;
  for (const event of fresh) {
    // Two copies of one seq inside the same batch.
    if (event.seq === previousSeq) continue;
    previousSeq = event.seq;
    draft.apply(event);
  }

  return draft.finish();
}

/** The result card for a `result` event, keeping error texts out of the answer. */
export function toResultCard(
  result: EventPayload<"result">,
  context: { fatalMessages: readonly string[]; assistantTextSeen: boolean },
): ResultCard {
  const kind = result.kind ?? null;
  const message = result.message?.trim() || null;
  const text = result.text?.trim() || null;
  const isErrorText =
    text !== null && (text === message || context.fatalMessages.includes(text));
  const answer = text !== null && !isErrorText ? text : null;
  const tokens = result.usage ? result.usage.input + result.usage.output : null;
  const suspicious =
    result.success && !answer && !context.assistantTextSeen && tokens === 0
      ? "The agent reported success but wrote no text and used no tokens."
      : null;

  return {
    success: result.success,
    title: resultTitle(result.success, kind),
    failureKind: result.success ? null : kind,
    message,
    answer,
    exitCode: result.exitCode ?? null,
    resultFiles: result.resultFiles ?? null,
    durationMs: result.durationMs ?? null,
    suspicious,
  };
}

function resultTitle(success: boolean, kind: FailureKind | null): string {
  if (success) return "Completed";
  if (kind === "cancelled") return "Stopped by user";
  if (kind === "timeout") return "Timed out";

  return "Failed";
}

/**
 * A copy-on-write view of a state for one batch: each item is copied the
 * first time the batch changes it, then changed in place.
 */
class Draft {
  private readonly s: TimelineState;
  private readonly items: TimelineItem[];
  private readonly copied = new Set<number>();
  private logs: LogLine[] | null = null;
  private readonly stepIndex: Map<string, number>;
  private readonly toolIndex: Map<string, readonly [number, number]>;
  private fatalMessages: string[] | null = null;
  private patch: Partial<TimelineState> = {};

  constructor(state: TimelineState) {
    this.s = state;
    this.items = [...state.items];
    this.stepIndex = new Map(state.stepIndex);
    this.toolIndex = new Map(state.toolIndex);
  }

  finish(): TimelineState {
    return {
      ...this.s,
      ...this.patch,
      items: this.items,
      logs: this.logs ?? this.s.logs,
      stepIndex: this.stepIndex,
      toolIndex: this.toolIndex,
      fatalMessages: this.fatalMessages ?? this.s.fatalMessages,
    };
  }

  apply(event: JettyEvent): void {
    this.patch.lastSeq = event.seq;
    const key = `e${event.seq}`;

    switch (event.type) {
      case "message":
        if (event.payload.role === "user") {
          this.closeOpenStep();
          this.items.push({
            kind: "user",
            key,
            at: event.at,
            text: event.payload.text,
          });

          return;
        }
        if (event.payload.text.trim()) this.patch.assistantTextSeen = true;
        this.addText("text", event, event.payload.text, event.payload.stepId);

        return;
      case "thinking":
        this.addText(
          "thinking",
          event,
          event.payload.text,
          event.payload.stepId,
        );

        return;
      case "tool.call":
        this.addToolCall(event, event.payload);

        return;
      case "tool.result":
        this.addToolResult(event, event.payload);

        return;
      case "usage":
        this.addUsage(event.payload);

        return;
      case "log":
        this.logs ??= [...this.s.logs];
        this.logs.push({
          seq: event.seq,
          at: event.at,
          stream: event.payload.stream,
          level: event.payload.level,
          text: event.payload.text,
        });

        return;
      case "status":
        this.closeOpenStep();
        this.patch.status = event.payload.status;
        if (event.payload.status === "running" && !this.current("startedAt")) {
          this.patch.startedAt = event.at;
        }
        if (terminalStatuses.has(event.payload.status)) {
          this.patch.finishedAt = event.at;
        }
        this.items.push({
          kind: "status",
          key,
          at: event.at,
          status: event.payload.status,
          detail: event.payload.detail ?? null,
        });

        return;
      case "agent.init":
        this.closeOpenStep();
        this.patch.runtime = event.payload.runtime;
        if (event.payload.model) this.patch.model = event.payload.model;
        this.items.push({
          kind: "init",
          key,
          at: event.at,
          runtime: event.payload.runtime,
          model: event.payload.model ?? null,
          version: event.payload.version ?? null,
        });

        return;
      case "error":
        this.closeOpenStep();
        if (event.payload.fatal) {
          this.fatalMessages ??= [...this.s.fatalMessages];
          this.fatalMessages.push(event.payload.message.trim());
        }
        this.items.push({
          kind: "error",
          key,
          at: event.at,
          fatal: event.payload.fatal,
          message: event.payload.message,
          failureKind: event.payload.kind ?? null,
          httpStatus: event.payload.httpStatus ?? null,
        });

        return;
      case "result": {
        this.closeOpenStep();
        const card = toResultCard(event.payload, {
          fatalMessages: this.fatalMessages ?? this.s.fatalMessages,
          assistantTextSeen: this.current("assistantTextSeen"),
        });
        // The result's totals are the authority over the running estimate.
        if (event.payload.usage) this.patch.usage = event.payload.usage;
        this.patch.result = card;
        this.items.push({ kind: "result", key, at: event.at, card });

        return;
      }
    }
  }

  private current<K extends keyof TimelineState>(name: K): TimelineState[K] {
    return (
      name in this.patch ? this.patch[name] : this.s[name]
    ) as TimelineState[K];
  }

  private closeOpenStep(): void {
    this.patch.openStep = null;
  }

  /** The step a block with this stepId belongs to, created when new. */
  private stepFor(event: JettyEvent, stepId: string | undefined): number {
    if (stepId) {
      const known = this.stepIndex.get(stepId);
      if (known !== undefined) return known;
      this.closeOpenStep();

      return this.pushStep(event, stepId);
    }
    const open = this.current("openStep");
    if (open !== null) return open;
    const index = this.pushStep(event, null);
    this.patch.openStep = index;

    return index;
  }

  private pushStep(event: JettyEvent, stepId: string | null): number {
    const index = this.items.length;
    this.items.push({
      kind: "step",
      key: `e${event.seq}`,
      at: event.at,
      stepId,
      blocks: [],
      usage: null,
    });
    this.copied.add(index);
    if (stepId) this.stepIndex.set(stepId, index);

    return index;
  }

  private editStep(index: number): TimelineStep {
    const item = this.items[index] as TimelineStep;
    if (this.copied.has(index)) return item;
    const copy: TimelineStep = { ...item, blocks: [...item.blocks] };
    this.items[index] = copy;
    this.copied.add(index);

    return copy;
  }

  private addText(
    kind: "text" | "thinking",
    event: JettyEvent,
    text: string,
    stepId: string | undefined,
  ): void {
    const step = this.editStep(this.stepFor(event, stepId));
    const last = step.blocks.at(-1);
    // Streamed pieces (deltas) of one block arrive as separate events.
    if (last && last.kind === kind) {
      step.blocks[step.blocks.length - 1] = { ...last, text: last.text + text };

      return;
    }
    step.blocks.push({ kind, key: `e${event.seq}`, text });
  }

  private addToolCall(
    event: JettyEvent,
    call: EventPayload<"tool.call">,
  ): void {
    const seen = this.toolIndex.get(call.id);
    if (seen) {
      // The result came first; fill in what the call says.
      this.updateTool(seen, { name: call.name, input: call.input });

      return;
    }
    const index = this.stepFor(event, call.stepId);
    const step = this.editStep(index);
    step.blocks.push({
      kind: "tool",
      key: `e${event.seq}`,
      callId: call.id,
      name: call.name,
      input: call.input,
      result: null,
    });
    this.toolIndex.set(call.id, [index, step.blocks.length - 1]);
  }

  private addToolResult(
    event: JettyEvent,
    result: EventPayload<"tool.result">,
  ): void {
    // The model answers in a new step once a tool result is back.
    this.closeOpenStep();
    const outcome = { output: result.output, isError: result.isError };
    const seen = this.toolIndex.get(result.callId);
    if (seen) {
      this.updateTool(seen, { result: outcome });

      return;
    }
    const index = this.pushStep(event, null);
    const step = this.items[index] as TimelineStep;
    step.blocks.push({
      kind: "tool",
      key: `e${event.seq}`,
      callId: result.callId,
      name: null,
      input: undefined,
      result: outcome,
    });
    this.toolIndex.set(result.callId, [index, 0]);
  }

  private updateTool(
    [index, blockIndex]: readonly [number, number],
    change: Partial<Extract<TimelineBlock, { kind: "tool" }>>,
  ): void {
    const step = this.editStep(index);
    const block = step.blocks[blockIndex];
    if (block?.kind !== "tool") return;
    step.blocks[blockIndex] = { ...block, ...change };
  }

  private addUsage(usage: EventPayload<"usage">): void {
    this.patch.usage = usage.total;
    if (!usage.stepId || !usage.step) return;
    const index = this.stepIndex.get(usage.stepId);
    if (index === undefined) return;
    const step = this.editStep(index);
    step.usage = maxCounts(step.usage, usage.step);
  }
}

function maxCounts(a: TokenCounts | null, b: TokenCounts): TokenCounts {
  if (!a) return { ...b };

  return {
    input: Math.max(a.input, b.input),
    output: Math.max(a.output, b.output),
    cacheRead: Math.max(a.cacheRead, b.cacheRead),
    cacheWrite: Math.max(a.cacheWrite, b.cacheWrite),
  };
}
