import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { isAppError } from "@/lib/errors";
import {
  isInside,
  mapSandboxPath,
  runDirFor,
  type RunDir,
} from "@/lib/sandboxes/local/run-dir";
import {
  listSandboxFiles,
  readSandboxFile,
  writeSandboxFile,
} from "@/lib/sandboxes/local/sandbox-files";

let rootDir: string;
let runDir: RunDir;
const host = (...parts: string[]) => path.join(runDir.root, ...parts);

beforeEach(async () => {
  rootDir = await fs.mkdtemp(path.join(os.tmpdir(), "jetty-files-"));
  runDir = runDirFor(rootDir, "run-1");
  for (const mount of runDir.mounts)
    await fs.mkdir(mount.host, { recursive: true });
  await fs.mkdir(host("app", "results"));
});
afterEach(() => fs.rm(rootDir, { recursive: true, force: true }));

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return isAppError(error) ? error.code : `not an AppError: ${error}`;
  }
  return "resolved";
}

describe("runDirFor / mapSandboxPath", () => {
  it("refuses run ids that are not plain slugs", () => {
    for (const bad of ["../x", "a/b", "", ".hidden", "a b"]) {
      expect(() => runDirFor(rootDir, bad), bad).toThrow(/Invalid run id/);
    }
  });

  it("maps each mount and normalises before choosing one", () => {
    expect(mapSandboxPath(runDir, "/app/results/a.md").host).toBe(
      host("app", "results", "a.md"),
    );
    expect(mapSandboxPath(runDir, "/logs/agent").host).toBe(
      host("logs", "agent"),
    );
    expect(mapSandboxPath(runDir, "/home/jetty/.codex/config.toml").host).toBe(
      host("home", ".codex", "config.toml"),
    );
    expect(mapSandboxPath(runDir, "/app/x/../y").host).toBe(host("app", "y"));
  });

  it("refuses relative paths and paths outside the mounts", () => {
    for (const bad of [
      "app/x",
      "/etc/passwd",
      "/app/../etc/passwd",
      "/application",
    ]) {
      expect(() => mapSandboxPath(runDir, bad), bad).toThrow(/sandbox/i);
    }
  });

  it("treats only real children as inside", () => {
    expect(isInside("/a/b", "/a/b")).toBe(true);
    expect(isInside("/a/b", "/a/b/..c")).toBe(true);
    expect(isInside("/a/b", "/a/bc")).toBe(false);
    expect(isInside("/a/b", "/a")).toBe(false);
  });
});

describe("listSandboxFiles", () => {
  it("lists regular files recursively, sorted, skipping symlinks and escapes (B27)", async () => {
    await fs.writeFile(host("app", "results", "report.md"), "# hi");
    await fs.mkdir(host("app", "results", "sub"));
    await fs.writeFile(host("app", "results", "sub", "data.csv"), "a,b\n");
    await fs.writeFile(host("app", ".env"), "SECRET=1");
    await fs.symlink("/etc/passwd", host("app", "results", "passwd"));
    await fs.symlink("../.env", host("app", "results", "env"));
    await fs.symlink("../../../../..", host("app", "results", "up"));
    await fs.symlink("sub", host("app", "results", "sub-link"));

    const files = await listSandboxFiles(runDir, "/app/results");

    expect(files).toEqual([
      { path: "report.md", size: 4 },
      { path: "sub/data.csv", size: 4 },
    ]);
  });

  it("lists nothing when the directory is missing or is itself a symlink", async () => {
    await fs.rm(host("app", "results"), { recursive: true });
    await fs.symlink("/etc", host("app", "results"));

    expect(await listSandboxFiles(runDir, "/app/results")).toEqual([]);
    expect(await listSandboxFiles(runDir, "/app/missing")).toEqual([]);
  });
});

describe("readSandboxFile", () => {
  it("reads a file inside its mount", async () => {
    await fs.writeFile(host("logs", "agent", "codex.txt"), "log line\n");

    expect(
      (await readSandboxFile(runDir, "/logs/agent/codex.txt")).toString(),
    ).toBe("log line\n");
  });

  it("refuses symlinks whose real path leaves the mount, and traversal", async () => {
    await fs.symlink("/etc/passwd", host("app", "results", "link"));
    await fs.writeFile(host("home", ".bashrc"), "secret");
    await fs.symlink("../../home/.bashrc", host("app", "results", "home-link"));

    expect(await codeOf(readSandboxFile(runDir, "/app/results/link"))).toBe(
      "bad_request",
    );
    expect(
      await codeOf(readSandboxFile(runDir, "/app/results/home-link")),
    ).toBe("bad_request");
    expect(
      await codeOf(readSandboxFile(runDir, "/app/results/../../etc/passwd")),
    ).toBe("bad_request");
  });

  it("refuses symlinks even when they stay inside the mount", async () => {
    await fs.writeFile(host("app", ".env"), "SECRET=1");
    await fs.symlink("../.env", host("app", "results", "env"));
    await fs.mkdir(host("app", "real"));
    await fs.writeFile(host("app", "real", "f.txt"), "x");
    await fs.symlink("real", host("app", "dir-link"));

    expect(await codeOf(readSandboxFile(runDir, "/app/results/env"))).toBe(
      "bad_request",
    );
    expect(await codeOf(readSandboxFile(runDir, "/app/dir-link/f.txt"))).toBe(
      "bad_request",
    );
  });

  it("says not_found for missing files and bad_request for directories", async () => {
    expect(await codeOf(readSandboxFile(runDir, "/app/results/nope"))).toBe(
      "not_found",
    );
    expect(await codeOf(readSandboxFile(runDir, "/app/results"))).toBe(
      "bad_request",
    );
  });
});

describe("writeSandboxFile", () => {
  it("creates parent directories", async () => {
    await writeSandboxFile(runDir, "/home/jetty/.gemini/settings.json", "{}");

    expect(
      await fs.readFile(host("home", ".gemini", "settings.json"), "utf8"),
    ).toBe("{}");
  });

  it("never writes through a symlink", async () => {
    const outside = path.join(rootDir, "outside.txt");
    await fs.writeFile(outside, "untouched");
    await fs.symlink(outside, host("app", "target"));
    await fs.symlink(rootDir, host("app", "dir-link"));

    expect(await codeOf(writeSandboxFile(runDir, "/app/target", "x"))).toBe(
      "bad_request",
    );
    expect(
      await codeOf(writeSandboxFile(runDir, "/app/dir-link/outside.txt", "x")),
    ).toBe("bad_request");
    expect(await fs.readFile(outside, "utf8")).toBe("untouched");
  });
});
