import {
  spawn,
  type ChildProcess,
  type StdioOptions,
} from "node:child_process";
import { existsSync, mkdirSync, realpathSync, writeFileSync } from "node:fs";
import fs from "node:fs/promises";
import { constants } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";

import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import {
  sandboxPaths,
  type ExecOptions,
  type ExecResult,
  type Sandbox,
  type SandboxProvider,
  type SandboxSpec,
} from "@/lib/sandboxes/types";

import { buildBwrapArgs } from "./local/build-bwrap-args";
import {
  pidsInNamespace,
  pidsWithCommandLine,
  signalPids,
} from "./local/pid-namespace";
import {
  isInside,
  localSandboxHome,
  runDirFor,
  type RunDir,
} from "./local/run-dir";
import {
  listSandboxFiles,
  openSandboxFile,
  readSandboxFile,
  writeSandboxFile,
} from "./local/sandbox-files";

export { localSandboxHome } from "./local/run-dir";

export interface LocalSandboxOptions {
  /** Per-run directories live here. Default `<JETTY_DATA_DIR>/sandboxes`. */
  rootDir?: string;
  /** Put first on PATH and bound read-only (JETTY_AGENT_PATH: stand-ins). */
  agentPath?: string[];
  /** Holds the agent CLIs (`.bin/claude` …). Default `<cwd>/node_modules`. */
  nodeModulesDir?: string;
  /** Never bound into a sandbox, nor any directory containing them. */
  protectedDirs?: string[];
  /** SIGTERM → SIGKILL grace when a command is aborted. Default 5000 ms. */
  killGraceMs?: number;
  bwrapPath?: string;
}

/** The process tree of one `exec`, as far as the provider can see it. */
interface LiveProcess {
  child: ChildProcess;
  /** Host pid of the namespace's init and the namespace inode, once known. */
  initPid?: number;
  pidNamespace?: number;
  done: Promise<ExecResult>;
}

const statusFd = 3;

const bwrapBinary = existsSync("/usr/bin/bwrap") ? "/usr/bin/bwrap" : "bwrap";
const hostEnv = { PATH: "/usr/bin:/bin", LANG: "C.UTF-8" };

/**
 * Runs first inside the sandbox: exports the variables from the env file
 * (NUL-separated NAME=value, so any value survives), removes the file, and
 * execs the real command.
 */
const envLoader = [
  "/usr/bin/bash",
  "-c",
  'f="$1"; shift; while IFS= read -r -d "" kv; do export "$kv"; done < "$f"; rm -f -- "$f"; exec /usr/bin/env -u SHLVL "$@"',
  "jetty-env",
];

/**
 * Runs each trajectory under bubblewrap: a private root holding only /usr,
 * parts of /etc, the agent CLIs and Node (read-only), and the per-run
 * /app, /logs/agent, home and /tmp (read-write); its own PID namespace, a
 * new session, no capabilities; the host network is shared so the agent can
 * reach a model server on 127.0.0.1. The snapshot name is only recorded:
 * local runs use the host's tools.
 */
export function createLocalSandboxProvider(
  options: LocalSandboxOptions = {},
): SandboxProvider {
  const rootDir = path.resolve(
    options.rootDir ?? path.join(env().dataDir, "sandboxes"),
  );
  const tools = agentTools(options, [
    rootDir,
    ...(options.protectedDirs ?? []),
  ]);

  return {
    name: "local",
    async create(spec) {
      const runDir = runDirFor(rootDir, spec.runId);
      const log = logger.child({ runId: spec.runId });
      if (existsSync(runDir.root)) {
        log.warn({ dir: runDir.root }, "sandbox.stale_removed");
        await fs.rm(runDir.root, { recursive: true, force: true });
      }
      for (const mount of runDir.mounts) {
        await fs.mkdir(mount.host, { recursive: true });
      }
      await fs.mkdir(path.join(runDir.root, "app", "results"), {
        recursive: true,
      });
      // spec.timeoutSec is not enforced here: the worker owns the run's wall
      // clock and aborts exec() through its signal.
      log.info(
        { provider: "local", snapshot: spec.snapshot, dir: runDir.root },
        "sandbox.created",
      );

      return localSandbox(spec, runDir, tools, options);
    },
  };
}

interface AgentTools {
  readOnlyDirs: string[];
  path: string;
}

/** Directories holding the agent CLIs and Node, and the PATH over them. */
function agentTools(
  options: LocalSandboxOptions,
  protectedDirs: string[],
): AgentTools {
  const agentPath = (options.agentPath ?? [])
    .filter((dir) => dir && existsSync(dir))
    .map((dir) => realpathSync(dir));
  const nodeModules = options.nodeModulesDir ?? path.resolve("node_modules");
  const modules = existsSync(nodeModules)
    ? realpathSync(nodeModules)
    : undefined;
  // Node's install prefix (/opt/node24 here): gemini and codex are Node
  // scripts, so `node` must be on the sandbox PATH. The binary itself may be
  // a symlink into another prefix.
  const nodeBin = path.dirname(process.execPath);
  const nodePrefixes = [
    realpathSync(path.dirname(nodeBin)),
    path.dirname(path.dirname(realpathSync(process.execPath))),
  ];

  const candidates = [
    ...nodePrefixes,
    ...(modules ? [modules] : []),
    ...agentPath,
  ];
  const readOnlyDirs = [...new Set(candidates)].filter(
    (dir, i, all) =>
      !isInside("/usr", dir) &&
      !all.some((other, j) => j !== i && other !== dir && isInside(other, dir)),
  );
  const realProtected = protectedDirs.map((dir) =>
    existsSync(dir) ? realpathSync(dir) : path.resolve(dir),
  );
  for (const dir of readOnlyDirs) {
    const exposed = realProtected.find((p) => isInside(dir, p));
    if (dir === "/" || exposed) {
      throw new AppError(
        "internal",
        `Refusing to bind ${dir} into sandboxes: it contains ${exposed ?? "everything"}`,
      );
    }
  }

  const pathDirs = [
    ...agentPath,
    ...(modules ? [path.join(modules, ".bin")] : []),
    nodeBin,
    "/usr/local/bin",
    "/usr/bin",
    "/bin",
  ];

  return { readOnlyDirs, path: [...new Set(pathDirs)].join(":") };
}

function localSandbox(
  spec: SandboxSpec,
  runDir: RunDir,
  tools: AgentTools,
  options: LocalSandboxOptions,
): Sandbox {
  const live = new Set<LiveProcess>();
  const graceMs = options.killGraceMs ?? 5000;
  let destroying: Promise<void> | undefined;
  let envFiles = 0;
  const homeHostDir = runDir.mounts.find(
    (mount) => mount.sandbox === localSandboxHome,
  )!.host;

  const ensureOpen = () => {
    if (destroying) {
      throw new AppError("conflict", `Sandbox ${spec.runId} was destroyed`);
    }
  };

  return {
    id: `local-${spec.runId}`,
    home: localSandboxHome,

    async exec(exec) {
      ensureOpen();
      if (exec.signal?.aborted) return { exitCode: null, signal: null };
      const stdin = exec.stdinFile
        ? await openSandboxFile(runDir, exec.stdinFile)
        : undefined;
      try {
        return await runCommand(exec, stdin?.fd);
      } finally {
        await stdin?.close();
      }
    },

    async writeFile(file, content) {
      ensureOpen();
      await writeSandboxFile(runDir, file, content);
    },

    async readFile(file) {
      ensureOpen();
      return readSandboxFile(runDir, file);
    },

    async listFiles(dir) {
      ensureOpen();
      return listSandboxFiles(runDir, dir);
    },

    destroy() {
      destroying ??= (async () => {
        for (const proc of live) killHard(proc);
        await Promise.allSettled([...live].map((proc) => proc.done));
        await fs.rm(runDir.root, { recursive: true, force: true });
        logger.info({ runId: spec.runId }, "sandbox.destroyed");
      })();

      return destroying;
    },
  };

  function writeEnvFile(values: Record<string, string>): string {
    const name = `env-${++envFiles}`;
    const dir = path.join(homeHostDir, ".jetty");
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const text = Object.entries(values)
      .map(([key, value]) => `${key}=${value}\0`)
      .join("");
    writeFileSync(path.join(dir, name), text, { mode: 0o600 });

    return `${localSandboxHome}/.jetty/${name}`;
  }

  function runCommand(
    exec: ExecOptions,
    stdinFd: number | undefined,
  ): Promise<ExecResult> {
    // destroy() may have started while stdin was being opened.
    ensureOpen();
    const cwd = exec.cwd ?? sandboxPaths.app;
    const sandboxEnv: Record<string, string> = {
      ...spec.env,
      ...exec.env,
      PATH: exec.env?.PATH ?? spec.env.PATH ?? tools.path,
      HOME: exec.env?.HOME ?? spec.env.HOME ?? localSandboxHome,
    };
    const envFile = writeEnvFile(sandboxEnv);
    const args = buildBwrapArgs({
      mounts: runDir.mounts,
      readOnlyDirs: tools.readOnlyDirs,
      cwd,
      statusFd,
      env: { PATH: sandboxEnv.PATH, HOME: sandboxEnv.HOME },
      argv: [...envLoader, envFile, ...exec.argv],
    });
    const stdio: StdioOptions = [stdinFd ?? "ignore", "pipe", "pipe", "pipe"];
    // bwrap itself runs on the host: it gets a fixed environment and an
    // absolute path, never a collection's variables (LD_PRELOAD, PATH…).
    // Those reach only the sandboxed process, through a 0600 file inside
    // the sandbox — not bwrap's command line, which any user can read.
    const child: ChildProcess = spawn(options.bwrapPath ?? bwrapBinary, args, {
      env: hostEnv as unknown as NodeJS.ProcessEnv,
      detached: true,
      stdio,
    });
    const proc = { child } as LiveProcess;
    let aborted = false;
    let hardKillTimer: NodeJS.Timeout | undefined;

    readStatus(child.stdio[statusFd] as Readable, proc);
    child.stdout?.on("data", (chunk: Buffer) => exec.onStdout(chunk));
    child.stderr?.on("data", (chunk: Buffer) => exec.onStderr(chunk));

    const onAbort = () => {
      aborted = true;
      void killSoftly(proc);
      hardKillTimer = setTimeout(() => killHard(proc), graceMs);
    };
    exec.signal?.addEventListener("abort", onAbort, { once: true });

    proc.done = new Promise<ExecResult>((resolve, reject) => {
      child.once("error", (error: NodeJS.ErrnoException) => {
        live.delete(proc);
        exec.signal?.removeEventListener("abort", onAbort);
        reject(
          error.code === "ENOENT"
            ? new AppError(
                "internal",
                "bubblewrap (bwrap) is not installed: the local sandbox needs it",
              )
            : error,
        );
      });
      child.once("close", (code, signal) => {
        live.delete(proc);
        clearTimeout(hardKillTimer);
        exec.signal?.removeEventListener("abort", onAbort);
        resolve(exitOf(code, signal, aborted));
      });
    });
    live.add(proc);

    return proc.done;
  }

  /** SIGTERM to every process in the sandbox except its init. */
  async function killSoftly(proc: LiveProcess): Promise<void> {
    if (proc.pidNamespace === undefined) {
      signalGroup(proc, "SIGTERM");
      return;
    }
    const pids = await pidsInNamespace(proc.pidNamespace);
    signalPids(
      pids.filter((pid) => pid !== proc.initPid),
      "SIGTERM",
    );
  }
}

/**
 * SIGKILL to bwrap's process group (bwrap and the namespace's init): when
 * the init dies the kernel kills everything else in the namespace.
 */
function killHard(proc: LiveProcess): void {
  signalGroup(proc, "SIGKILL");
  if (proc.initPid) signalPids([proc.initPid], "SIGKILL");
}

function signalGroup(proc: LiveProcess, signal: NodeJS.Signals): void {
  if (!proc.child.pid) return;
  try {
    process.kill(-proc.child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** bwrap writes one JSON object per line: first the child pid, then the exit. */
function readStatus(stream: Readable, proc: LiveProcess): void {
  let buffered = "";
  stream.setEncoding("utf8");
  stream.on("data", (text: string) => {
    buffered += text;
    const childPid = /"child-pid":\s*(\d+)/.exec(buffered);
    const namespace = /"pid-namespace":\s*(\d+)/.exec(buffered);
    if (childPid) proc.initPid = Number(childPid[1]);
    if (namespace) proc.pidNamespace = Number(namespace[1]);
  });
}

/**
 * bwrap reports a command killed by signal N as exit 128+N. When Jetty sent
 * the signal, say so instead of passing on a made-up exit code.
 */
function exitOf(
  code: number | null,
  signal: NodeJS.Signals | null,
  aborted: boolean,
): ExecResult {
  if (aborted && code !== null && code > 128) {
    const name = Object.entries(constants.signals).find(
      ([, number]) => number === code - 128,
    )?.[0];
    if (name) return { exitCode: null, signal: name };
  }

  return { exitCode: code, signal };
}

export interface ReapOptions {
  rootDir?: string;
  /** True for runs whose sandbox must stay (still running elsewhere). */
  keep(runId: string): boolean | Promise<boolean>;
}

/**
 * Removes per-run directories (and kills their bwrap processes) left behind
 * by a crashed worker. Call at worker start; returns the reaped run ids.
 */
export async function reapLocalSandboxes(
  options: ReapOptions,
): Promise<string[]> {
  const rootDir = path.resolve(
    options.rootDir ?? path.join(env().dataDir, "sandboxes"),
  );
  const entries = await fs
    .readdir(rootDir, { withFileTypes: true })
    .catch(() => []);
  const reaped: string[] = [];

  for (const entry of entries) {
    if (!entry.isDirectory() || (await options.keep(entry.name))) continue;
    const dir = path.join(rootDir, entry.name);
    const pids = await pidsWithCommandLine(`${dir}/`);
    signalPids(pids, "SIGKILL");
    await waitForExit(pids);
    await fs.rm(dir, { recursive: true, force: true });
    logger.info({ runId: entry.name, killed: pids.length }, "sandbox.reaped");
    reaped.push(entry.name);
  }

  return reaped;
}

async function waitForExit(pids: number[]): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const alive = pids.filter((pid) => existsSync(`/proc/${pid}`));
    if (alive.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
