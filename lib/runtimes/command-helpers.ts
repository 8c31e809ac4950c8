import path from "node:path";

/**
 * The environment a CLI starts with. The collection's variables come first:
 * DESIGN.md has every run inherit them, and runbooks rely on that for their
 * own secrets (APOLLO_API_KEY, SUPABASE_URL, …) and for base URLs a
 * collection points at a gateway or a local model server. The runtime's own
 * settings are applied on top, so a stray collection variable cannot undo
 * the wiring the CLI needs; `unset` drops variables that would switch the
 * CLI to another provider than the one resolved.
 */
export function commandEnv(
  collection: Readonly<Record<string, string>>,
  own: Record<string, string>,
  unset: readonly string[] = [],
): Record<string, string> {
  const env: Record<string, string> = { ...collection };
  for (const name of unset) delete env[name];

  return { ...env, ...own };
}

/** An absolute path under the agent's home directory. */
export function homePath(home: string, ...parts: string[]): string {
  return path.posix.join(home, ...parts);
}

/**
 * A per-run temp directory under home, and the file that creates it (the
 * command contract writes files, not directories). Gemini writes crash
 * reports there; Codex warns when CODEX_HOME sits inside the temp dir.
 */
export function runTempDir(home: string) {
  const dir = homePath(home, ".tmp");

  return { dir, file: { path: homePath(dir, ".keep"), content: "" } };
}

export const defaultAwsRegion = "us-east-1";

/** AWS_REGION, as Bedrock clients require it (not read from ~/.aws). */
export function awsRegion(env: Readonly<Record<string, string>>): string {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || defaultAwsRegion;
}

export const openRouterApiUrl = "https://openrouter.ai/api/v1";

/** OpenRouter's OpenAI-compatible base (`…/api/v1`), or the collection's. */
export function openRouterBaseUrl(env: Readonly<Record<string, string>>) {
  return trimSlash(env.OPENROUTER_BASE_URL || openRouterApiUrl);
}

export function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

/** A base URL without its trailing `/v1`, for clients that append it. */
export function withoutV1(url: string): string {
  return trimSlash(url).replace(/\/v1$/, "");
}

/** A TOML basic string; JSON's escapes are a subset TOML accepts. */
export function tomlString(value: string): string {
  return JSON.stringify(value);
}

export function jsonFile(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** `["--flag", "N"]` when the value is set, else nothing. */
export function optionalFlag(flag: string, value: number | undefined) {
  return value === undefined ? [] : [flag, String(value)];
}

/** True for the spellings of "on" that Google's SDKs accept. */
export function isTruthy(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes)$/i.test(value.trim());
}
