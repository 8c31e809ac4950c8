/**
 * The scripted agent plan behind the model server. It is stateless: the step
 * is the number of tool results already in the conversation, so any CLI that
 * sends its whole history back gets the same four turns.
 */

/** A tool as offered in a request, in wire-neutral form. */
export interface OfferedTool {
  name: string;
  /** `custom` tools take free text (codex's apply_patch), not JSON. */
  kind: "function" | "custom";
  /** JSON schema of the arguments, when the API sends one. */
  parameters?: JsonSchema;
}

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  items?: JsonSchema;
}

export type PlannedTurn =
  | {
      kind: "tool";
      thinking?: string;
      text: string;
      tool: OfferedTool;
      /** JSON arguments for function tools, raw text for custom tools. */
      input: Record<string, unknown> | string;
    }
  | { kind: "final"; text: string };

export const inputPath = "/app/input.txt";
export const reportPath = "/app/results/report.md";
export const listCommand = "ls -la /app";
/** What the `reply` scenario answers every call with. */
export const replyText = "done";
export const finalText =
  "Done. I read input.txt, listed the directory, and wrote results/report.md.";

/** The report the plan writes, derived from what the read step returned. */
export function reportText(inputLine: string): string {
  return [
    "# Report",
    "",
    `Input file said: ${inputLine}`,
    "",
    `Directory listing was taken with \`${listCommand}\`.`,
    "",
  ].join("\n");
}

const readNames = ["Read", "read_file", "read", "view"];
const shellNames = [
  "Bash",
  "exec_command",
  "shell",
  "run_shell_command",
  "shell_command",
  "terminal",
  "developer__shell",
];
const writeNames = ["Write", "write_file", "apply_patch", "create_file"];

export interface PlanOptions {
  /** The file the first step reads; /app/input.txt by default. */
  inputPath?: string;
  /** The `leak` scenario: print the environment and repeat a key. */
  leak?: boolean;
  /** The `files` scenario: hostile results file names and a symlink. */
  files?: boolean;
  /** The `reply` scenario: answer at once, calling no tools. */
  reply?: boolean;
}

/** What the `files` scenario leaves in /app/results (B26, B27). */
export const hostileFiles = {
  "报告_最终版.csv": "名前,値\n報告,1\n",
  'résumé "v2".md': "# résumé\n",
  "🚀launch.log": "launched\n",
  "evil\r\nX-Injected: 1.txt": "header injection attempt\n",
} as const;
export const secretDotEnv = "SECRET_TOKEN=do-not-serve-me-0451\n";

function filesCommand(): string {
  const writes = Object.entries(hostileFiles).map(
    ([name, content]) =>
      `printf '%s' ${shellQuote(content)} > /app/results/${shellQuote(name)}`,
  );

  return [
    "mkdir -p /app/results",
    `printf '%s' ${shellQuote(secretDotEnv)} > /app/.env`,
    ...writes,
    "ln -s /app/.env /app/results/link",
    "ln -s /etc/passwd /app/results/passwd",
  ].join(" && ");
}

/** Bash ANSI-C quoting, so CR/LF and quotes survive in names. */
function shellQuote(value: string): string {
  const escaped = Array.from(value, (ch) => {
    if (ch === "\\") return "\\\\";
    if (ch === "'") return "\\'";
    if (ch === "\r") return "\\r";
    if (ch === "\n") return "\\n";
    return ch;
  }).join("");

  return `$'${escaped}'`;
}

/** The next turn, given the tools offered and the tool results so far. */
export function planTurn(
  tools: OfferedTool[],
  toolResults: string[],
  options: PlanOptions = {},
): PlannedTurn {
  const read = pickTool(tools, readNames);
  const shell = pickTool(tools, shellNames);
  const write = pickTool(tools, writeNames);
  const input = options.inputPath ?? inputPath;

  if (options.reply) return { kind: "final", text: replyText };
  if (options.leak) return planLeak(tools, toolResults, shell, write);
  if (options.files && shell && toolResults.length === 0) {
    return {
      kind: "tool",
      text: "Writing the results files.",
      tool: shell,
      input: shellArguments(shell, filesCommand()),
    };
  }
  if (options.files) {
    return { kind: "final", text: tools.length > 0 ? finalText : "OK." };
  }

  switch (toolResults.length) {
    case 0:
      if (read) {
        return {
          kind: "tool",
          thinking: "I should look at the input file first.",
          text: "Let me read the input file.",
          tool: read,
          input: fileArguments(read, input),
        };
      }
      if (shell) {
        return {
          kind: "tool",
          thinking: "I should look at the input file first.",
          text: "Let me read the input file.",
          tool: shell,
          input: shellArguments(shell, `cat ${input}`),
        };
      }
      break;
    case 1:
      if (shell) {
        return {
          kind: "tool",
          text: "Now let me list the directory.",
          tool: shell,
          input: shellArguments(shell, listCommand),
        };
      }
      break;
    case 2: {
      const report = reportText(firstLineOf(toolResults[0]));
      if (write) {
        return {
          kind: "tool",
          text: "Writing the report.",
          tool: write,
          input: writeArguments(write, reportPath, report),
        };
      }
      if (shell) {
        const command = `mkdir -p /app/results && cat > ${reportPath} <<'JETTY_EOF'\n${report}JETTY_EOF`;
        return {
          kind: "tool",
          text: "Writing the report.",
          tool: shell,
          input: shellArguments(shell, command),
        };
      }
      break;
    }
  }

  return { kind: "final", text: tools.length > 0 ? finalText : "OK." };
}

function planLeak(
  tools: OfferedTool[],
  toolResults: string[],
  shell: OfferedTool | undefined,
  write: OfferedTool | undefined,
): PlannedTurn {
  if (toolResults.length === 0 && shell) {
    return {
      kind: "tool",
      text: "Let me check the environment.",
      tool: shell,
      input: shellArguments(shell, "env | sort"),
    };
  }
  const keyLine =
    /(?:ANTHROPIC|OPENAI|GEMINI)_API_KEY=\S+/.exec(toolResults[0] ?? "")?.[0] ??
    "no key found";
  if (toolResults.length === 1 && write) {
    return {
      kind: "tool",
      text: "Writing what I found.",
      tool: write,
      input: writeArguments(write, reportPath, "# Environment\n\nChecked.\n"),
    };
  }

  return {
    kind: "final",
    text: tools.length > 0 ? `The environment has ${keyLine}` : "OK.",
  };
}

function pickTool(
  tools: OfferedTool[],
  names: string[],
): OfferedTool | undefined {
  for (const name of names) {
    const tool = tools.find((t) => t.name === name);
    if (tool) return tool;
  }

  return undefined;
}

function fileArguments(tool: OfferedTool, file: string) {
  const key = firstProperty(tool, ["file_path", "absolute_path", "path"]);

  return withRequiredDefaults(tool, { [key ?? "file_path"]: file });
}

function shellArguments(tool: OfferedTool, command: string) {
  const key = firstProperty(tool, ["command", "cmd"]) ?? "command";
  const type = tool.parameters?.properties?.[key]?.type;
  const value = type === "array" ? ["bash", "-lc", command] : command;

  return withRequiredDefaults(tool, { [key]: value });
}

function writeArguments(tool: OfferedTool, file: string, content: string) {
  if (tool.kind === "custom") {
    const added = content
      .replace(/\n$/, "")
      .split("\n")
      .map((line) => `+${line}`)
      .join("\n");
    return `*** Begin Patch\n*** Add File: ${file}\n${added}\n*** End Patch\n`;
  }
  const pathKey =
    firstProperty(tool, ["file_path", "absolute_path", "path"]) ?? "file_path";
  const contentKey =
    firstProperty(tool, ["content", "file_text", "contents", "text"]) ??
    "content";

  return withRequiredDefaults(tool, {
    [pathKey]: file,
    [contentKey]: content,
  });
}

function firstProperty(tool: OfferedTool, keys: string[]): string | undefined {
  const properties = tool.parameters?.properties ?? {};

  return keys.find((key) => key in properties);
}

/** Fills required arguments the plan does not know with a typed default. */
function withRequiredDefaults(
  tool: OfferedTool,
  args: Record<string, unknown>,
): Record<string, unknown> {
  const schema = tool.parameters;
  for (const key of schema?.required ?? []) {
    if (key in args) continue;
    args[key] = defaultFor(schema?.properties?.[key] ?? {});
  }

  return args;
}

/** A minimal value that satisfies a JSON schema (used for JSON-mode asks). */
export function defaultFor(schema: JsonSchema): unknown {
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "object": {
      const value: Record<string, unknown> = {};
      for (const key of schema.required ?? []) {
        value[key] = defaultFor(schema.properties?.[key] ?? {});
      }
      return value;
    }
    case "array":
      return [];
    case "number":
    case "integer":
      return 0;
    case "boolean":
      return false;
    default:
      return "";
  }
}

/**
 * The first meaningful line of a tool result, whatever the CLI wrapped it in:
 * Claude numbers lines (`1\t…`), codex prefixes exec metadata before
 * `Output:`, others return JSON with an `output` field.
 */
export function firstLineOf(toolResult: string | undefined): string {
  let text = toolResult ?? "";
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object") {
      const record = parsed as Record<string, unknown>;
      const inner = record.output ?? record.content ?? record.stdout;
      if (typeof inner === "string") text = inner;
    }
  } catch {
    // Not JSON: plain text output.
  }
  const marker = /(^|\n)Output:\n/.exec(text);
  if (marker) text = text.slice(marker.index + marker[0].length);
  const line = text
    .split("\n")
    .map((l) => l.replace(/^\s*\d+(\t|→|\|)/, "").trim())
    .find((l) => l.length > 0);

  return (line ?? "(empty)").slice(0, 200);
}
