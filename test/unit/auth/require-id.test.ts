import { describe, expect, it } from "vitest";

import { requireId } from "@/lib/auth/require-id";
import { AppError } from "@/lib/errors";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? error.code : "not an AppError";
  }

  return undefined;
}

describe("requireId", () => {
  it("returns a present id unchanged", () => {
    expect(requireId("col_A1", "collection id")).toBe("col_A1");
  });

  it.each([undefined, null, "", "   "])(
    "refuses %j before it can reach a where",
    (value) => {
      expect(codeOf(() => requireId(value, "collection id"))).toBe(
        "bad_request",
      );
    },
  );

  it("uses the code it is given", () => {
    expect(codeOf(() => requireId(undefined, "user id", "unauthorized"))).toBe(
      "unauthorized",
    );
  });
});
