"use client";

import { useEffect, useState, type ReactNode } from "react";

import { StatusBadge } from "@/components/ui";
import type { TrajectoryStatus, Usage } from "@/lib/events/schema";

import { formatCost, formatDuration, formatTokens } from "./format";

export interface TrajectoryFacts {
  status: TrajectoryStatus;
  runtime: string;
  model: string;
  /** What the agent itself reports running, when it differs. */
  reportedModel: string | null;
  provider: string;
  snapshot: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  usage: Usage | null;
  failure: { kind: string | null; message: string | null } | null;
}

/** The run at a glance: status, runtime, timing, tokens and cost. */
export function TrajectoryHeader({
  facts,
  actions,
}: {
  facts: TrajectoryFacts;
  actions?: ReactNode;
}) {
  const running = facts.status === "running";
  const now = useNow(running && !facts.finishedAt);
  const end = facts.finishedAt ? Date.parse(facts.finishedAt) : now;
  const duration =
    facts.startedAt && end !== null ? end - Date.parse(facts.startedAt) : null;

  return (
    <section className="space-y-3 rounded-lg border border-zinc-200 bg-white px-5 py-4 shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <StatusBadge status={facts.status} />
        {actions}
      </div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
        <Fact label="Runtime">{facts.runtime}</Fact>
        <Fact label="Model">
          {facts.model}
          {facts.reportedModel && facts.reportedModel !== facts.model ? (
            <span className="text-zinc-500">
              {" "}
              (agent: {facts.reportedModel})
            </span>
          ) : null}
        </Fact>
        <Fact label="Provider">{facts.provider}</Fact>
        <Fact label="Snapshot">{facts.snapshot}</Fact>
        <Fact label="Started">
          {facts.startedAt ? (
            <LocalTime iso={facts.startedAt} />
          ) : (
            <span className="text-zinc-500">waiting for a worker</span>
          )}
        </Fact>
        <Fact label="Duration">
          {duration !== null ? formatDuration(duration) : "—"}
        </Fact>
        <Fact label="Tokens">
          {facts.usage ? (
            <span title="input / output / cache read / cache write">
              {formatTokens(facts.usage.input)} in ·{" "}
              {formatTokens(facts.usage.output)} out ·{" "}
              {formatTokens(facts.usage.cacheRead)} cache read ·{" "}
              {formatTokens(facts.usage.cacheWrite)} cache write
            </span>
          ) : (
            "—"
          )}
        </Fact>
        <Fact label="Cost">{facts.usage ? formatCost(facts.usage) : "—"}</Fact>
      </dl>
      {facts.failure ? (
        <p
          role="alert"
          className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          <span className="font-medium">
            Failed{facts.failure.kind ? ` (${facts.failure.kind})` : ""}
          </span>
          {facts.failure.message ? `: ${facts.failure.message}` : ""}
        </p>
      ) : null}
    </section>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd className="break-words text-zinc-900">{children}</dd>
    </div>
  );
}

/** A time in the viewer's own zone; the server renders it in UTC. */
function LocalTime({ iso }: { iso: string }) {
  const [text, setText] = useState(
    () => iso.replace("T", " ").slice(0, 19) + " UTC",
  );

  useEffect(() => {
    setText(new Date(iso).toLocaleString());
  }, [iso]);

  return <time dateTime={iso}>{text}</time>;
}

/** Date.now(), every second while `ticking`; null until mounted. */
function useNow(ticking: boolean): number | null {
  const [now, setNow] = useState<number | null>(null);

  useEffect(() => {
    setNow(Date.now());
    if (!ticking) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);

    return () => clearInterval(timer);
  }, [ticking]);

  return now;
}
