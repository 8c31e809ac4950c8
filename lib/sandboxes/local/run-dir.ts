import path from "node:path";

import { AppError } from "@/lib/errors";
import { sandboxPaths } from "@/lib/sandboxes/types";

/** Where the agent's home directory appears inside a local sandbox. */
export const localSandboxHome = "/home/jetty";

/** One read-write mount of a per-run directory into the sandbox. */
export interface RunMount {
  /** Absolute path inside the sandbox. */
  sandbox: string;
  /** Absolute path on the host. */
  host: string;
}

/** The per-run directory `<rootDir>/<runId>/` and what it is mounted as. */
export interface RunDir {
  root: string;
  mounts: RunMount[];
}

const runIdPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** Lays out `<rootDir>/<runId>/{app,logs/agent,home,tmp}` (nothing created). */
export function runDirFor(rootDir: string, runId: string): RunDir {
  // The run id becomes a path segment: anything but a plain slug could
  // point the sandbox somewhere else on the host.
  if (!runIdPattern.test(runId)) {
    throw new AppError("bad_request", `Invalid run id for a sandbox: ${runId}`);
  }
  const root = path.join(rootDir, runId);

  return {
    root,
    mounts: [
      { sandbox: sandboxPaths.app, host: path.join(root, "app") },
      { sandbox: sandboxPaths.logs, host: path.join(root, "logs", "agent") },
      { sandbox: localSandboxHome, host: path.join(root, "home") },
      { sandbox: "/tmp", host: path.join(root, "tmp") },
    ],
  };
}

/** A sandbox path resolved to its mount and the host path it stands for. */
export interface MappedPath {
  mount: RunMount;
  host: string;
}

/**
 * Maps an absolute sandbox path to the host. The path is normalised first,
 * so `/app/../etc/passwd` is `/etc/passwd` and maps to nothing. Symlinks are
 * not resolved here; callers check real paths.
 */
export function mapSandboxPath(
  runDir: RunDir,
  sandboxPath: string,
): MappedPath {
  if (!sandboxPath.startsWith("/") || sandboxPath.includes("\0")) {
    throw new AppError(
      "bad_request",
      `Sandbox paths must be absolute: ${sandboxPath}`,
    );
  }
  const normal = path.posix.normalize(sandboxPath);
  const mount = [...runDir.mounts]
    .sort((a, b) => b.sandbox.length - a.sandbox.length)
    .find((m) => normal === m.sandbox || normal.startsWith(`${m.sandbox}/`));
  if (!mount) {
    throw new AppError(
      "bad_request",
      `Path is outside the sandbox's directories: ${sandboxPath}`,
    );
  }
  const rest = normal.slice(mount.sandbox.length).replace(/^\//, "");

  return { mount, host: rest ? path.join(mount.host, rest) : mount.host };
}

/** True when `candidate` is `dir` or inside it (both already absolute). */
export function isInside(dir: string, candidate: string): boolean {
  const relative = path.relative(dir, candidate);

  return (
    relative !== ".." &&
    !relative.startsWith(`..${path.sep}`) &&
    !path.isAbsolute(relative)
  );
}
