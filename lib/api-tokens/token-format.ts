import { createHash, randomBytes } from "node:crypto";

/** Jetty API tokens: `jty_` and 32 random bytes; only a hash is stored. */
const tokenPrefix = "jty_";

export function generateApiToken(): {
  token: string;
  prefix: string;
  hash: string;
} {
  const token = `${tokenPrefix}${randomBytes(32).toString("base64url")}`;

  return { token, prefix: token.slice(0, 12), hash: hashApiToken(token) };
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The bearer token of a request, or null. */
export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);

  return match ? match[1] : null;
}
