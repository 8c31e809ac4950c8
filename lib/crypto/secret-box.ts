import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  type CipherGCMTypes,
} from "node:crypto";

import { env } from "@/lib/env";

const algorithm: CipherGCMTypes = "aes-256-gcm";
const formatVersion = "v1";
const ivBytes = 12;
const tagBytes = 16;

export interface SealedSecret {
  ciphertext: string;
  keyId: string;
}

export interface SecretBox {
  encrypt(plaintext: string): SealedSecret;
  decrypt(ciphertext: string, keyId: string): string;
}

/**
 * An AES-256-GCM box under one 32-byte key. The compact format is
 * `v1.<iv>.<tag>.<ciphertext>` in base64url; the version and key id are
 * authenticated too, so relabelling a value under another key fails.
 */
export function createSecretBox(key: Buffer, keyId: string): SecretBox {
  if (key.length !== 32) {
    throw new Error("secret box key must be 32 bytes");
  }

  return {
    encrypt(plaintext) {
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv(algorithm, key, iv, {
        authTagLength: tagBytes,
      });
      cipher.setAAD(additionalData(keyId));
      const body = Buffer.concat([
        cipher.update(plaintext, "utf8"),
        cipher.final(),
      ]);
      const tag = cipher.getAuthTag();
      const ciphertext = [formatVersion, iv, tag, body]
        .map((part) =>
          typeof part === "string" ? part : part.toString("base64url"),
        )
        .join(".");

      return { ciphertext, keyId };
    },

    decrypt(ciphertext, sealedKeyId) {
      if (sealedKeyId !== keyId) {
        throw new Error(
          `secret was sealed under key "${sealedKeyId}", but the master key is "${keyId}"`,
        );
      }
      const { iv, tag, body } = parseSealed(ciphertext);
      const decipher = createDecipheriv(algorithm, key, iv, {
        authTagLength: tagBytes,
      });
      decipher.setAAD(additionalData(keyId));
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([
          decipher.update(body),
          decipher.final(),
        ]).toString("utf8");
      } catch {
        // Node's message ("Unsupported state or unable to authenticate
        // data") does not say which of the two happened; neither can we.
        throw new Error("secret could not be decrypted: wrong key or tampered");
      }
    },
  };
}

function additionalData(keyId: string): Buffer {
  return Buffer.from(`jetty-secret:${formatVersion}:${keyId}`, "utf8");
}

function parseSealed(ciphertext: string): {
  iv: Buffer;
  tag: Buffer;
  body: Buffer;
} {
  const parts = ciphertext.split(".");
  if (parts.length !== 4 || parts[0] !== formatVersion) {
    throw new Error("secret ciphertext is not in the v1 format");
  }
  const [, iv, tag, body] = parts.map((p) => Buffer.from(p, "base64url"));
  if (iv.length !== ivBytes || tag.length !== tagBytes) {
    throw new Error("secret ciphertext has a malformed iv or tag");
  }

  return { iv, tag, body };
}

let masterBox: SecretBox | undefined;

function box(): SecretBox {
  if (!masterBox) {
    const { JETTY_MASTER_KEY, JETTY_MASTER_KEY_ID } = env();
    masterBox = createSecretBox(
      Buffer.from(JETTY_MASTER_KEY, "base64"),
      JETTY_MASTER_KEY_ID,
    );
  }

  return masterBox;
}

/** Encrypts a secret value under the master key (`JETTY_MASTER_KEY`). */
export function encryptSecret(plaintext: string): SealedSecret {
  return box().encrypt(plaintext);
}

/** Decrypts a value from `encryptSecret`; throws on a wrong key or tampering. */
export function decryptSecret(ciphertext: string, keyId: string): string {
  return box().decrypt(ciphertext, keyId);
}
