import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { createLocalStorage } from "@/lib/storage/local-storage";

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "jetty-storage-"));
});

afterEach(() => rm(root, { recursive: true, force: true }));

describe("createLocalStorage", () => {
  it("keeps files readable by Jetty's user only", async () => {
    const storage = createLocalStorage(root);

    await storage.put("trajectories/t1/results/0", "data");

    expect(
      (await stat(path.join(root, "trajectories/t1/results/0"))).mode & 0o777,
    ).toBe(0o600);
    expect(
      (await stat(path.join(root, "trajectories/t1/results"))).mode & 0o777,
    ).toBe(0o700);
    expect((await storage.read("trajectories/t1/results/0")).toString()).toBe(
      "data",
    );
  });

  it("refuses keys that could leave the storage folder", async () => {
    const storage = createLocalStorage(root);

    for (const key of ["../x", "/etc/passwd", "a/../../b", "a//b", ""]) {
      await expect(storage.put(key, "x")).rejects.toThrow(
        "invalid storage key",
      );
    }
  });
});
