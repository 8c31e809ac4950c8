import { randomBytes } from "node:crypto";
import { link, readFile, unlink, writeFile } from "node:fs/promises";

/**
 * The secret in `file`, generated (32 random bytes, base64) and written
 * with mode 0600 the first time. `created` says whether this call wrote it.
 */
export async function ensureDevSecret(
  file: string,
): Promise<{ value: string; created: boolean }> {
  const existing = await readSecret(file);
  if (existing) return { value: existing, created: false };

  const value = randomBytes(32).toString("base64");
  // Written whole under a private name, then linked into place: link()
  // fails if the file exists, so racing launchers agree on one key, and
  // none of them can read a half-written one.
  const draft = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  await writeFile(draft, `${value}\n`, { mode: 0o600 });
  try {
    await link(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const raced = await readSecret(file);
    if (!raced) throw new Error(`${file} exists but is empty`);

    return { value: raced, created: false };
  } finally {
    await unlink(draft);
  }

  return { value, created: true };
}

async function readSecret(file: string): Promise<string | undefined> {
  try {
    const text = (await readFile(file, "utf8")).trim();

    return text || undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
