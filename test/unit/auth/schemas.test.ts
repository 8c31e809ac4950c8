import { describe, expect, it } from "vitest";

import { signInSchema, signUpSchema } from "@/lib/auth/schemas";

function issuePaths(result: { error?: { issues: { path: PropertyKey[] }[] } }) {
  return (result.error?.issues ?? []).map((i) => i.path.join("."));
}

describe("signUpSchema", () => {
  it("normalizes the email and drops an empty name", () => {
    const parsed = signUpSchema.parse({
      name: "  ",
      email: "  Ada@Example.TEST ",
      password: "correct horse",
    });

    expect(parsed).toEqual({
      name: undefined,
      email: "ada@example.test",
      password: "correct horse",
    });
  });

  it("reports each bad field under its own path", () => {
    const result = signUpSchema.safeParse({
      email: "not-an-email",
      password: "short",
    });

    expect(result.success).toBe(false);
    expect(issuePaths(result).sort()).toEqual(["email", "password"]);
  });
});

describe("signInSchema", () => {
  it("requires a password", () => {
    const result = signInSchema.safeParse({
      email: "a@example.test",
      password: "",
    });

    expect(issuePaths(result)).toEqual(["password"]);
  });
});
