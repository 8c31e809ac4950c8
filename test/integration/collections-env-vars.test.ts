import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { teamContextForUser, type TeamContext } from "@/lib/auth/context";
import type { Role } from "@/lib/auth/roles";
import { deleteEnvVar } from "@/lib/collections/delete-env-var";
import { listEnvVars } from "@/lib/collections/list-env-vars";
import { setEnvVar } from "@/lib/collections/set-env-var";
import { createSecretBox } from "@/lib/crypto/secret-box";
import { rejection } from "@/test/support/app-error";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";

const masterKey = Buffer.alloc(32, 42);
const plaintext = "sk-ant-test-0123456789abcdef";

let db: TestDatabase;
const ctx = {} as Record<Role, TeamContext>;
const collectionId = "col_env";

beforeAll(async () => {
  // The secret box reads these on first use, so set them before any call.
  process.env.JETTY_MASTER_KEY ??= masterKey.toString("base64");
  process.env.JETTY_MASTER_KEY_ID ??= "k1";
  process.env.NEXTAUTH_SECRET ??= "test-secret-for-env-vars";
  db = await createTestDatabase();

  await db.prisma.team.create({ data: { id: "team_env", name: "Env team" } });
  await db.prisma.collection.create({
    data: { id: collectionId, teamId: "team_env", name: "Env", slug: "env" },
  });
  for (const role of ["owner", "admin", "editor", "reviewer"] as const) {
    const userId = `usr_${role}`;
    await db.prisma.user.create({
      data: { id: userId, email: `${role}@example.test`, passwordHash: "x" },
    });
    await db.prisma.membership.create({
      data: { teamId: "team_env", userId, role },
    });
    ctx[role] = await teamContextForUser(userId);
  }
});

afterAll(async () => {
  await db?.drop();
});

function stored(name: string) {
  return db.prisma.envVar.findUnique({
    where: { collectionId_name: { collectionId, name } },
  });
}

describe("who may set a key", () => {
  it.each(["reviewer", "editor"] as const)(
    "a %s may not (forbidden) and nothing is stored",
    async (role) => {
      const error = await rejection(
        setEnvVar({
          ctx: ctx[role],
          collectionId,
          name: `KEY_BY_${role.toUpperCase()}`,
          value: plaintext,
        }),
      );

      expect(error.code).toBe("forbidden");
      expect(await stored(`KEY_BY_${role.toUpperCase()}`)).toBeNull();
    },
  );

  it.each(["admin", "owner"] as const)("a %s may", async (role) => {
    const name = `KEY_BY_${role.toUpperCase()}`;

    expect(
      await setEnvVar({ ctx: ctx[role], collectionId, name, value: plaintext }),
    ).toEqual({ name, created: true });
    expect(await stored(name)).not.toBeNull();
  });

  it.each(["reviewer", "editor"] as const)(
    "a %s may not delete one",
    async (role) => {
      const error = await rejection(
        deleteEnvVar({ ctx: ctx[role], collectionId, name: "KEY_BY_ADMIN" }),
      );

      expect(error.code).toBe("forbidden");
      expect(await stored("KEY_BY_ADMIN")).not.toBeNull();
    },
  );
});

describe("the stored value", () => {
  it("is ciphertext that is not the plaintext and decrypts back", async () => {
    await setEnvVar({
      ctx: ctx.admin,
      collectionId,
      name: "ANTHROPIC_API_KEY",
      value: `  ${plaintext}\n`,
    });
    const row = await stored("ANTHROPIC_API_KEY");

    expect(row?.ciphertext).toBeDefined();
    expect(row?.ciphertext).not.toContain(plaintext);
    expect(row?.keyId).toBe(process.env.JETTY_MASTER_KEY_ID);
    expect(row?.updatedById).toBe("usr_admin");
    const box = createSecretBox(
      Buffer.from(process.env.JETTY_MASTER_KEY!, "base64"),
      process.env.JETTY_MASTER_KEY_ID!,
    );
    // The pasted whitespace is trimmed; the key itself is kept exactly.
    expect(box.decrypt(row!.ciphertext, row!.keyId)).toBe(plaintext);
  });

  it("is replaced, not duplicated, when set again", async () => {
    const result = await setEnvVar({
      ctx: ctx.owner,
      collectionId,
      name: "ANTHROPIC_API_KEY",
      value: "sk-ant-second",
    });
    const rows = await db.prisma.envVar.findMany({
      where: { collectionId, name: "ANTHROPIC_API_KEY" },
    });

    expect(result).toEqual({ name: "ANTHROPIC_API_KEY", created: false });
    expect(rows).toHaveLength(1);
    expect(rows[0].updatedById).toBe("usr_owner");
  });
});

describe("listEnvVars", () => {
  it("gives names, who set them and when, never the value or ciphertext", async () => {
    await setEnvVar({
      ctx: ctx.admin,
      collectionId,
      name: "OPENAI_API_KEY",
      value: plaintext,
    });
    const ciphertexts = (
      await db.prisma.envVar.findMany({ where: { collectionId } })
    ).map((r) => r.ciphertext);

    // A reviewer reads the list too.
    const list = await listEnvVars({ ctx: ctx.reviewer, collectionId });
    const serialized = JSON.stringify(list);

    expect(list.map((v) => v.name)).toEqual([
      "ANTHROPIC_API_KEY",
      "KEY_BY_ADMIN",
      "KEY_BY_OWNER",
      "OPENAI_API_KEY",
    ]);
    expect(list.find((v) => v.name === "OPENAI_API_KEY")?.updatedBy).toEqual({
      id: "usr_admin",
      email: "admin@example.test",
    });
    for (const item of list) {
      expect(Object.keys(item).sort()).toEqual([
        "createdAt",
        "name",
        "updatedAt",
        "updatedBy",
      ]);
    }
    expect(serialized).not.toContain(plaintext);
    expect(serialized).not.toContain("sk-ant-second");
    for (const ciphertext of ciphertexts) {
      expect(serialized).not.toContain(ciphertext);
    }
  });
});

describe("names", () => {
  it.each(["anthropic_api_key", "1KEY", "MY-KEY", ""])(
    "refuses %j with a field error",
    async (name) => {
      const error = await rejection(
        setEnvVar({ ctx: ctx.admin, collectionId, name, value: "v" }),
      );

      expect(error.code).toBe("validation");
      expect(error.issues.map((i) => i.path)).toEqual(["name"]);
    },
  );

  it("refuses an empty value with a field error", async () => {
    const error = await rejection(
      setEnvVar({ ctx: ctx.admin, collectionId, name: "EMPTY", value: "  " }),
    );

    expect(error.issues.map((i) => i.path)).toEqual(["value"]);
  });
});

describe("deleteEnvVar", () => {
  it("removes the variable; a second delete is not_found", async () => {
    await setEnvVar({
      ctx: ctx.admin,
      collectionId,
      name: "TO_DELETE",
      value: plaintext,
    });

    expect(
      await deleteEnvVar({ ctx: ctx.admin, collectionId, name: "TO_DELETE" }),
    ).toEqual({ name: "TO_DELETE" });
    expect(await stored("TO_DELETE")).toBeNull();
    const again = await rejection(
      deleteEnvVar({ ctx: ctx.admin, collectionId, name: "TO_DELETE" }),
    );
    expect(again.code).toBe("not_found");
  });
});

describe("the audit trail", () => {
  it("has a row per change naming the variable, never its value", async () => {
    const rows = await db.prisma.auditLog.findMany({
      where: {
        teamId: "team_env",
        data: { path: ["name"], equals: "TO_DELETE" },
      },
      orderBy: { at: "asc" },
    });

    expect(rows.map((r) => [r.action, r.actorId, r.data])).toEqual([
      ["env_var.created", "usr_admin", { name: "TO_DELETE" }],
      ["env_var.deleted", "usr_admin", { name: "TO_DELETE" }],
    ]);
    const all = await db.prisma.auditLog.findMany({
      where: { teamId: "team_env" },
    });
    expect(JSON.stringify(all)).not.toContain(plaintext);
    expect(all.map((r) => r.action)).toContain("env_var.updated");
  });
});
