import fs from "node:fs";

import { describe, expect, it } from "vitest";

import {
  normalizeRunbookText,
  parseRunbook,
} from "@/lib/runbooks/parse-runbook";

const cases = "/work/shared/cases";

function errors(text: string) {
  return parseRunbook(text).issues.filter((i) => i.severity === "error");
}

describe("B15: BOM before the opening ---", () => {
  const withBom = fs.readFileSync(`${cases}/B15.md`, "utf8");

  it("reads the input file as starting with U+FEFF", () => {
    expect(fs.readFileSync(`${cases}/B15.md`).subarray(0, 3)).toEqual(
      Buffer.from([0xef, 0xbb, 0xbf]),
    );
  });

  it("parses the frontmatter as if there were no BOM", () => {
    const parsed = parseRunbook(withBom);

    expect(parsed.ok).toBe(true);
    expect(parsed.issues).toEqual([]);
    expect(parsed.frontmatter).toMatchObject({
      agent: "claude-code",
      model: "claude-sonnet-4-6",
      snapshot: "python312-uv",
    });
    expect(parsed).toEqual(parseRunbook(withBom.slice(1)));
  });

  it("stores the text without the BOM", () => {
    const stored = normalizeRunbookText(withBom);

    expect(stored.startsWith("---\n")).toBe(true);
    expect(stored).not.toContain("\uFEFF");
  });

  it("refuses text other than a BOM or blank lines before ---", () => {
    const issues = errors("\uFEFFnotes\n---\nagent: codex\n---\n");

    expect(issues).toEqual([
      expect.objectContaining({
        message: expect.stringContaining("frontmatter must start on line 1"),
        line: 1,
      }),
    ]);
  });

  it("accepts blank lines before ---, counting them in line numbers", () => {
    const parsed = parseRunbook("\n  \n---\nagent: cursor\n---\n");

    expect(parsed.issues).toEqual([
      expect.objectContaining({ line: 4, severity: "error" }),
    ]);
  });
});

describe("B18: duplicate keys", () => {
  const text = fs.readFileSync(`${cases}/B18.md`, "utf8");

  it("refuses the runbook naming `model` and line 5", () => {
    const parsed = parseRunbook(text);

    expect(parsed.ok).toBe(false);
    expect(parsed.frontmatter).toBeNull();
    expect(parsed.issues).toEqual([
      {
        message:
          "Duplicate key `model` on line 5 (already set on line 3): keep only one.",
        path: "model",
        severity: "error",
        line: 5,
        column: 1,
      },
    ]);
  });

  it("still returns the body so the page can show and fix the text", () => {
    const parsed = parseRunbook(text);

    expect(parsed.body).toContain("# Write release notes");
    expect(parsed.bodyStartLine).toBe(7);
  });

  it("finds duplicates inside nested maps too", () => {
    const issues = errors(
      "---\nagent: codex\nsecrets:\n  A:\n    env: X\n    env: Y\n---\n",
    );

    expect(issues).toEqual([
      expect.objectContaining({
        message: expect.stringContaining("Duplicate key `env` on line 6"),
        line: 6,
      }),
    ]);
  });
});

describe("the errors the editor shows", () => {
  it("bad YAML: points at the broken line of the whole file", () => {
    const issues = errors(
      "---\nagent: codex\nmodel: gpt-5.5\nprimary_outputs: [a.md, b.md\n---\nbody\n",
    );

    expect(issues).toHaveLength(1);
    expect(issues[0].message).toMatch(/^Invalid YAML: /);
    expect(issues[0].line).toBe(4);
  });

  it("bad YAML: a tab-indented mapping is reported at its line", () => {
    const issues = errors("---\nagent: codex\nsecrets:\n\tA: {}\n---\n");

    expect(issues[0]).toMatchObject({ line: 4, severity: "error" });
    expect(issues[0].message).toMatch(/^Invalid YAML: .*tab/i);
  });

  it("unknown agent: lists the valid ones at the value's line", () => {
    expect(errors("---\nmodel: gpt-5.5\nagent: cursor\n---\n")).toEqual([
      {
        message:
          '`agent` must be one of claude-code, codex, gemini-cli, hermes, goose, not "cursor"',
        path: "agent",
        severity: "error",
        line: 3,
        column: 8,
      },
    ]);
  });

  it("wrong type: names the key and the expected type at its line", () => {
    const text = [
      "---",
      "agent: codex",
      "timeout_sec: ten minutes",
      "max_turns: 2.5",
      "primary_outputs: report.md",
      "secrets:",
      "  API_KEY:",
      "    required: sometimes",
      "---",
    ].join("\n");

    expect(errors(text)).toEqual([
      expect.objectContaining({
        message:
          '`timeout_sec` must be a positive whole number of seconds, not "ten minutes"',
        line: 3,
      }),
      expect.objectContaining({
        message: "`max_turns` must be a positive whole number, not 2.5",
        line: 4,
      }),
      expect.objectContaining({
        message: '`primary_outputs` must be a list of strings, not "report.md"',
        line: 5,
      }),
      expect.objectContaining({
        message:
          '`secrets.API_KEY.required` must be true or false, not "sometimes"',
        line: 8,
      }),
    ]);
  });

  it("frontmatter not on line 1: points at the first text line", () => {
    expect(errors("\n# Title\n---\nagent: codex\n---\n")).toEqual([
      {
        message:
          "frontmatter must start on line 1: only blank lines may come before the opening ---",
        severity: "error",
        line: 2,
        column: 1,
      },
    ]);
  });

  it("unterminated frontmatter: points at the opening line", () => {
    expect(errors("---\nagent: codex\nmodel: gpt-5.5\n# Body\n")).toEqual([
      {
        message:
          "The frontmatter opened on line 1 is never closed: add a line with --- after it.",
        severity: "error",
        line: 1,
        column: 1,
      },
    ]);
  });

  it("no frontmatter at all: refused, since it names no agent or model", () => {
    const parsed = parseRunbook("# Just a title\n\nDo the thing.\n");

    expect(parsed.ok).toBe(false);
    expect(parsed.issues).toEqual([
      expect.objectContaining({
        message: expect.stringContaining("needs `agent` or `model`"),
        line: 1,
      }),
    ]);
  });

  it("NUL character: an error at its line and column", () => {
    const parsed = parseRunbook(
      "---\nagent: claude-code\n---\nWrite a\u0000b\n",
    );

    expect(parsed.ok).toBe(false);
    expect(parsed.issues).toEqual([
      expect.objectContaining({ severity: "error", line: 4, column: 8 }),
    ]);
    expect(parsed.issues[0].message).toContain("NUL");
  });

  it("a timeout past 24 hours: refused at its line", () => {
    const parsed = parseRunbook(
      "---\nagent: claude-code\ntimeout_sec: 2200000\n---\nHi\n",
    );

    expect(parsed.ok).toBe(false);
    expect(parsed.issues[0]).toMatchObject({ line: 3, path: "timeout_sec" });
    expect(parsed.issues[0].message).toContain("86400");
  });

  it("unknown key: a warning at its line, and the value is kept", () => {
    const parsed = parseRunbook(
      "---\nagent: codex\nreviewer: alice\nlimits:\n  cpus: 2\n---\n",
    );

    expect(parsed.ok).toBe(true);
    expect(parsed.issues).toEqual([
      {
        message:
          "Unknown key `reviewer`: it is kept but Jetty does not use it.",
        path: "reviewer",
        severity: "warning",
        line: 3,
        column: 1,
      },
      expect.objectContaining({ path: "limits", line: 4, severity: "warning" }),
    ]);
    expect(parsed.frontmatter?.extra).toEqual({
      reviewer: "alice",
      limits: { cpus: 2 },
    });
  });

  it("unknown field in a secret: a warning at its line", () => {
    const parsed = parseRunbook(
      "---\nagent: codex\nsecrets:\n  API_KEY:\n    scope: read\n---\n",
    );

    expect(parsed.ok).toBe(true);
    expect(parsed.issues).toEqual([
      expect.objectContaining({
        path: "secrets.API_KEY.scope",
        line: 5,
        severity: "warning",
      }),
    ]);
  });

  it("empty frontmatter: refused at the opening line", () => {
    expect(errors("---\n---\nbody")).toEqual([
      expect.objectContaining({
        message: expect.stringContaining("needs `agent` or `model`"),
        line: 1,
      }),
    ]);
  });

  it("a list instead of key: value lines is refused", () => {
    expect(errors("---\n- agent\n---\n")).toEqual([
      expect.objectContaining({
        message: "The frontmatter must be a list of key: value lines.",
        line: 2,
      }),
    ]);
  });
});

describe("agent inference from model", () => {
  const agentOf = (model: string) =>
    parseRunbook(`---\nmodel: ${model}\n---\n`).frontmatter?.agent;

  it.each([
    ["claude-sonnet-4-6", "claude-code"],
    ["anthropic/claude-sonnet-4.6", "claude-code"],
    ["gpt-5.5", "codex"],
    ["openai/gpt-5.5", "codex"],
    ["o3", "codex"],
    ["o4-mini", "codex"],
    ["gemini-2.5-pro", "gemini-cli"],
    ["google/gemini-2.5-flash", "gemini-cli"],
  ])("%s runs on %s", (model, agent) => {
    expect(agentOf(model)).toBe(agent);
  });

  it("marks the agent as inferred", () => {
    const parsed = parseRunbook("---\nmodel: gpt-5.5\n---\n");

    expect(parsed.frontmatter?.agentInferred).toBe(true);
  });

  it("refuses a model it cannot place, at the model's line", () => {
    expect(errors("---\nversion: 1\nmodel: llama-3.3-70b\n---\n")).toEqual([
      expect.objectContaining({
        message: expect.stringContaining(
          'Cannot tell which agent runs "llama-3.3-70b"',
        ),
        line: 3,
        path: "model",
      }),
    ]);
  });

  it("refuses a runbook with neither agent nor model", () => {
    expect(errors("---\nsnapshot: python312-uv\n---\n")).toEqual([
      expect.objectContaining({
        message: "A runbook needs `agent` or `model` in its frontmatter.",
        line: 1,
      }),
    ]);
  });

  it("does not treat words that merely start with o as OpenAI models", () => {
    expect(errors("---\nmodel: orca-mini\n---\n")[0].message).toContain(
      "Cannot tell which agent",
    );
  });
});

describe("defaults and kept values", () => {
  it("applies snapshot, timeout and list defaults", () => {
    expect(parseRunbook("---\nagent: goose\n---\n").frontmatter).toMatchObject({
      agent: "goose",
      snapshot: "python312-uv",
      timeout_sec: 1200,
      primary_outputs: [],
      secrets: {},
      tags: [],
      extra: {},
    });
  });

  it("keeps a version as written, even when YAML reads a number", () => {
    const fm = (v: string) =>
      parseRunbook(`---\nagent: codex\nversion: ${v}\n---\n`).frontmatter
        ?.version;

    expect(fm("1.10")).toBe("1.10");
    expect(fm('"1.0.0"')).toBe("1.0.0");
    expect(fm("1.0.0")).toBe("1.0.0");
    expect(fm("2")).toBe("2");
  });

  it("normalizes secrets: env defaults to the name, required to true", () => {
    const parsed = parseRunbook(
      "---\nagent: codex\nsecrets:\n  A:\n    description: d\n  B:\n    env: B_TOKEN\n    required: false\n  C:\n---\n",
    );

    expect(parsed.frontmatter?.secrets).toEqual({
      A: { env: "A", description: "d", required: true },
      B: { env: "B_TOKEN", description: undefined, required: false },
      C: { env: "C", description: undefined, required: true },
    });
  });

  it("reads `secrets: null` as no secrets", () => {
    const parsed = parseRunbook("---\nagent: codex\nsecrets: null\n---\n");

    expect(parsed.frontmatter?.secrets).toEqual({});
  });

  it("returns the body and the line it starts on", () => {
    const parsed = parseRunbook("---\nagent: codex\n---\n# Title\nText\n");

    expect(parsed.body).toBe("# Title\nText\n");
    expect(parsed.bodyStartLine).toBe(4);
  });

  it("reads CRLF files with the same lines as LF ones", () => {
    const crlf = "---\r\nagent: cursor\r\n---\r\nbody\r\n";

    expect(parseRunbook(crlf).issues[0].line).toBe(2);
    expect(normalizeRunbookText(crlf)).toBe("---\nagent: cursor\n---\nbody\n");
  });

  it("records where each top-level key's value is", () => {
    const parsed = parseRunbook(
      "---\nagent: codex\nmodel_provider: openrouter\n---\n",
    );

    expect(parsed.positions).toEqual({
      agent: { line: 2, column: 8 },
      model_provider: { line: 3, column: 17 },
    });
  });

  it("never throws, whatever the text", () => {
    const inputs = [
      "",
      "---",
      "---\n---",
      "---\n: :\n---",
      "---\n[\n---",
      "\u0000",
    ];
    for (const text of inputs) {
      expect(() => parseRunbook(text)).not.toThrow();
      expect(parseRunbook(text).ok).toBe(false);
    }
  });
});
