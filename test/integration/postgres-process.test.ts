import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";

import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";

import { freePort } from "@/lib/dev/free-port";
import { startPostgresProcess } from "@/lib/dev/postgres-process";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "jetty-pg-process-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));

  return dir;
}

async function canQuery(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query("SELECT 1");

    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);

    return true;
  } catch {
    return false;
  }
}

async function postmasterPid(dataDir: string): Promise<number> {
  const text = await readFile(path.join(dataDir, "postmaster.pid"), "utf8");

  return Number.parseInt(text.split("\n")[0], 10);
}

async function waitUntilGone(pid: number): Promise<void> {
  while (isAlive(pid)) await new Promise((r) => setTimeout(r, 100));
}

describe("startPostgresProcess", () => {
  it("serves the named database on 127.0.0.1 until stopped", async () => {
    const dataDir = path.join(await tempDir(), "pg");
    const output = new PassThrough().resume();

    const server = await startPostgresProcess(
      { dataDir, port: await freePort(), database: "jetty_app" },
      output,
    );
    const pid = await postmasterPid(dataDir);

    expect(new URL(server.url).hostname).toBe("127.0.0.1");
    expect(new URL(server.url).pathname).toBe("/jetty_app");
    expect(await canQuery(server.url)).toBe(true);

    await server.stop();

    expect(isAlive(pid)).toBe(false);
    expect(await canQuery(server.url)).toBe(false);
  });

  it("says why when Postgres cannot start", async () => {
    const dataDir = path.join(await tempDir(), "pg");
    const blocker = net.createServer().listen(0, "127.0.0.1");
    await once(blocker, "listening");
    cleanups.push(() => new Promise((r) => blocker.close(() => r())));
    const { port } = blocker.address() as net.AddressInfo;

    await expect(
      startPostgresProcess(
        { dataDir, port, database: "jetty" },
        new PassThrough().resume(),
      ),
    ).rejects.toThrow(/Address already in use/);
  });

  it("stops Postgres when the process that started it is killed", async () => {
    const dir = await tempDir();
    const dataDir = path.join(dir, "pg");
    const launcher = path.join(dir, "launcher.mts");
    await writeFile(
      launcher,
      `import { startPostgresProcess } from ${JSON.stringify(
        path.join(repoRoot, "lib/dev/postgres-process.ts"),
      )};
const server = await startPostgresProcess(
  { dataDir: ${JSON.stringify(dataDir)}, port: ${await freePort()}, database: "jetty" },
  process.stderr,
);
console.log(server.url);
setInterval(() => {}, 60_000);
`,
    );
    const child = spawn(process.execPath, ["--import", "tsx", launcher], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "inherit"],
    });
    const url = await Promise.race([
      once(child.stdout!, "data").then(([line]) => String(line).trim()),
      once(child, "exit").then(([code]) => {
        throw new Error(`the launcher stand-in exited early (${code})`);
      }),
    ]);
    expect(await canQuery(url)).toBe(true);
    const pid = await postmasterPid(dataDir);

    child.kill("SIGKILL");
    await waitUntilGone(pid);

    expect(await canQuery(url)).toBe(false);
  });
});
