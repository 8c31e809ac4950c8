"use client";

import { useRouter } from "next/navigation";
import { useCallback, useRef, useState, useTransition } from "react";

import { RunbookEditor } from "@/components/editor/runbook-editor";
import type { TextReplacement } from "@/components/editor/monaco-runbook-editor";
import { useRunbookIssues } from "@/components/editor/use-runbook-issues";
import { Badge, Button } from "@/components/ui";
import type { Issue } from "@/lib/errors";
import { maxRunbookBytes } from "@/lib/runbooks/limits";
import { normalizeRunbookText } from "@/lib/runbooks/parse-runbook";

import { runRunbookAction, saveRunbookAction } from "./actions";

interface RunbookWorkspaceProps {
  runbookId: string;
  initialText: string;
  revisionNumber: number;
  initialIssues: Issue[];
  envNames: string[];
  canEdit: boolean;
  canRun: boolean;
}

/** What the toolbar last reported: a save, or a refusal with its issues. */
type Notice =
  | { tone: "success"; message: string }
  | { tone: "error"; message: string; issues: Issue[] };

/** The editor page's client side: text, Save (new revision) and Run. */
export function RunbookWorkspace({
  runbookId,
  initialText,
  revisionNumber: initialRevision,
  initialIssues,
  envNames,
  canEdit,
  canRun,
}: RunbookWorkspaceProps) {
  const router = useRouter();
  const [text, setText] = useState(initialText);
  const [savedText, setSavedText] = useState(initialText);
  const [revision, setRevision] = useState(initialRevision);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [replacement, setReplacement] = useState<TextReplacement | null>(null);
  const [pending, startTransition] = useTransition();
  const busy = useRef(false);
  const issues = useRunbookIssues(text, { initialIssues, envNames });
  const dirty = text !== savedText;

  /** Saves when the text changed; false when the save was refused. */
  const save = useCallback(async (): Promise<boolean> => {
    if (text === savedText) return true;
    const sent = text;
    // Checked here too: past the server action's body limit the request
    // would fail before the server could answer with this message.
    if (new TextEncoder().encode(sent).length > maxRunbookBytes) {
      setNotice({
        tone: "error",
        message: `The runbook is larger than ${maxRunbookBytes / 1024} KB: make it shorter to save it.`,
        issues: [],
      });
      return false;
    }
    const result = await saveRunbookAction({
      runbookId,
      text: sent,
      baseRevision: revision,
    }).catch(() => null);
    if (!result) {
      setNotice({
        tone: "error",
        message:
          "The save did not reach Jetty. Your text is still here: try again.",
        issues: [],
      });
      return false;
    }
    if (!result.ok) {
      setNotice({ tone: "error", ...result.error });
      return false;
    }
    // The stored text has no BOM and LF line ends (B15): show that.
    const stored = normalizeRunbookText(sent);
    if (stored !== sent) {
      setText((current) => (current === sent ? stored : current));
      setReplacement({ from: sent, to: stored, version: Date.now() });
    }
    setSavedText(stored);
    setRevision(result.data.number);
    setNotice({
      tone: "success",
      message: result.data.created
        ? `Saved as revision ${result.data.number}.`
        : `No changes since revision ${result.data.number}.`,
    });

    return true;
  }, [runbookId, revision, savedText, text]);

  const run = (work: () => Promise<void>) => {
    if (busy.current) return;
    busy.current = true;
    startTransition(async () => {
      try {
        await work();
      } finally {
        busy.current = false;
      }
    });
  };

  const handleSave = () => run(async () => void (await save()));

  const handleRun = () =>
    run(async () => {
      if (!(await save())) return;
      const result = await runRunbookAction(runbookId).catch(() => null);
      if (!result) {
        setNotice({
          tone: "error",
          message: "The run request did not reach Jetty: try again.",
          issues: [],
        });
        return;
      }
      if (!result.ok) {
        setNotice({ tone: "error", ...result.error });
        return;
      }
      router.push(`/trajectories/${result.data.trajectoryId}`);
    });

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        {canEdit ? (
          <Button onClick={handleSave} disabled={pending || !dirty}>
            {pending ? "Working…" : "Save"}
          </Button>
        ) : null}
        {canRun ? (
          <Button variant="secondary" onClick={handleRun} disabled={pending}>
            {dirty ? "Save and run" : "Run"}
          </Button>
        ) : null}
        <span className="text-sm text-zinc-500">
          {revision > 0 ? `Revision ${revision}` : "Not saved yet"}
          {dirty ? " · unsaved changes" : ""}
        </span>
        {!canEdit ? <Badge>Read only</Badge> : null}
      </div>
      {notice ? <NoticeBox notice={notice} /> : null}
      <RunbookEditor
        path={`runbook-${runbookId}.md`}
        text={text}
        onTextChange={setText}
        issues={issues}
        readOnly={!canEdit}
        onSave={canEdit ? handleSave : undefined}
        replacement={replacement}
      />
    </div>
  );
}

function NoticeBox({ notice }: { notice: Notice }) {
  if (notice.tone === "success") {
    return (
      <p
        role="status"
        className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-700"
      >
        {notice.message}
      </p>
    );
  }

  return (
    <div
      role="alert"
      className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700"
    >
      <p>{notice.message}</p>
      {notice.issues.length > 0 ? (
        <ul className="mt-1 list-disc pl-5">
          {notice.issues.map((issue, i) => (
            <li key={i}>
              {issue.line ? `Line ${issue.line}: ` : ""}
              {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
