"use client";

import dynamic from "next/dynamic";
import {
  Component,
  useCallback,
  useEffect,
  useRef,
  useState,
  type ReactNode,
} from "react";

import { cn } from "@/components/ui";
import type { Issue } from "@/lib/errors";

import type { RunbookEditorHandle } from "./monaco-runbook-editor";
import { ProblemsList } from "./problems-list";
import type { TextReplacement } from "./monaco-runbook-editor";

// Monaco touches `window` on import: keep it out of the server render and
// out of the page's first bundle (B23).
const MonacoRunbookEditor = dynamic(() => import("./monaco-runbook-editor"), {
  ssr: false,
  loading: () => null,
});

/** How long Monaco may take before the plain text box stays for good. */
export const monacoLoadTimeoutMs = 10_000;

type Phase = "loading" | "ready" | "failed";

export interface RunbookEditorProps {
  /** Identifies the Monaco model, e.g. `runbook-<id>.md`. */
  path: string;
  text: string;
  onTextChange(text: string): void;
  issues: readonly Issue[];
  readOnly: boolean;
  onSave?(): void;
  className?: string;
  /** A change of the text made by the page, not typed (see Monaco's prop). */
  replacement?: TextReplacement | null;
}

/**
 * The runbook text editor: a plain text box rendered on the server and kept
 * until Monaco mounts, Monaco with markers once it has, and the list of
 * problems under both. If Monaco fails or takes too long, the text box stays
 * with a notice; editing and saving work the same either way.
 */
export function RunbookEditor({
  path,
  text,
  onTextChange,
  issues,
  readOnly,
  onSave,
  className,
  replacement,
}: RunbookEditorProps) {
  const [phase, setPhase] = useState<Phase>("loading");
  const handle = useRef<RunbookEditorHandle | null>(null);
  const fallbackRef = useRef<HTMLTextAreaElement | null>(null);

  useEffect(() => {
    const timer = setTimeout(
      () => setPhase((p) => (p === "ready" ? p : "failed")),
      monacoLoadTimeoutMs,
    );

    return () => clearTimeout(timer);
  }, []);

  const handleReady = useCallback((h: RunbookEditorHandle) => {
    handle.current = h;
    setPhase((p) => (p === "failed" ? p : "ready"));
  }, []);
  const handleFailure = useCallback(() => setPhase("failed"), []);

  const revealIssue = (issue: Issue) => {
    if (phase === "ready" && handle.current) {
      handle.current.revealIssue(issue);
      return;
    }
    const area = fallbackRef.current;
    if (!area) return;
    const offset = offsetOfLine(text, issue.line ?? 1);
    area.focus();
    area.setSelectionRange(offset, offset);
  };

  return (
    <div className={cn("space-y-3", className)}>
      {phase === "failed" ? (
        <p
          role="status"
          className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800"
        >
          The code editor did not load, so this is a plain text box. You can
          still edit{readOnly ? "" : " and save"} the runbook here.
        </p>
      ) : null}
      <div className="relative h-[60vh] min-h-80 overflow-hidden rounded-md border border-zinc-300 bg-white">
        {phase !== "failed" ? (
          <div
            className={cn("absolute inset-0", phase !== "ready" && "invisible")}
            aria-hidden={phase !== "ready"}
            data-testid="monaco-container"
          >
            <EditorErrorBoundary onError={handleFailure}>
              <MonacoRunbookEditor
                path={path}
                initialText={text}
                replacement={replacement}
                issues={issues}
                readOnly={readOnly}
                onChange={onTextChange}
                onReady={handleReady}
                onSave={onSave}
              />
            </EditorErrorBoundary>
          </div>
        ) : null}
        {phase !== "ready" ? (
          <textarea
            ref={fallbackRef}
            aria-label="Runbook text"
            name="text"
            value={text}
            readOnly={readOnly}
            spellCheck={false}
            onChange={(e) => onTextChange(e.target.value)}
            onKeyDown={(e) => {
              if ((e.metaKey || e.ctrlKey) && e.key === "s" && onSave) {
                e.preventDefault();
                onSave();
              }
            }}
            className="absolute inset-0 h-full w-full resize-none bg-white p-3 font-mono text-[13px] leading-5 text-zinc-900 outline-none"
          />
        ) : null}
      </div>
      <section aria-label="Problems">
        <h2 className="mb-2 text-sm font-semibold text-zinc-900">Problems</h2>
        <ProblemsList issues={issues} onSelect={revealIssue} />
      </section>
    </div>
  );
}

/** Offset in `text` of the first character of a 1-based line. */
function offsetOfLine(text: string, line: number): number {
  let offset = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf("\n", offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }

  return offset;
}

/** A failed Monaco chunk falls back to the text box instead of a blank page. */
class EditorErrorBoundary extends Component<
  { onError(): void; children: ReactNode },
  { failed: boolean }
> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  componentDidCatch() {
    this.props.onError();
  }

  render() {
    return this.state.failed ? null : this.props.children;
  }
}
