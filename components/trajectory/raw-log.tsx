"use client";

import { useState } from "react";

import { cn } from "@/components/ui";
import type { LogLine } from "@/lib/trajectories/timeline";

// A long run can print tens of thousands of lines; show the tail first.
const tailLines = 500;

/** The agent's raw output lines that were not events, collapsed. */
export function RawLog({ lines }: { lines: LogLine[] }) {
  const [open, setOpen] = useState(false);
  const [all, setAll] = useState(false);
  const shown = all ? lines : lines.slice(-tailLines);

  return (
    <details
      className="rounded-md border border-zinc-200 bg-white text-sm"
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary className="cursor-pointer px-3 py-2 font-medium text-zinc-700">
        Raw output ({lines.length} line{lines.length === 1 ? "" : "s"})
      </summary>
      {open ? (
        <div className="border-t border-zinc-200">
          {lines.length > shown.length ? (
            <button
              type="button"
              onClick={() => setAll(true)}
              className="px-3 py-1 text-xs text-sky-700 hover:underline"
            >
              Show all {lines.length} lines
            </button>
          ) : null}
          <pre className="max-h-[32rem] overflow-auto bg-zinc-950 p-3 font-mono text-xs leading-5 text-zinc-200">
            {shown.map((line) => (
              <div
                key={line.seq}
                className={cn(
                  line.stream === "stderr" && "text-amber-300",
                  line.level === "warning" && "text-amber-300",
                  line.stream === "system" && "text-sky-300",
                )}
              >
                {line.text}
              </div>
            ))}
          </pre>
        </div>
      ) : null}
    </details>
  );
}
