import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { buildIsStale } from "@/lib/dev/build-is-stale";

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "jetty-stale-"));
  await mkdir(path.join(root, "lib/runs"), { recursive: true });
  await writeFile(path.join(root, "lib/runs/a.ts"), "export {};\n");
});

afterEach(() => rm(root, { recursive: true, force: true }));

async function build(at: Date) {
  await mkdir(path.join(root, ".next"), { recursive: true });
  await writeFile(path.join(root, ".next/BUILD_ID"), "x");
  await utimes(path.join(root, ".next/BUILD_ID"), at, at);
}

describe("buildIsStale", () => {
  it("is stale with no build", () => {
    expect(buildIsStale(root)).toBe(true);
  });

  it("is fresh when every source is older than the build", async () => {
    const old = new Date(Date.now() - 60_000);
    await utimes(path.join(root, "lib/runs/a.ts"), old, old);
    await build(new Date());

    expect(buildIsStale(root)).toBe(false);
  });

  it("is stale when a source changed after the build", async () => {
    await build(new Date(Date.now() - 60_000));

    expect(buildIsStale(root)).toBe(true);
  });
});
