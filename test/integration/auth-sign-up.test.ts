import bcrypt from "bcryptjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { teamContextFromSession } from "@/lib/auth/context";
import { signUp } from "@/lib/auth/sign-up";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { rejection } from "@/test/support/app-error";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.drop();
});

describe("signUp", () => {
  it("creates the user, their own team, an owner membership and an audit row", async () => {
    const { userId, teamId } = await signUp({
      name: "Ada",
      email: "Ada@Example.test",
      password: "correct horse battery",
    });

    const user = await db.prisma.user.findUniqueOrThrow({
      where: { id: userId },
    });
    expect(user.email).toBe("ada@example.test");
    expect(user.passwordHash).not.toContain("correct horse battery");
    expect(
      await bcrypt.compare("correct horse battery", user.passwordHash),
    ).toBe(true);

    const team = await db.prisma.team.findUniqueOrThrow({
      where: { id: teamId },
    });
    expect(team.name).toBe("Ada's team");

    const memberships = await db.prisma.membership.findMany({
      where: { userId },
    });
    expect(memberships.map((m) => [m.teamId, m.role])).toEqual([
      [teamId, "owner"],
    ]);

    const audit = await db.prisma.auditLog.findMany({ where: { teamId } });
    expect(audit.map((a) => [a.action, a.actorId, a.target])).toEqual([
      ["user.signed_up", userId, `user:${userId}`],
    ]);
    expect(JSON.stringify(audit)).not.toContain("correct horse battery");
  });

  it("gives every signing-up user a team of their own", async () => {
    const first = await signUp({
      email: "first@example.test",
      password: "password-one",
    });
    const second = await signUp({
      email: "second@example.test",
      password: "password-two",
    });

    expect(second.teamId).not.toBe(first.teamId);
    const roles = await db.prisma.membership.findMany({
      where: { userId: { in: [first.userId, second.userId] } },
      select: { userId: true, teamId: true, role: true },
    });
    expect(roles).toHaveLength(2);
    expect(roles.every((r) => r.role === "owner")).toBe(true);
  });

  it("refuses a taken email with a field error and writes nothing", async () => {
    await signUp({ email: "taken@example.test", password: "password-one" });
    const teamsBefore = await db.prisma.team.count();

    const error = await rejection(
      signUp({ email: " TAKEN@example.test", password: "password-two" }),
    );

    expect(error.code).toBe("conflict");
    expect(error.issues.map((i) => i.path)).toEqual(["email"]);
    expect(await db.prisma.team.count()).toBe(teamsBefore);
  });

  it("rejects invalid input with errors per field", async () => {
    const error = await signUp({ email: "nope", password: "short" }).then(
      () => undefined,
      (e: unknown) => e as { issues?: { path: PropertyKey[] }[] },
    );

    expect(error?.issues?.map((i) => i.path.join(".")).sort()).toEqual([
      "email",
      "password",
    ]);
  });
});

describe("verifyCredentials", () => {
  it("returns the user for the right password only", async () => {
    const { userId } = await signUp({
      email: "grace@example.test",
      password: "hopper-1906",
    });

    expect(
      await verifyCredentials({
        email: "Grace@example.test",
        password: "hopper-1906",
      }),
    ).toEqual({ id: userId, email: "grace@example.test", name: null });
    expect(
      await verifyCredentials({
        email: "grace@example.test",
        password: "wrong-password",
      }),
    ).toBeNull();
    expect(
      await verifyCredentials({
        email: "nobody@example.test",
        password: "hopper-1906",
      }),
    ).toBeNull();
    expect(await verifyCredentials(undefined)).toBeNull();
  });
});

describe("the session of a new user", () => {
  it("resolves to their team as owner", async () => {
    const { userId, teamId } = await signUp({
      email: "linus@example.test",
      password: "penguin-1991",
    });

    const ctx = await teamContextFromSession({
      user: { id: userId, email: "linus@example.test" },
      expires: "2099-01-01T00:00:00.000Z",
    });

    expect(ctx).toEqual({ userId, teamId, role: "owner" });
  });
});
