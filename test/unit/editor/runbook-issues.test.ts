import { describe, expect, it } from "vitest";

import { issuesToMarkers } from "@/components/editor/issues-to-markers";
import { runbookIssues } from "@/components/editor/runbook-issues";

const body = "\nWrite {{results_dir}}/report.md\n";

/** The markers the editor would set for a text: [line, severity, message]. */
function marks(text: string, envNames?: string[]) {
  return issuesToMarkers(runbookIssues(text, { envNames }), text).map((m) => [
    m.startLineNumber,
    m.severity === 8 ? "error" : "warning",
    m.message,
  ]);
}

describe("runbook markers", () => {
  it("marks a duplicate key on its second line (B18)", () => {
    // cases/B18.md: `model` on lines 3 and 5.
    const text =
      "---\nagent: claude-code\nmodel: claude-sonnet-4-6\nsnapshot: python312-uv\nmodel: claude-opus-4-1\n---\n\n# Write release notes\n";
    const [first] = marks(text);

    expect(first[0]).toBe(5);
    expect(first[1]).toBe("error");
    expect(first[2]).toContain("model");
  });

  it("marks bad YAML where it is", () => {
    const text = `---\nagent: claude-code\nmodel: [unclosed\n---${body}`;

    expect(marks(text)).toContainEqual([
      expect.any(Number),
      "error",
      expect.stringMatching(/YAML/),
    ]);
    expect(marks(text)[0][0]).toBeGreaterThanOrEqual(3);
  });

  it("marks an unknown agent on the agent line", () => {
    const text = `---\nmodel: claude-sonnet-4-6\nagent: cursor\n---${body}`;

    expect(marks(text)).toEqual([
      [3, "error", expect.stringContaining("agent")],
    ]);
  });

  it("marks a value of the wrong type on its line", () => {
    const text = `---\nagent: claude-code\ntimeout_sec: soon\n---${body}`;

    expect(marks(text)).toEqual([
      [3, "error", expect.stringContaining("timeout_sec")],
    ]);
  });

  it("says frontmatter must start on line 1", () => {
    const text = `# Title\n---\nagent: claude-code\n---${body}`;

    expect(marks(text)).toEqual([
      [1, "error", expect.stringContaining("line 1")],
    ]);
  });

  it("warns about an unknown key and keeps going", () => {
    const text = `---\nagent: claude-code\ncolour: blue\n---${body}`;

    expect(marks(text)).toEqual([
      [3, "warning", expect.stringContaining("colour")],
    ]);
  });

  it("accepts a BOM before the frontmatter (B15)", () => {
    // cases/B15.md: the bytes EF BB BF, then the frontmatter.
    const text =
      "\uFEFF---\nagent: claude-code\nmodel: claude-sonnet-4-6\nsnapshot: python312-uv\n---\n# Body\n";

    expect(marks(text).filter(([, severity]) => severity === "error")).toEqual(
      [],
    );
  });

  it("marks a missing provider key on the line it is about", () => {
    const text = `---\nagent: claude-code\nmodel: claude-sonnet-4-6\n---${body}`;

    expect(marks(text, ["OPENAI_API_KEY"])).toEqual([
      [2, "error", expect.stringContaining("ANTHROPIC_API_KEY")],
    ]);
    expect(marks(text, ["ANTHROPIC_API_KEY"])).toEqual([]);
  });
});
