import fs from "node:fs/promises";

/**
 * Processes are found by their PID namespace, not their process group: the
 * sandboxed command runs under `--new-session`, and an agent's tools start
 * their own groups, so only the namespace holds the whole tree.
 */

/** Host pids of every process in the PID namespace with this inode. */
export async function pidsInNamespace(inode: number): Promise<number[]> {
  const wanted = `pid:[${inode}]`;
  const entries = await fs.readdir("/proc").catch(() => [] as string[]);
  const pids: number[] = [];
  await Promise.all(
    entries
      .filter((name) => /^\d+$/.test(name))
      .map(async (name) => {
        const link = await fs.readlink(`/proc/${name}/ns/pid`).catch(() => "");
        if (link === wanted) pids.push(Number(name));
      }),
  );

  return pids.sort((a, b) => a - b);
}

/** Sends `signal` to each pid, ignoring ones that are already gone. */
export function signalPids(pids: number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // Exited between listing and signalling.
    }
  }
}

/** Host pids whose command line mentions `needle` (bwrap of a run dir). */
export async function pidsWithCommandLine(needle: string): Promise<number[]> {
  const entries = await fs.readdir("/proc").catch(() => [] as string[]);
  const pids: number[] = [];
  await Promise.all(
    entries
      .filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid)
      .map(async (name) => {
        const cmdline = await fs
          .readFile(`/proc/${name}/cmdline`, "utf8")
          .catch(() => "");
        if (cmdline.split("\0").some((arg) => arg.includes(needle))) {
          pids.push(Number(name));
        }
      }),
  );

  return pids.sort((a, b) => a - b);
}
