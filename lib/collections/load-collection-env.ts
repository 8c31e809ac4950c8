import "server-only";

import { decryptSecret } from "@/lib/crypto/secret-box";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * Decrypts a collection's environment. Only the worker calls this: values
 * go into the sandbox and the redactor, never into a response or a log.
 */
export async function loadCollectionEnv(
  prisma: PrismaClient,
  collectionId: string,
): Promise<Record<string, string>> {
  const rows = await prisma.envVar.findMany({
    where: { collectionId },
    select: { name: true, ciphertext: true, keyId: true },
  });

  return Object.fromEntries(
    rows.map((row) => [row.name, decryptSecret(row.ciphertext, row.keyId)]),
  );
}
