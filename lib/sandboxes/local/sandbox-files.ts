import fs from "node:fs/promises";
import path from "node:path";

import { AppError } from "@/lib/errors";
import type { SandboxFile } from "@/lib/sandboxes/types";

import { isInside, mapSandboxPath, type RunDir } from "./run-dir";

/**
 * File access to a local sandbox from the host. The agent controls what is
 * under its mounts and can plant symlinks, so every access checks the real
 * path against the mount it came from (B27): a host-side realpath of
 * `/app/results/link -> /app/.env` would otherwise follow the host's `/app`.
 */

/** Reads a regular file; refuses escapes and paths through any symlink. */
export async function readSandboxFile(
  runDir: RunDir,
  sandboxPath: string,
): Promise<Buffer> {
  const host = await realPathInside(runDir, sandboxPath);
  const stat = await fs.stat(host);
  if (!stat.isFile()) {
    throw new AppError("bad_request", `Not a regular file: ${sandboxPath}`);
  }

  return fs.readFile(host);
}

/** Opens a file for a process's stdin, with the same checks as reading. */
export async function openSandboxFile(
  runDir: RunDir,
  sandboxPath: string,
): Promise<fs.FileHandle> {
  const host = await realPathInside(runDir, sandboxPath);

  return fs.open(host, "r");
}

/** Writes a file, creating parents; never writes through a symlink. */
export async function writeSandboxFile(
  runDir: RunDir,
  sandboxPath: string,
  content: string | Uint8Array,
): Promise<void> {
  const { mount, host } = mapSandboxPath(runDir, sandboxPath);
  const parent = path.dirname(host);
  await fs.mkdir(parent, { recursive: true });
  const realMount = await fs.realpath(mount.host);
  const realParent = await fs.realpath(parent);
  if (!isInside(realMount, realParent)) {
    throw new AppError(
      "bad_request",
      `Path escapes the sandbox: ${sandboxPath}`,
    );
  }
  const target = path.join(realParent, path.basename(host));
  const existing = await fs.lstat(target).catch(() => undefined);
  if (existing && !existing.isFile()) {
    throw new AppError(
      "bad_request",
      `Refusing to replace a non-regular file: ${sandboxPath}`,
    );
  }

  await fs.writeFile(target, content);
}

/**
 * Regular files under `dir`, recursively, sorted by path. Symlinks (to files
 * or directories) and anything whose real path leaves `dir` are skipped;
 * a missing or symlinked `dir` lists as empty.
 */
export async function listSandboxFiles(
  runDir: RunDir,
  sandboxDir: string,
): Promise<SandboxFile[]> {
  const { mount, host } = mapSandboxPath(runDir, sandboxDir);
  const top = await fs.lstat(host).catch(() => undefined);
  if (!top?.isDirectory()) return [];
  const realMount = await fs.realpath(mount.host);
  const realTop = await fs.realpath(host);
  if (!isInside(realMount, realTop)) return [];

  const files: SandboxFile[] = [];
  await walk(realTop, "", files, realTop);

  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function walk(
  dir: string,
  prefix: string,
  files: SandboxFile[],
  realTop: string,
): Promise<void> {
  const entries = await fs
    .readdir(dir, { withFileTypes: true })
    .catch(() => []);
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      await walk(full, relative, files, realTop);
    } else if (entry.isFile()) {
      const real = await fs.realpath(full).catch(() => undefined);
      if (!real || !isInside(realTop, real)) continue;
      const stat = await fs.stat(real).catch(() => undefined);
      if (stat?.isFile()) files.push({ path: relative, size: stat.size });
    }
  }
}

async function realPathInside(
  runDir: RunDir,
  sandboxPath: string,
): Promise<string> {
  const { mount, host } = mapSandboxPath(runDir, sandboxPath);
  let real: string;
  try {
    real = await fs.realpath(host);
  } catch {
    throw new AppError(
      "not_found",
      `No such file in the sandbox: ${sandboxPath}`,
    );
  }
  const realMount = await fs.realpath(mount.host);
  if (!isInside(realMount, real)) {
    throw new AppError(
      "bad_request",
      `Path escapes the sandbox: ${sandboxPath}`,
    );
  }
  // Even a link that stays inside the mount is refused: the agent made it,
  // and `/app/results/x -> ../.env` is exactly what B27 is about.
  if (path.relative(realMount, real) !== path.relative(mount.host, host)) {
    throw new AppError(
      "bad_request",
      `Path goes through a symlink: ${sandboxPath}`,
    );
  }

  return real;
}
