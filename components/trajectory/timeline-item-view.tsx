import { memo, type ReactNode } from "react";

import { Badge, cn } from "@/components/ui";
import type {
  TimelineBlock,
  TimelineItem,
  TimelineStep,
} from "@/lib/trajectories/timeline";

import { formatDuration, formatTokens, summarizeToolInput } from "./format";
import { Markdown } from "./markdown";

// Longer tool outputs are cut in the timeline; the agent log has them whole.
const maxOutputChars = 20_000;

/** One timeline entry. Memoized: the reducer keeps unchanged items as is. */
export const TimelineItemView = memo(function TimelineItemView({
  item,
}: {
  item: TimelineItem;
}) {
  switch (item.kind) {
    case "step":
      return <StepCard step={item} />;
    case "user":
      return (
        <details className="rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 text-sm">
          <summary className="cursor-pointer font-medium text-zinc-600">
            Prompt
          </summary>
          <pre className="mt-2 font-mono text-xs whitespace-pre-wrap text-zinc-700">
            {item.text}
          </pre>
        </details>
      );
    case "init":
      return (
        <SystemLine at={item.at}>
          {item.runtime} started
          {item.model ? ` · model ${item.model}` : ""}
          {item.version ? ` · v${item.version}` : ""}
        </SystemLine>
      );
    case "status": {
      const label =
        item.status === "cancelled"
          ? "Stopped by user"
          : `Status: ${item.status}`;
      return (
        <SystemLine at={item.at}>
          {label}
          {item.detail && item.detail !== label ? ` · ${item.detail}` : ""}
        </SystemLine>
      );
    }
    case "error":
      return item.fatal ? (
        <div
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-800"
        >
          <p className="font-medium">
            Error
            {item.failureKind ? ` · ${item.failureKind}` : ""}
            {item.httpStatus ? ` · HTTP ${item.httpStatus}` : ""}
          </p>
          <p className="mt-1 whitespace-pre-wrap">{item.message}</p>
        </div>
      ) : (
        <div className="rounded-md border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          <span className="font-medium">Warning: </span>
          <span className="whitespace-pre-wrap">{item.message}</span>
        </div>
      );
    case "result": {
      const { card } = item;
      return (
        <div
          data-testid="result-card"
          className={cn(
            "rounded-lg border px-4 py-3",
            card.success
              ? "border-emerald-300 bg-emerald-50"
              : "border-red-300 bg-red-50",
          )}
        >
          <div className="flex flex-wrap items-center gap-2">
            <p
              className={cn(
                "font-semibold",
                card.success ? "text-emerald-800" : "text-red-800",
              )}
            >
              {card.title}
            </p>
            {card.failureKind && card.failureKind !== "cancelled" ? (
              <Badge tone="red">{card.failureKind}</Badge>
            ) : null}
            <span className="text-xs text-zinc-500">
              {[
                card.exitCode !== null ? `exit code ${card.exitCode}` : null,
                card.durationMs !== null
                  ? formatDuration(card.durationMs)
                  : null,
                card.resultFiles !== null
                  ? `${card.resultFiles} results file${card.resultFiles === 1 ? "" : "s"}`
                  : null,
              ]
                .filter(Boolean)
                .join(" · ")}
            </span>
          </div>
          {card.message && !card.success && card.message !== card.title ? (
            <p className="mt-1 text-sm whitespace-pre-wrap text-red-800">
              {card.message}
            </p>
          ) : null}
          {card.suspicious ? (
            <p className="mt-1 text-sm text-amber-800">{card.suspicious}</p>
          ) : null}
          {card.answer ? (
            <div className="mt-2 rounded-md border border-zinc-200 bg-white px-3 py-2">
              <p className="mb-1 text-xs font-medium text-zinc-500 uppercase">
                Final answer
              </p>
              <Markdown text={card.answer} />
            </div>
          ) : null}
        </div>
      );
    }
  }
});

function SystemLine({ at, children }: { at: string; children: ReactNode }) {
  return (
    <p className="flex items-center gap-2 text-xs text-zinc-500">
      <time dateTime={at} className="font-mono">
        {at.slice(11, 19)}
      </time>
      <span>{children}</span>
    </p>
  );
}

function StepCard({ step }: { step: TimelineStep }) {
  return (
    <article className="rounded-lg border border-zinc-200 bg-white px-4 py-3 shadow-sm">
      <header className="mb-2 flex items-center justify-between gap-2 text-xs text-zinc-500">
        <span className="font-medium text-zinc-700">Assistant</span>
        {step.usage ? (
          <span>
            {formatTokens(step.usage.input)} in ·{" "}
            {formatTokens(step.usage.output)} out
            {step.usage.cacheRead
              ? ` · ${formatTokens(step.usage.cacheRead)} cache read`
              : ""}
          </span>
        ) : null}
      </header>
      <div className="space-y-2">
        {step.blocks.map((block) => (
          <BlockView key={block.key} block={block} />
        ))}
      </div>
    </article>
  );
}

function BlockView({ block }: { block: TimelineBlock }) {
  if (block.kind === "text") return <Markdown text={block.text} />;
  if (block.kind === "thinking") {
    return (
      <details className="rounded-md bg-zinc-50 px-3 py-2 text-sm">
        <summary className="cursor-pointer text-zinc-500 italic">
          Thinking
        </summary>
        <p className="mt-1 whitespace-pre-wrap text-zinc-600">{block.text}</p>
      </details>
    );
  }

  const failed = block.result?.isError === true;

  return (
    <details
      className={cn(
        "rounded-md border text-sm",
        failed ? "border-red-200 bg-red-50/50" : "border-zinc-200 bg-zinc-50",
      )}
    >
      <summary className="flex cursor-pointer items-center gap-2 px-3 py-2">
        <span className="font-mono text-xs font-semibold text-zinc-800">
          {block.name ?? "tool"}
        </span>
        <span className="min-w-0 flex-1 truncate font-mono text-xs text-zinc-500">
          {summarizeToolInput(block.input)}
        </span>
        {block.result === null ? (
          <Badge tone="blue">running</Badge>
        ) : failed ? (
          <Badge tone="red">error</Badge>
        ) : (
          <Badge tone="green">ok</Badge>
        )}
      </summary>
      <div className="space-y-2 border-t border-zinc-200 px-3 py-2">
        {block.input !== undefined ? (
          <div>
            <p className="mb-1 text-xs font-medium text-zinc-500">Input</p>
            <pre className="overflow-x-auto font-mono text-xs whitespace-pre-wrap text-zinc-800">
              {typeof block.input === "string"
                ? block.input
                : JSON.stringify(block.input, null, 2)}
            </pre>
          </div>
        ) : null}
        {block.result ? (
          <div>
            <p
              className={cn(
                "mb-1 text-xs font-medium",
                failed ? "text-red-700" : "text-zinc-500",
              )}
            >
              {failed ? "Error" : "Output"}
            </p>
            <pre
              className={cn(
                "max-h-96 overflow-auto font-mono text-xs whitespace-pre-wrap",
                failed ? "text-red-800" : "text-zinc-800",
              )}
            >
              {block.result.output.length > maxOutputChars
                ? `${block.result.output.slice(0, maxOutputChars)}\n… (cut; the agent log has all of it)`
                : block.result.output}
            </pre>
          </div>
        ) : null}
      </div>
    </details>
  );
}
