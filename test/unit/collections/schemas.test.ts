import { describe, expect, it } from "vitest";

import {
  collectionNameSchema,
  envVarNameSchema,
  envVarValueSchema,
} from "@/lib/collections/schemas";

describe("envVarNameSchema", () => {
  it.each([
    "PATH",
    "HOME",
    "LD_PRELOAD",
    "LD_LIBRARY_PATH",
    "JETTY_MASTER_KEY",
    "IS_SANDBOX",
  ])("refuses %s, which the runner sets itself", (name) => {
    const parsed = envVarNameSchema.safeParse(name);

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].message).toContain("set by Jetty");
  });

  it.each(["ANTHROPIC_API_KEY", "OPENAI_BASE_URL", "MY_PATH", "HOMEPAGE_URL"])(
    "accepts %s",
    (name) => {
      expect(envVarNameSchema.parse(name)).toBe(name);
    },
  );
});

describe("NUL characters", () => {
  it("are refused in values and collection names, with a field error", () => {
    expect(envVarValueSchema.safeParse("sk-ant\0x").success).toBe(false);
    expect(collectionNameSchema.safeParse("a\0b").success).toBe(false);
  });
});
