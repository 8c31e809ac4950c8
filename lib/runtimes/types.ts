import type { FailureKind, JettyEventInput, Usage } from "@/lib/events/schema";
import type { ProviderId } from "@/lib/providers/types";

export const runtimeIds = [
  "claude-code",
  "codex",
  "gemini-cli",
  "hermes",
  "goose",
] as const;
export type RuntimeId = (typeof runtimeIds)[number];

/** How the agent process ended, as seen from outside it. */
export interface AgentExit {
  exitCode: number | null;
  signal: string | null;
  /** Last few KB of stderr, already redacted. */
  stderrTail: string;
  /** Jetty itself stopped the process (user pressed Stop). */
  cancelled: boolean;
  /** Jetty killed the process at the wall-clock limit. */
  timedOut: boolean;
}

/** What the agent's own stream says about how the run went. */
export interface AgentVerdict {
  /** True only when the agent's stream and exit both say it succeeded. */
  success: boolean;
  kind?: FailureKind;
  message?: string;
  httpStatus?: number;
  /** Final answer text, never an error message. */
  finalText?: string;
  /** Authoritative totals when known; null means unknown (not zero). */
  usage: Usage | null;
  model?: string;
}

/** Hints a parser cannot read from the stream itself. */
export interface ParserOptions {
  /**
   * The model the run was started with. Codex and goose never name it in
   * their stream, so cost from list prices needs it; others use it only as a
   * fallback when their init event lacks one.
   */
  model?: string;
}

/**
 * A streaming parser for one run's stdout. `push` takes one complete line
 * (see lib/runtimes/line-reader.ts); unknown lines become `log` events.
 */
export interface AgentParser {
  push(line: string): JettyEventInput[];
  end(exit: AgentExit): { events: JettyEventInput[]; verdict: AgentVerdict };
}

/** What a runtime needs to build its command. */
export interface RuntimeCommandInput {
  /** Model id as the provider expects it (vendor prefix already handled). */
  model: string;
  provider: ProviderId;
  /** The collection's decrypted environment. */
  env: Readonly<Record<string, string>>;
  /** Absolute path of the agent's home directory inside the sandbox. */
  home: string;
  /** Absolute path of the file holding the rendered runbook body. */
  promptFile: string;
  maxTurns?: number;
}

/** The process to start inside the sandbox. */
export interface RuntimeCommand {
  /** argv[0] is a bare executable name looked up on the sandbox PATH. */
  argv: string[];
  env: Record<string, string>;
  /** Files to write before starting (config files), absolute paths. */
  files: { path: string; content: string }[];
  /** Absolute path fed to the process as stdin; /dev/null when absent. */
  stdinFile?: string;
}

export interface Runtime {
  id: RuntimeId;
  /** Where stdout is teed inside the sandbox: /logs/agent/<id>.txt. */
  logPath: string;
  buildCommand(input: RuntimeCommandInput): RuntimeCommand;
  createParser(options?: ParserOptions): AgentParser;
}
