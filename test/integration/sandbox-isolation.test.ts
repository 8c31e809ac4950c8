import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { isAppError } from "@/lib/errors";
import {
  createLocalSandboxProvider,
  reapLocalSandboxes,
} from "@/lib/sandboxes/local";
import type {
  ExecOptions,
  Sandbox,
  SandboxProvider,
} from "@/lib/sandboxes/types";

// Real bubblewrap processes, no mocks. The data dir holds a stand-in master
// key so the test can prove the sandbox cannot see it.
let base: string;
let dataDir: string;
let rootDir: string;
let provider: SandboxProvider;
const open: Sandbox[] = [];
let runCounter = 0;

beforeAll(async () => {
  base = await fs.mkdtemp(path.join(os.tmpdir(), "jetty-sbx-"));
  dataDir = path.join(base, ".jetty");
  rootDir = path.join(dataDir, "sandboxes");
  await fs.mkdir(rootDir, { recursive: true });
  await fs.writeFile(path.join(dataDir, "master.key"), "not-a-real-key");
  provider = createLocalSandboxProvider({
    rootDir,
    protectedDirs: [dataDir],
    killGraceMs: 500,
  });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.destroy()));
});
afterAll(() => fs.rm(base, { recursive: true, force: true }));

async function newSandbox(env: Record<string, string> = {}) {
  const sandbox = await provider.create({
    runId: `iso-${process.pid}-${++runCounter}`,
    snapshot: "python312-uv",
    env,
    labels: {},
    timeoutSec: 60,
  });
  open.push(sandbox);

  return sandbox;
}

type RunOptions = Omit<ExecOptions, "argv" | "onStdout" | "onStderr"> & {
  onStdout?: (text: string) => void;
};

async function run(sandbox: Sandbox, argv: string[], options: RunOptions = {}) {
  let stdout = "";
  let stderr = "";
  const decoder = new TextDecoder();
  const result = await sandbox.exec({
    ...options,
    argv,
    onStdout(chunk) {
      const text = decoder.decode(chunk, { stream: true });
      stdout += text;
      options.onStdout?.(stdout);
    },
    onStderr(chunk) {
      stderr += Buffer.from(chunk).toString("utf8");
    },
  });

  return { ...result, stdout, stderr };
}

const sh = (script: string) => ["sh", "-c", script];

/** Host pids running exactly `sleep <seconds>` (unique per test). */
async function sleepers(seconds: string): Promise<number[]> {
  const pids: number[] = [];
  for (const name of await fs.readdir("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const cmdline = await fs
      .readFile(`/proc/${name}/cmdline`, "utf8")
      .catch(() => "");
    if (cmdline === `sleep\0${seconds}\0`) pids.push(Number(name));
  }

  return pids;
}

describe("local sandbox filesystem", () => {
  it("shows /app, /app/results, /logs/agent and the home, with /app as cwd", async () => {
    const sandbox = await newSandbox();
    const result = await run(
      sandbox,
      sh(
        'pwd; for d in /app /app/results /logs/agent "$HOME" /tmp; do test -d "$d" && test -w "$d" && echo "rw $d"; done',
      ),
    );

    expect(result.stdout.split("\n")).toEqual([
      "/app",
      "rw /app",
      "rw /app/results",
      "rw /logs/agent",
      `rw ${sandbox.home}`,
      "rw /tmp",
      "",
    ]);
  });

  it("hides the data dir, the project, /root and host secrets; the root is read-only", async () => {
    const sandbox = await newSandbox();
    const projectJetty = path.resolve(".jetty");
    const result = await run(
      sandbox,
      sh(
        [
          `for p in ${dataDir} ${path.join(dataDir, "master.key")} ${projectJetty} /root /etc/shadow /work/shared ${path.resolve("package.json")}; do test -e "$p" && echo "visible $p"; done`,
          `ls -A ${process.cwd()}`,
          "touch /escape 2>/dev/null || echo 'root read-only'",
        ].join("; "),
      ),
    );

    expect(result.stdout).toBe("node_modules\nroot read-only\n");
  });

  it("files written inside show up through listFiles/readFile on the host", async () => {
    const sandbox = await newSandbox();
    await run(
      sandbox,
      sh(
        "mkdir -p results/sub && printf 'a,b\\n' > results/sub/t.csv && echo hi > results/r.md",
      ),
    );

    expect(await sandbox.listFiles("/app/results")).toEqual([
      { path: "r.md", size: 3 },
      { path: "sub/t.csv", size: 4 },
    ]);
    expect((await sandbox.readFile("/app/results/r.md")).toString()).toBe(
      "hi\n",
    );
  });

  it("skips and refuses symlinks the agent plants out of results (B27)", async () => {
    const sandbox = await newSandbox();
    await sandbox.writeFile("/app/.env", "ANTHROPIC_API_KEY=secret\n");
    await run(
      sandbox,
      sh(
        "cd results && echo ok > ok.txt && ln -s /etc/passwd passwd && ln -s ../.env env && ln -s ../../../../../../../../../../../../etc/passwd up",
      ),
    );

    expect(await sandbox.listFiles("/app/results")).toEqual([
      { path: "ok.txt", size: 3 },
    ]);
    for (const file of ["passwd", "env", "up"]) {
      const error = await sandbox
        .readFile(`/app/results/${file}`)
        .catch((e) => e);
      expect(isAppError(error) ? error.code : error, file).toBe("bad_request");
    }
    const traversal = await sandbox
      .readFile("/app/results/../../etc/passwd")
      .catch((e) => e);
    expect(isAppError(traversal) ? traversal.code : traversal).toBe(
      "bad_request",
    );
  });
});

describe("local sandbox processes", () => {
  it("sets exactly the given env plus PATH and HOME (and bwrap's PWD)", async () => {
    const sandbox = await newSandbox({ FROM_SPEC: "1" });
    const result = await run(sandbox, ["env"], {
      env: { ANTHROPIC_API_KEY: "k" },
    });
    const names = result.stdout
      .trim()
      .split("\n")
      .map((line) => line.split("=")[0]);

    expect(names.sort()).toEqual([
      "ANTHROPIC_API_KEY",
      "FROM_SPEC",
      "HOME",
      "PATH",
      "PWD",
    ]);
    expect(result.stdout).toContain(`HOME=${sandbox.home}\n`);
    expect(result.stdout).toMatch(
      /^PATH=.*node_modules\/\.bin:.*:\/usr\/bin:\/bin$/m,
    );
  });

  it("never hands the run's variables to the host bwrap process", async () => {
    // A preload that would run on the host if bwrap saw it: it marks a
    // file outside the sandbox. Inside the sandbox /tmp/host-mark does not
    // reach the host's /tmp.
    const mark = path.join(os.tmpdir(), `jetty-preload-${process.pid}`);
    const source = path.join(os.tmpdir(), `jetty-preload-${process.pid}.c`);
    const library = path.join(os.tmpdir(), `jetty-preload-${process.pid}.so`);
    await fs.writeFile(
      source,
      `#include <stdio.h>\n__attribute__((constructor)) static void m(void){FILE*f=fopen("${mark}","w");if(f)fclose(f);}\n`,
    );
    await new Promise<void>((resolve, reject) =>
      spawn("cc", ["-shared", "-fPIC", "-o", library, source])
        .on("exit", (code) =>
          code === 0 ? resolve() : reject(new Error("cc failed")),
        )
        .on("error", reject),
    );
    const sandbox = await newSandbox();

    const result = await run(
      sandbox,
      ["/usr/bin/sh", "-c", 'echo "$LD_PRELOAD|$PATH"'],
      {
        env: { LD_PRELOAD: library, PATH: "/nowhere" },
      },
    );

    expect(existsSync(mark)).toBe(false);
    // The agent still gets exactly what it was given.
    expect(result.stdout.trim()).toBe(`${library}|/nowhere`);
    await Promise.all(
      [source, library, mark].map((f) => fs.rm(f, { force: true })),
    );
  });

  it("runs in a private PID namespace", async () => {
    const sandbox = await newSandbox();
    const result = await run(
      sandbox,
      sh("echo $$; ls /proc | grep -c '^[0-9]'"),
    );
    const [ownPid, processCount] = result.stdout.trim().split("\n").map(Number);

    // bwrap's init is pid 1, the shell pid 2; the host's processes are absent.
    expect(ownPid).toBe(2);
    expect(processCount).toBeLessThanOrEqual(4);
  });

  it("passes exit codes, raw bytes and stdin through", async () => {
    const sandbox = await newSandbox();
    await sandbox.writeFile("/app/prompt.md", "---\nagent: x\n---\nbody\n");
    const bytes: number[] = [];
    const raw = await sandbox.exec({
      argv: sh("printf '\\377\\376ok'; exit 7"),
      onStdout: (chunk) => bytes.push(...chunk),
      onStderr: () => {},
    });
    const piped = await run(sandbox, ["cat"], { stdinFile: "/app/prompt.md" });
    const empty = await run(sandbox, ["cat"]);

    expect(raw).toEqual({ exitCode: 7, signal: null });
    expect(bytes).toEqual([0xff, 0xfe, 0x6f, 0x6b]);
    expect(piped.stdout).toBe("---\nagent: x\n---\nbody\n");
    expect(empty).toMatchObject({ exitCode: 0, stdout: "" });
  });

  it("abort kills the whole tree, including children in their own session", async () => {
    const sandbox = await newSandbox();
    const controller = new AbortController();
    const token = "3217.25";
    const result = await run(
      sandbox,
      sh(`sleep ${token} & setsid sleep ${token} & echo started; wait`),
      {
        signal: controller.signal,
        onStdout: (text) => {
          if (text.includes("started")) {
            void expect
              .poll(() => sleepers(token).then((p) => p.length))
              .toBe(2)
              .then(() => controller.abort());
          }
        },
      },
    );

    expect(result).toMatchObject({ exitCode: null, signal: "SIGTERM" });
    expect(await sleepers(token)).toEqual([]);
  });

  it("escalates to SIGKILL when the agent ignores SIGTERM", async () => {
    const sandbox = await newSandbox();
    const controller = new AbortController();
    const token = "3218.25";
    const result = await run(
      sandbox,
      sh(`trap '' TERM; sleep ${token} & echo started; while :; do wait; done`),
      {
        signal: controller.signal,
        onStdout: (text) => {
          if (text.includes("started")) controller.abort();
        },
      },
    );

    expect(result.signal).toBe("SIGKILL");
    expect(await sleepers(token)).toEqual([]);
  });

  it("destroy kills a running command, removes the run dir and is idempotent", async () => {
    const sandbox = await newSandbox();
    const dir = path.join(rootDir, sandbox.id.replace(/^local-/, ""));
    let started!: () => void;
    const ready = new Promise<void>((resolve) => (started = resolve));
    const running = run(sandbox, sh("echo started; exec sleep 3219.25"), {
      onStdout: (text) => text.includes("started") && started(),
    });
    await ready;

    await Promise.all([sandbox.destroy(), sandbox.destroy()]);
    await sandbox.destroy();

    expect((await running).signal).toBe("SIGKILL");
    expect(existsSync(dir)).toBe(false);
    expect(await sleepers("3219.25")).toEqual([]);
    await expect(run(sandbox, ["true"])).rejects.toThrow(/destroyed/);
  });
});

describe("local sandbox provider", () => {
  it("refuses to bind a directory that contains the data dir", () => {
    expect(() =>
      createLocalSandboxProvider({
        rootDir,
        agentPath: [base],
        protectedDirs: [dataDir],
      }),
    ).toThrow(/Refusing to bind/);
  });

  it("takes the sandbox down when the process that started it dies", async () => {
    const token = "3221.25";
    const script = path.join(base, "crashing-worker.mts");
    await fs.writeFile(
      script,
      [
        `import { createLocalSandboxProvider } from ${JSON.stringify(path.resolve("lib/sandboxes/local.ts"))};`,
        `const provider = createLocalSandboxProvider({ rootDir: ${JSON.stringify(rootDir)} });`,
        `const sandbox = await provider.create({ runId: "crash-${process.pid}", snapshot: "x", env: {}, labels: {}, timeoutSec: 60 });`,
        `await sandbox.exec({ argv: ["sh", "-c", "setsid sleep ${token} & echo started; wait"], onStdout: (c) => process.stdout.write(c), onStderr: () => {} });`,
      ].join("\n"),
    );
    const worker = spawn(process.execPath, ["--import", "tsx", script], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      worker.stdout.on("data", (c: Buffer) => {
        if (c.toString().includes("started")) resolve();
      });
      worker.once("exit", (code) => reject(new Error(`worker exited ${code}`)));
    });
    await expect.poll(() => sleepers(token).then((p) => p.length)).toBe(1);

    worker.kill("SIGKILL");

    await expect.poll(() => sleepers(token), { timeout: 10_000 }).toEqual([]);
    expect(await reapLocalSandboxes({ rootDir, keep: () => false })).toContain(
      `crash-${process.pid}`,
    );
  });

  it("reaps orphaned run dirs and their processes, keeping live runs", async () => {
    const orphan = await newSandbox();
    const kept = await newSandbox();
    const orphanId = orphan.id.replace(/^local-/, "");
    const keptId = kept.id.replace(/^local-/, "");
    let started!: () => void;
    const ready = new Promise<void>((resolve) => (started = resolve));
    const running = run(orphan, sh("echo started; exec sleep 3220.25"), {
      onStdout: (text) => text.includes("started") && started(),
    });
    await ready;

    const reaped = await reapLocalSandboxes({
      rootDir,
      keep: (id) => id === keptId,
    });

    expect(reaped).toContain(orphanId);
    expect(reaped).not.toContain(keptId);
    expect((await running).signal).toBe("SIGKILL");
    expect(existsSync(path.join(rootDir, orphanId))).toBe(false);
    expect(existsSync(path.join(rootDir, keptId))).toBe(true);
  });
});
