import { cn } from "@/components/ui";
import type { Issue } from "@/lib/errors";

interface ProblemsListProps {
  issues: readonly Issue[];
  /** Moves the editor to an issue; absent while only the fallback shows. */
  onSelect?(issue: Issue): void;
}

/** The frontmatter's problems under the editor, errors first. */
export function ProblemsList({ issues, onSelect }: ProblemsListProps) {
  if (issues.length === 0) {
    return (
      <p className="text-sm text-zinc-500" role="status">
        No problems in the frontmatter.
      </p>
    );
  }
  const sorted = [...issues].sort(
    (a, b) => rank(a) - rank(b) || (a.line ?? 0) - (b.line ?? 0),
  );

  return (
    <ul className="divide-y divide-zinc-100 rounded-md border border-zinc-200 bg-white text-sm">
      {sorted.map((issue, i) => {
        const warning = issue.severity === "warning";
        const body = (
          <>
            <span
              className={cn(
                "w-16 shrink-0 font-medium",
                warning ? "text-amber-700" : "text-red-700",
              )}
            >
              {warning ? "Warning" : "Error"}
            </span>
            <span className="w-16 shrink-0 font-mono text-xs leading-5 text-zinc-500">
              {issue.line ? `line ${issue.line}` : ""}
            </span>
            <span className="min-w-0 text-zinc-800">{issue.message}</span>
          </>
        );

        return (
          <li key={`${issue.line ?? 0}:${issue.column ?? 0}:${i}`}>
            {onSelect ? (
              <button
                type="button"
                onClick={() => onSelect(issue)}
                className="flex w-full gap-3 px-3 py-2 text-left hover:bg-zinc-50"
              >
                {body}
              </button>
            ) : (
              <div className="flex gap-3 px-3 py-2">{body}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function rank(issue: Issue): number {
  return issue.severity === "warning" ? 1 : 0;
}
