import { describe, expect, it } from "vitest";

import {
  assertRole,
  canEdit,
  canManageKeys,
  canRun,
  roles,
  type Role,
} from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";

describe("role helpers", () => {
  const table: Record<Role, [keys: boolean, edit: boolean, run: boolean]> = {
    owner: [true, true, true],
    admin: [true, true, true],
    editor: [false, true, true],
    reviewer: [false, false, false],
  };

  it.each(roles)("gives %s the rights of its row", (role) => {
    expect([canManageKeys(role), canEdit(role), canRun(role)]).toEqual(
      table[role],
    );
  });
});

describe("assertRole", () => {
  it("passes an allowed role", () => {
    expect(() =>
      assertRole({ role: "admin" }, ["owner", "admin"]),
    ).not.toThrow();
  });

  it("throws forbidden for any other role", () => {
    let thrown: unknown;
    try {
      assertRole({ role: "reviewer" }, ["owner", "admin", "editor"]);
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe("forbidden");
    expect((thrown as AppError).status).toBe(403);
  });
});
