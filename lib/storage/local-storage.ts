import "server-only";

import { createReadStream } from "node:fs";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";

import { env } from "@/lib/env";

/**
 * Where results files and agent logs are kept once a sandbox is gone.
 * Keys are made by Jetty (never from names an agent chose), so a key can
 * never point outside the storage folder.
 */
export interface Storage {
  put(key: string, data: Uint8Array | string): Promise<void>;
  read(key: string): Promise<Buffer>;
  stream(key: string): Promise<{ body: Readable; size: number }>;
}

const keyPattern =
  /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

export function createLocalStorage(rootDir: string): Storage {
  const locate = (key: string) => {
    if (!keyPattern.test(key)) throw new Error(`invalid storage key: ${key}`);

    return path.join(rootDir, key);
  };

  return {
    async put(key, data) {
      const file = locate(key);
      // Results and logs are the team's data: no other host user reads them.
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      await writeFile(file, data, { mode: 0o600 });
    },
    read: (key) => readFile(locate(key)),
    async stream(key) {
      const file = locate(key);
      const { size } = await stat(file);

      return { body: createReadStream(file), size };
    },
  };
}

let storage: Storage | undefined;

/** The storage of this deployment: `<JETTY_DATA_DIR>/storage`. */
export function getStorage(): Storage {
  storage ??= createLocalStorage(path.join(env().dataDir, "storage"));

  return storage;
}
