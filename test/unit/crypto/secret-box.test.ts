import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";

import {
  createSecretBox,
  decryptSecret,
  encryptSecret,
} from "@/lib/crypto/secret-box";

const key = randomBytes(32);

function flipByteInPart(ciphertext: string, index: number): string {
  const parts = ciphertext.split(".");
  const bytes = Buffer.from(parts[index], "base64url");
  bytes[0] ^= 0x01;
  parts[index] = bytes.toString("base64url");

  return parts.join(".");
}

describe("createSecretBox", () => {
  const box = createSecretBox(key, "k1");

  it("round-trips text, including non-ASCII and empty values", () => {
    for (const plaintext of ["sk-ant-123", "ключ 🔑 秘密", ""]) {
      const sealed = box.encrypt(plaintext);

      expect(sealed.keyId).toBe("k1");
      expect(box.decrypt(sealed.ciphertext, sealed.keyId)).toBe(plaintext);
    }
  });

  it("writes the versioned compact format and never the plaintext", () => {
    const { ciphertext } = box.encrypt("sk-live-visible");

    expect(ciphertext).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(ciphertext).not.toContain("sk-live-visible");
    expect(Buffer.from(ciphertext.split(".")[1], "base64url")).toHaveLength(12);
  });

  it("uses a fresh IV each time", () => {
    const first = box.encrypt("same").ciphertext;
    const second = box.encrypt("same").ciphertext;

    expect(first).not.toBe(second);
  });

  it.each([
    ["iv", 1],
    ["auth tag", 2],
    ["ciphertext", 3],
  ])("throws when the %s is tampered with", (_part, index) => {
    const { ciphertext } = box.encrypt("top secret");

    expect(() => box.decrypt(flipByteInPart(ciphertext, index), "k1")).toThrow(
      /wrong key or tampered/,
    );
  });

  it("throws on a truncated or unversioned value", () => {
    const { ciphertext } = box.encrypt("top secret");

    expect(() => box.decrypt(ciphertext.slice(0, -4), "k1")).toThrow();
    expect(() => box.decrypt(ciphertext.replace(/^v1\./, "v2."), "k1")).toThrow(
      /v1 format/,
    );
    expect(() => box.decrypt("not-a-secret", "k1")).toThrow(/v1 format/);
  });

  it("throws under a different key with the same id", () => {
    const { ciphertext } = box.encrypt("top secret");
    const other = createSecretBox(randomBytes(32), "k1");

    expect(() => other.decrypt(ciphertext, "k1")).toThrow(
      /wrong key or tampered/,
    );
  });

  it("throws when the key id does not match, even if relabelled", () => {
    const { ciphertext } = box.encrypt("top secret");
    const sameKeyOtherId = createSecretBox(key, "k2");

    expect(() => box.decrypt(ciphertext, "k2")).toThrow(
      /sealed under key "k2"/,
    );
    expect(() => sameKeyOtherId.decrypt(ciphertext, "k2")).toThrow(
      /wrong key or tampered/,
    );
  });

  it("rejects keys that are not 32 bytes", () => {
    expect(() => createSecretBox(randomBytes(16), "k1")).toThrow(/32 bytes/);
  });
});

describe("encryptSecret / decryptSecret", () => {
  beforeAll(() => {
    process.env.DATABASE_URL = "postgresql://unused@127.0.0.1:1/unused";
    process.env.NEXTAUTH_SECRET = "unit-test-nextauth-secret";
    process.env.JETTY_MASTER_KEY = key.toString("base64");
    process.env.JETTY_MASTER_KEY_ID = "test-key";
  });

  it("seal under JETTY_MASTER_KEY with JETTY_MASTER_KEY_ID", () => {
    const sealed = encryptSecret("OPENAI_API_KEY value");

    expect(sealed.keyId).toBe("test-key");
    expect(decryptSecret(sealed.ciphertext, sealed.keyId)).toBe(
      "OPENAI_API_KEY value",
    );
    expect(
      createSecretBox(key, "test-key").decrypt(sealed.ciphertext, "test-key"),
    ).toBe("OPENAI_API_KEY value");
  });
});
