import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { ensureDevSecret } from "@/lib/dev/dev-secret";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "jetty-dev-secret-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("ensureDevSecret", () => {
  it("generates 32 random bytes as base64 into a file only its owner reads", async () => {
    const file = path.join(dir, "master.key");

    const { value, created } = await ensureDevSecret(file);

    expect(created).toBe(true);
    expect(Buffer.from(value, "base64")).toHaveLength(32);
    expect((await readFile(file, "utf8")).trim()).toBe(value);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it("reuses the key from an earlier run", async () => {
    const file = path.join(dir, "master.key");
    const first = await ensureDevSecret(file);

    const second = await ensureDevSecret(file);

    expect(second).toEqual({ value: first.value, created: false });
  });

  it("reads a key written by hand, ignoring surrounding whitespace", async () => {
    const file = path.join(dir, "nextauth.secret");
    await writeFile(file, "  hand-written-secret\n");

    expect(await ensureDevSecret(file)).toEqual({
      value: "hand-written-secret",
      created: false,
    });
  });

  it("gives racing callers the same key", async () => {
    const file = path.join(dir, "master.key");

    const results = await Promise.all(
      Array.from({ length: 5 }, () => ensureDevSecret(file)),
    );

    expect(new Set(results.map((r) => r.value)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });
});
