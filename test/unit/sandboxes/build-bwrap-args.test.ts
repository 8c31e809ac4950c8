import { describe, expect, it } from "vitest";

import { buildBwrapArgs } from "@/lib/sandboxes/local/build-bwrap-args";
import { runDirFor } from "@/lib/sandboxes/local/run-dir";

const runDir = runDirFor("/data/sandboxes", "run-9");
const args = buildBwrapArgs({
  mounts: runDir.mounts,
  readOnlyDirs: ["/opt/node24", "/repo/node_modules"],
  cwd: "/app",
  statusFd: 3,
  argv: ["claude", "-p", "--", "---\nfront matter"],
});

/** The operands following each occurrence of `flag`. */
function after(flag: string, count: number): string[][] {
  const found: string[][] = [];
  args.forEach((arg, i) => {
    if (arg === flag) found.push(args.slice(i + 1, i + 1 + count));
  });
  return found;
}

describe("buildBwrapArgs", () => {
  it("isolates the process tree and session and drops capabilities", () => {
    for (const flag of [
      "--die-with-parent",
      "--new-session",
      "--unshare-pid",
    ]) {
      expect(args).toContain(flag);
    }
    expect(after("--cap-drop", 1)).toEqual([["ALL"]]);
    expect(args).not.toContain("--unshare-net");
  });

  it("binds the per-run directories read-write and the tools read-only", () => {
    expect(after("--bind", 2)).toEqual([
      ["/data/sandboxes/run-9/app", "/app"],
      ["/data/sandboxes/run-9/logs/agent", "/logs/agent"],
      ["/data/sandboxes/run-9/home", "/home/jetty"],
      ["/data/sandboxes/run-9/tmp", "/tmp"],
    ]);
    expect(after("--ro-bind", 2)).toEqual([
      ["/usr", "/usr"],
      ["/opt/node24", "/opt/node24"],
      ["/repo/node_modules", "/repo/node_modules"],
    ]);
  });

  it("binds the tools after the run's /tmp, so a checkout under /tmp stays visible", () => {
    const underTmp = buildBwrapArgs({
      mounts: runDir.mounts,
      readOnlyDirs: ["/tmp/ci/jetty/node_modules"],
      cwd: "/app",
      statusFd: 3,
      argv: ["true"],
    });
    const tmpMount = underTmp.findIndex(
      (arg, i) => arg === "/tmp" && underTmp[i - 2] === "--bind",
    );
    const tools = underTmp.indexOf("/tmp/ci/jetty/node_modules");

    expect(tmpMount).toBeGreaterThan(0);
    expect(tools).toBeGreaterThan(tmpMount);
  });

  it("exposes only chosen parts of /etc, never shadow or private keys", () => {
    const etc = after("--ro-bind-try", 1).map(([source]) => source);

    expect(etc).toContain("/etc/passwd");
    expect(etc).toContain("/etc/resolv.conf");
    expect(etc).toContain("/etc/ssl/certs");
    expect(
      etc.filter((e) => /shadow|ssh|ssl\/private|^\/etc$/.test(e)),
    ).toEqual([]);
  });

  it("passes the command after `--` untouched and sets no environment but the plan's", () => {
    const separator = args.indexOf("--");

    expect(args.slice(separator + 1)).toEqual([
      "claude",
      "-p",
      "--",
      "---\nfront matter",
    ]);
    expect(after("--chdir", 1)).toEqual([["/app"]]);
    expect(args).toContain("--clearenv");
    expect(after("--setenv", 2)).toEqual([]);
    const withEnv = buildBwrapArgs({
      mounts: runDir.mounts,
      readOnlyDirs: [],
      cwd: "/app",
      statusFd: 3,
      env: { PATH: "/usr/bin:/bin", HOME: "/home/jetty" },
      argv: ["true"],
    });
    expect(withEnv.filter((a, i) => withEnv[i - 1] === "--setenv")).toEqual([
      "PATH",
      "HOME",
    ]);
  });
});
