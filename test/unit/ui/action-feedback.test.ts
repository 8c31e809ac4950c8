import { describe, expect, it } from "vitest";

import { fieldErrors, formError } from "@/components/ui/action-feedback";
import type { ActionResult } from "@/lib/action-result";

const failed: ActionResult<never> = {
  ok: false,
  error: {
    code: "validation",
    message: "Some fields are not valid.",
    issues: [
      { path: "email", message: "Enter an email address." },
      { path: "email", message: "A second email problem." },
      { path: "password", message: "Use at least 8 characters." },
      { message: "An issue without a field." },
    ],
  },
};

describe("fieldErrors", () => {
  it("keeps the first message per field and skips issues without a path", () => {
    expect(fieldErrors(failed)).toEqual({
      email: "Enter an email address.",
      password: "Use at least 8 characters.",
    });
  });

  it("is empty before any result and after a success", () => {
    expect(fieldErrors(null)).toEqual({});
    expect(fieldErrors({ ok: true, data: { id: "x" } })).toEqual({});
  });
});

describe("formError", () => {
  it("gives the error's message for a failure only", () => {
    expect(formError(failed)).toBe("Some fields are not valid.");
    expect(formError({ ok: true, data: 1 })).toBeUndefined();
    expect(formError(undefined)).toBeUndefined();
  });
});
