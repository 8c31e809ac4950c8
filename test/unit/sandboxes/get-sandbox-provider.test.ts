import { afterEach, describe, expect, it, vi } from "vitest";

const baseEnv = {
  DATABASE_URL: "postgres://localhost:5432/jetty",
  JETTY_MASTER_KEY: Buffer.alloc(32, 1).toString("base64"),
  NEXTAUTH_SECRET: "a-secret-of-sixteen-chars",
  JETTY_DATA_DIR: "/tmp/jetty-provider-test",
};

/** Imports a fresh copy, since lib/env.ts caches the parsed environment. */
async function providerWith(extra: Record<string, string>) {
  vi.resetModules();
  for (const [key, value] of Object.entries({ ...baseEnv, ...extra })) {
    vi.stubEnv(key, value);
  }
  const { getSandboxProvider } = await import("@/lib/sandboxes");

  return getSandboxProvider;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("getSandboxProvider", () => {
  it("returns the local provider by default, once per process", async () => {
    const getSandboxProvider = await providerWith({});

    expect(getSandboxProvider().name).toBe("local");
    expect(getSandboxProvider()).toBe(getSandboxProvider());
  });

  it("refuses daytona clearly until that provider exists", async () => {
    const getSandboxProvider = await providerWith({ DAYTONA_API_KEY: "dtn_x" });

    expect(() => getSandboxProvider()).toThrow(
      "Daytona sandbox provider is not built yet",
    );
  });
});
