import Link from "next/link";

import {
  formatCost,
  formatDateTime,
  formatDuration,
} from "@/components/ui/format";
import { EmptyState } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import type { TrajectoryListItem } from "@/lib/trajectories/list-trajectories";

/** A collection's trajectories, newest first, each opening its viewer. */
export function TrajectoryTable({
  trajectories,
}: {
  trajectories: TrajectoryListItem[];
}) {
  if (trajectories.length === 0) {
    return (
      <EmptyState title="No trajectories yet">
        Run a runbook and its trajectory shows up here.
      </EmptyState>
    );
  }

  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-zinc-200 text-xs tracking-wide text-zinc-500 uppercase">
          <tr>
            <th className="px-5 py-2 font-medium">Status</th>
            <th className="px-3 py-2 font-medium">Runbook</th>
            <th className="px-3 py-2 font-medium">Runtime</th>
            <th className="px-3 py-2 font-medium">Model</th>
            <th className="px-3 py-2 text-right font-medium">Duration</th>
            <th className="px-3 py-2 text-right font-medium">Cost</th>
            <th className="px-5 py-2 text-right font-medium">Started</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {trajectories.map((t) => (
            <tr
              key={t.id}
              className="group hover:bg-zinc-50"
              data-trajectory-id={t.id}
            >
              <td className="px-5 py-2.5">
                <Link
                  href={`/trajectories/${t.id}`}
                  className="flex items-center gap-2"
                >
                  <StatusBadge status={t.status} />
                  {t.failureKind ? (
                    <span className="text-xs text-zinc-500">
                      {t.failureKind}
                    </span>
                  ) : null}
                </Link>
              </td>
              <td className="max-w-48 truncate px-3 py-2.5">
                <Link
                  href={`/trajectories/${t.id}`}
                  className="text-zinc-900 group-hover:underline"
                >
                  {t.runbook?.title ?? "—"}
                </Link>
              </td>
              <td className="px-3 py-2.5 font-mono text-xs text-zinc-700">
                {t.agent}
              </td>
              <td className="max-w-56 truncate px-3 py-2.5 font-mono text-xs text-zinc-700">
                {t.model}
              </td>
              <td className="px-3 py-2.5 text-right tabular-nums text-zinc-700">
                {formatDuration(t.durationMs)}
              </td>
              <td className="px-3 py-2.5 text-right tabular-nums text-zinc-700">
                {formatCost(t.costUsd)}
              </td>
              <td className="px-5 py-2.5 text-right text-xs whitespace-nowrap text-zinc-500">
                <time dateTime={(t.startedAt ?? t.createdAt).toISOString()}>
                  {formatDateTime(t.startedAt ?? t.createdAt)}
                </time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
