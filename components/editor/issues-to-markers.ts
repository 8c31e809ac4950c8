import type { editor, MarkerSeverity } from "monaco-editor";

import type { Issue } from "@/lib/errors";

/**
 * Monaco's MarkerSeverity values. Spelled out here so this module never
 * imports Monaco at runtime: it runs in Node tests and on the server.
 */
const severity = {
  error: 8 as MarkerSeverity,
  warning: 4 as MarkerSeverity,
};

/** Turns runbook issues into Monaco markers that underline the right span. */
export function issuesToMarkers(
  issues: readonly Issue[],
  text: string,
): editor.IMarkerData[] {
  const lines = text.split(/\r?\n/);

  return issues.map((issue) => {
    const lineNumber = clamp(issue.line ?? 1, 1, lines.length);
    const line = lines[lineNumber - 1] ?? "";
    const lineEnd = line.length + 1;
    const firstChar = line.length - line.trimStart().length + 1;
    const startColumn = clamp(issue.column ?? firstChar, 1, lineEnd);
    // An empty line still gets a one-character marker so it is visible.
    const endColumn = Math.max(lineEnd, startColumn + 1);

    return {
      severity:
        issue.severity === "warning" ? severity.warning : severity.error,
      message: issue.message,
      source: "runbook",
      ...(issue.path ? { code: issue.path } : {}),
      startLineNumber: lineNumber,
      startColumn,
      endLineNumber: lineNumber,
      endColumn,
    };
  });
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(Math.trunc(value), min), max);
}
