import { MarkerSeverity } from "monaco-editor/editor/common/standalone/standaloneEnums.js";
import { describe, expect, it } from "vitest";

import { issuesToMarkers } from "@/components/editor/issues-to-markers";

const text = [
  "---",
  "agent: claude-code",
  "model: claude-sonnet-4-6",
  "  snapshot: python312-uv",
  "",
  "model: gpt-5",
  "---",
  "Write {{results_dir}}/report.md",
].join("\n");

describe("issuesToMarkers", () => {
  it("underlines from the issue's column to the end of its line", () => {
    const [marker] = issuesToMarkers(
      [
        {
          message: 'duplicate key "model"',
          path: "model",
          line: 6,
          column: 1,
          severity: "error",
        },
      ],
      text,
    );

    expect(marker).toEqual({
      severity: MarkerSeverity.Error,
      message: 'duplicate key "model"',
      source: "runbook",
      code: "model",
      startLineNumber: 6,
      startColumn: 1,
      endLineNumber: 6,
      endColumn: "model: gpt-5".length + 1,
    });
  });

  it("marks warnings as warnings", () => {
    const [marker] = issuesToMarkers(
      [{ message: "unknown key", line: 2, column: 1, severity: "warning" }],
      text,
    );

    expect(marker.severity).toBe(MarkerSeverity.Warning);
  });

  it("treats an issue without severity as an error", () => {
    const [marker] = issuesToMarkers([{ message: "bad", line: 2 }], text);

    expect(marker.severity).toBe(MarkerSeverity.Error);
  });

  it("starts at the first character when the issue has no column", () => {
    const [marker] = issuesToMarkers([{ message: "indent", line: 4 }], text);

    expect(marker).toMatchObject({ startColumn: 3, endColumn: 25 });
  });

  it("puts an issue without a line on line 1", () => {
    const [marker] = issuesToMarkers([{ message: "no frontmatter" }], text);

    expect(marker).toMatchObject({
      startLineNumber: 1,
      startColumn: 1,
      endColumn: 4,
    });
  });

  it("keeps lines and columns inside the text", () => {
    const [pastEnd, pastColumn] = issuesToMarkers(
      [
        { message: "eof", line: 99, column: 1 },
        { message: "col", line: 2, column: 500 },
      ],
      text,
    );

    expect(pastEnd).toMatchObject({ startLineNumber: 8, endLineNumber: 8 });
    expect(pastColumn).toMatchObject({
      startColumn: "agent: claude-code".length + 1,
      endColumn: "agent: claude-code".length + 2,
    });
  });

  it("gives an empty line a visible one-character marker", () => {
    const [marker] = issuesToMarkers([{ message: "blank", line: 5 }], text);

    expect(marker).toMatchObject({ startColumn: 1, endColumn: 2 });
  });

  it("counts lines the same way with CRLF endings", () => {
    const [marker] = issuesToMarkers(
      [{ message: "dup", line: 6, column: 1 }],
      text.replaceAll("\n", "\r\n"),
    );

    expect(marker).toMatchObject({ startLineNumber: 6, endColumn: 13 });
  });
});
