import "server-only";

import { createReadStream } from "node:fs";
import { mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";

/**
 * Where results files and agent logs are kept once a sandbox is gone.
 * Keys are made by Jetty (never from names an agent chose), so a key can
 * never point outside the storage folder.
 */
export interface Storage {
  put(key: string, data: Uint8Array | string): Promise<void>;
  read(key: string): Promise<Buffer>;
  stream(key: string): Promise<{ body: Readable; size: number }>;
  removePrefix(prefix: string): Promise<void>;
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
    async removePrefix(prefix) {
      await rm(locate(prefix), { recursive: true, force: true });
    },
  };
}

let storage: Storage | undefined;

/** The storage of this deployment: `<JETTY_DATA_DIR>/storage`. */
export function getStorage(): Storage {
  const dataDir = path.resolve(process.env.JETTY_DATA_DIR ?? ".jetty");
  storage ??= createLocalStorage(path.join(dataDir, "storage"));

  return storage;
}
