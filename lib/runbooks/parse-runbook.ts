import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type YAMLError,
} from "yaml";

import type { Issue } from "@/lib/errors";
import { inferRuntime } from "@/lib/providers/model-ids";
import {
  frontmatterFields,
  frontmatterSchema,
  secretFields,
  toRunbookFrontmatter,
  type RunbookFrontmatter,
} from "@/lib/runbooks/frontmatter-schema";
import { runtimeIds, type RuntimeId } from "@/lib/runtimes/types";

/** A 1-based place in the whole runbook file. */
export interface SourcePosition {
  line: number;
  column: number;
}

interface ParsedParts {
  /** The markdown after the closing `---` (the whole text when none). */
  body: string;
  /** File line of the body's first line. */
  bodyStartLine: number;
  /** Errors and warnings, in line order. */
  issues: Issue[];
  /** Where each top-level key's value is, for checks made later (provider). */
  positions: Record<string, SourcePosition>;
  /** File line of the opening `---` (or where one was expected). */
  frontmatterLine: number;
}

/**
 * `ok` is true when no issue is an error (warnings do not block a run); the
 * frontmatter is then present, and never a half-read set of defaults.
 */
export type ParsedRunbook = ParsedParts &
  (
    | { ok: true; frontmatter: RunbookFrontmatter }
    | { ok: false; frontmatter: null }
  );

/**
 * The form a runbook is stored in: no BOM (B15), LF line ends. Line numbers
 * are the same before and after, so issues found on either agree.
 */
export function normalizeRunbookText(text: string): string {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

const fence = /^---[ \t]*$/;
const needsAgentOrModel = "needs `agent` or `model` in its frontmatter";

/**
 * Parses a runbook's frontmatter and body, validating every key. Never
 * throws on user input: every problem is an Issue with a file line.
 */
export function parseRunbook(text: string): ParsedRunbook {
  const source = normalizeRunbookText(text);
  const lines = source.split("\n");

  // PostgreSQL text cannot hold NUL, and no agent wants one: say where.
  const nulLine = lines.findIndex((l) => l.includes("\0"));
  if (nulLine !== -1) {
    const issue = error("The runbook contains a NUL character: remove it.", {
      line: nulLine + 1,
      column: lines[nulLine].indexOf("\0") + 1,
    });

    return {
      frontmatter: null,
      body: source,
      bodyStartLine: 1,
      issues: [issue],
      ok: false,
      positions: {},
      frontmatterLine: 1,
    };
  }

  const fences = findFences(lines);
  if ("issue" in fences) {
    return {
      frontmatter: null,
      body: source,
      bodyStartLine: 1,
      issues: [fences.issue],
      ok: false,
      positions: {},
      frontmatterLine: fences.issue.line ?? 1,
    };
  }

  const { open, close } = fences;
  const read = readFrontmatter(lines.slice(open + 1, close).join("\n"), {
    lineOffset: open + 1,
    openLine: open + 1,
  });
  const issues = read.issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const parts: ParsedParts = {
    body: lines.slice(close + 1).join("\n"),
    bodyStartLine: close + 2,
    issues,
    positions: read.positions,
    frontmatterLine: open + 1,
  };
  const hasError = issues.some((i) => i.severity === "error");
  if (hasError || !read.frontmatter) {
    return { ...parts, ok: false, frontmatter: null };
  }

  return { ...parts, ok: true, frontmatter: read.frontmatter };
}

function error(message: string, at: Partial<SourcePosition>, path?: string) {
  return { message, path, severity: "error" as const, ...at };
}

function findFences(
  lines: string[],
): { open: number; close: number } | { issue: Issue } {
  const open = lines.findIndex((l) => l.trim() !== "");
  if (open === -1) {
    return {
      issue: error(`The runbook is empty: it ${needsAgentOrModel}.`, {
        line: 1,
        column: 1,
      }),
    };
  }

  if (!fence.test(lines[open])) {
    const laterFence = lines.some((l, i) => i > open && fence.test(l));
    const message = laterFence
      ? "frontmatter must start on line 1: only blank lines may come before the opening ---"
      : `No frontmatter found: a runbook starts with --- on line 1 and ${needsAgentOrModel}.`;

    return { issue: error(message, { line: open + 1, column: 1 }) };
  }

  const close = lines.findIndex((l, i) => i > open && fence.test(l));
  if (close === -1) {
    return {
      issue: error(
        `The frontmatter opened on line ${open + 1} is never closed: add a line with --- after it.`,
        { line: open + 1, column: 1 },
      ),
    };
  }

  return { open, close };
}

interface Read {
  frontmatter: RunbookFrontmatter | null;
  issues: Issue[];
  positions: Record<string, SourcePosition>;
}

function readFrontmatter(
  yamlText: string,
  { lineOffset, openLine }: { lineOffset: number; openLine: number },
): Read {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
  });
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + lineOffset, column: col };
  };
  const none: Read = { frontmatter: null, issues: [], positions: {} };

  const issues: Issue[] = doc.errors.map((e) =>
    e.code === "DUPLICATE_KEY"
      ? duplicateKeyIssue(doc, e, at)
      : error(`Invalid YAML: ${firstLine(e.message)}`, at(e.pos[0])),
  );
  for (const w of doc.warnings) {
    issues.push({
      message: firstLine(w.message),
      severity: "warning",
      ...at(w.pos[0]),
    });
  }
  if (issues.some((i) => i.severity === "error")) return { ...none, issues };

  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    issues.push(
      error(`The frontmatter is empty: a runbook ${needsAgentOrModel}.`, {
        line: openLine,
        column: 1,
      }),
    );
    return { ...none, issues };
  }
  if (!isMap(contents)) {
    const start = contents.range?.[0] ?? 0;
    issues.push(
      error("The frontmatter must be a list of key: value lines.", at(start)),
    );
    return { ...none, issues };
  }

  const data = (doc.toJS() ?? {}) as Record<string, unknown>;
  const locate = (path: PropertyKey[]) => locatePath(doc, path, at);
  const positions: Record<string, SourcePosition> = {};
  for (const key of Object.keys(data)) {
    const position = locate([key]);
    if (position) positions[key] = position;
  }

  const extra: Record<string, unknown> = {};
  const known: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key in frontmatterFields) {
      known[key] = value;
      continue;
    }
    extra[key] = value;
    issues.push({
      message: `Unknown key \`${key}\`: it is kept but Jetty does not use it.`,
      path: key,
      severity: "warning",
      ...locateKey(doc, [key], at),
    });
  }
  issues.push(...unknownSecretFieldIssues(doc, data, at));

  const parsed = frontmatterSchema.safeParse(known);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = formatPath(issue.path);
      const inner =
        issue.code === "invalid_key" ? issue.issues[0]?.message : undefined;
      issues.push(
        error(
          `\`${path}\` ${inner ?? issue.message}`,
          locate(issue.path) ?? { line: openLine },
          path,
        ),
      );
    }
    return { ...none, issues, positions };
  }

  const raw = parsed.data;
  const agent = resolveAgent(raw.agent, raw.model);
  if ("message" in agent) {
    const where = raw.model ? positions.model : { line: openLine, column: 1 };
    issues.push(error(agent.message, where ?? { line: openLine }, agent.path));
    return { ...none, issues, positions };
  }

  const frontmatter = toRunbookFrontmatter(
    raw,
    agent,
    scalarSource(doc, "version"),
    extra,
  );

  return { frontmatter, issues, positions };
}

function resolveAgent(
  agent: RuntimeId | undefined,
  model: string | undefined,
): { id: RuntimeId; inferred: boolean } | { message: string; path: string } {
  if (agent) return { id: agent, inferred: false };
  if (!model)
    return { message: `A runbook ${needsAgentOrModel}.`, path: "agent" };

  const inferred = inferRuntime(model);
  if (!inferred) {
    return {
      message: `Cannot tell which agent runs "${model}": add \`agent:\` (one of ${runtimeIds.join(", ")}).`,
      path: "model",
    };
  }

  return { id: inferred, inferred: true };
}

type At = (offset: number) => SourcePosition;

function duplicateKeyIssue(doc: Document, e: YAMLError, at: At): Issue {
  const where = at(e.pos[0]);
  let name: string | undefined;
  let firstLineOfKey: number | undefined;

  visit(doc, {
    Pair(_, pair, path) {
      if (!isScalar(pair.key) || pair.key.range?.[0] !== e.pos[0]) return;
      name = String(pair.key.value);
      const parent = path[path.length - 1];
      if (!isMap(parent)) return visit.BREAK;
      const first = parent.items.find(
        (p) => isScalar(p.key) && String(p.key.value) === name,
      );
      const start = isScalar(first?.key) ? first.key.range?.[0] : undefined;
      if (start !== undefined && start !== e.pos[0]) {
        firstLineOfKey = at(start).line;
      }

      return visit.BREAK;
    },
  });

  const key = name ?? "key";
  const earlier = firstLineOfKey
    ? ` (already set on line ${firstLineOfKey})`
    : "";

  return error(
    `Duplicate key \`${key}\` on line ${where.line}${earlier}: keep only one.`,
    where,
    name,
  );
}

/** Position of the value at `path` (scalars), else of its key. */
function locatePath(
  doc: Document,
  path: PropertyKey[],
  at: At,
): SourcePosition | undefined {
  let node: unknown = doc.contents;
  let found: SourcePosition | undefined;

  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isScalar(p.key) && String(p.key.value) === String(segment),
      );
      if (!pair || !isScalar(pair.key) || !pair.key.range) break;
      found = at(pair.key.range[0]);
      node = pair.value;
      if (isScalar(node) && node.value !== null && node.range) {
        found = at(node.range[0]);
      }
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      const range = (item as { range?: [number, number, number] } | undefined)
        ?.range;
      if (!range) break;
      found = at(range[0]);
      node = item;
    } else {
      break;
    }
  }

  return found;
}

/** Position of the key at the end of `path`. */
function locateKey(doc: Document, path: string[], at: At) {
  const parentPath = path.slice(0, -1);
  const parent = parentPath.length ? doc.getIn(parentPath, true) : doc.contents;
  if (!isMap(parent)) return {};
  const pair = parent.items.find(
    (p) => isScalar(p.key) && String(p.key.value) === path[path.length - 1],
  );

  return isScalar(pair?.key) && pair.key.range ? at(pair.key.range[0]) : {};
}

function unknownSecretFieldIssues(
  doc: Document,
  data: Record<string, unknown>,
  at: At,
): Issue[] {
  const secrets = data.secrets;
  if (!secrets || typeof secrets !== "object" || Array.isArray(secrets)) {
    return [];
  }

  const issues: Issue[] = [];
  for (const [name, secret] of Object.entries(secrets)) {
    if (!secret || typeof secret !== "object" || Array.isArray(secret))
      continue;
    for (const field of Object.keys(secret)) {
      if ((secretFields as readonly string[]).includes(field)) continue;
      issues.push({
        message: `Unknown field \`${field}\` in secret ${name}: it is kept but Jetty does not use it (fields: ${secretFields.join(", ")}).`,
        path: `secrets.${name}.${field}`,
        severity: "warning",
        ...locateKey(doc, ["secrets", name, field], at),
      });
    }
  }

  return issues;
}

/** The number as written (`1.10`), so a version is not rounded by YAML. */
function scalarSource(doc: Document, key: string): string | undefined {
  const node = doc.get(key, true);
  if (!isScalar(node) || typeof node.value !== "number") return undefined;

  return node.source ?? String(node.value);
}

function formatPath(path: PropertyKey[]): string {
  return path
    .map((p, i) =>
      typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${String(p)}`,
    )
    .join("");
}

function firstLine(message: string): string {
  return message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
}
