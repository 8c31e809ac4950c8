import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { isInvalidTextError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-response";

import { createTestDatabase, type TestDatabase } from "../support/db";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.drop();
});

describe("a NUL in an id or path", () => {
  it("is a 404 from a route, not a 500", async () => {
    const error = await db.prisma.trajectory
      .findFirst({ where: { id: "tr\0x" } })
      .catch((e: unknown) => e);

    expect(isInvalidTextError(error)).toBe(true);
    const response = errorResponse(error);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      error: { code: "not_found" },
    });
  });

  it("leaves other database errors alone", async () => {
    const error = await db.prisma
      .$queryRawUnsafe("SELECT * FROM nope")
      .catch((e: unknown) => e);

    expect(isInvalidTextError(error)).toBe(false);
    expect(errorResponse(error).status).toBe(500);
  });
});
