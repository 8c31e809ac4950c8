/** The in-sandbox layout every provider keeps. */
export const sandboxPaths = {
  app: "/app",
  results: "/app/results",
  logs: "/logs/agent",
} as const;

export interface SandboxSpec {
  runId: string;
  snapshot: string;
  env: Record<string, string>;
  labels: Record<string, string>;
  timeoutSec: number;
}

export interface ExecOptions {
  argv: string[];
  env?: Record<string, string>;
  cwd?: string;
  /** Absolute path inside the sandbox to use as stdin; /dev/null if absent. */
  stdinFile?: string;
  /** Raw bytes as they arrive; decoding is the caller's job (see B05). */
  onStdout(chunk: Uint8Array): void;
  onStderr(chunk: Uint8Array): void;
  /** Aborting kills the process tree. */
  signal?: AbortSignal;
}

export interface ExecResult {
  exitCode: number | null;
  signal: string | null;
}

export interface SandboxFile {
  /** Path relative to the listed directory, `/`-separated. */
  path: string;
  size: number;
}

export interface Sandbox {
  id: string;
  /** The agent's home directory inside the sandbox. */
  home: string;
  exec(options: ExecOptions): Promise<ExecResult>;
  writeFile(path: string, content: string | Uint8Array): Promise<void>;
  /**
   * Regular files under `dir`, recursively. Symlinks and anything whose real
   * path leaves `dir` are skipped (B27).
   */
  listFiles(dir: string): Promise<SandboxFile[]>;
  readFile(path: string): Promise<Buffer>;
  /** Idempotent; kills whatever still runs. */
  destroy(): Promise<void>;
}

export interface SandboxProvider {
  name: "local" | "daytona";
  create(spec: SandboxSpec): Promise<Sandbox>;
}
