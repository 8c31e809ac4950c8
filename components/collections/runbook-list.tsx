import Link from "next/link";

import { formatDateTime } from "@/components/ui/format";
import { EmptyState } from "@/components/ui/page-header";
import type { RunbookSummary } from "@/lib/runbooks/list-runbooks";

export function RunbookList({ runbooks }: { runbooks: RunbookSummary[] }) {
  if (runbooks.length === 0) {
    return (
      <EmptyState title="No runbooks yet">
        A runbook is markdown with YAML frontmatter that an agent follows.
      </EmptyState>
    );
  }

  return (
    <ul className="divide-y divide-zinc-100">
      {runbooks.map((runbook) => (
        <li key={runbook.id}>
          <Link
            href={`/runbooks/${runbook.id}`}
            className="flex items-center justify-between gap-4 px-5 py-3 hover:bg-zinc-50"
          >
            <div className="min-w-0">
              <p className="truncate text-sm font-medium text-zinc-900">
                {runbook.title}
              </p>
              <p className="font-mono text-xs text-zinc-500">{runbook.slug}</p>
            </div>
            <div className="shrink-0 text-right text-xs text-zinc-500">
              <p>
                {/* Revisions are immutable and numbered from 1: the latest
                    number is how many there are. */}
                {runbook.revisionNumber}{" "}
                {runbook.revisionNumber === 1 ? "revision" : "revisions"}
              </p>
              <p>{formatDateTime(runbook.updatedAt)}</p>
            </div>
          </Link>
        </li>
      ))}
    </ul>
  );
}
