import type { ProviderId } from "@/lib/providers/types";
import type { RuntimeId } from "@/lib/runtimes/types";

/** A model vendor whose models have a native Jetty provider. */
export type ModelVendor = "anthropic" | "openai" | "google";

const nativeProviderByVendor: Record<ModelVendor, ProviderId> = {
  anthropic: "anthropic",
  openai: "openai",
  google: "google",
};

const runtimeByVendor: Record<ModelVendor, RuntimeId> = {
  anthropic: "claude-code",
  openai: "codex",
  google: "gemini-cli",
};

/** Splits `vendor/name` (OpenRouter style); ids without a slash have no prefix. */
export function splitModelId(model: string): { prefix?: string; name: string } {
  const slash = model.indexOf("/");
  if (slash <= 0) return { name: model };

  return { prefix: model.slice(0, slash), name: model.slice(slash + 1) };
}

/** The vendor a model id belongs to, from its name alone; undefined when unknown. */
function vendorFromName(name: string): ModelVendor | undefined {
  const lower = name.toLowerCase();
  // Bedrock ids: `anthropic.claude-…`, optionally behind a geo prefix (`us.`).
  if (/^([a-z]+\.)?anthropic\.claude/.test(lower)) return "anthropic";
  if (lower.startsWith("claude-")) return "anthropic";
  if (/^(gpt-|o\d|codex-)/.test(lower)) return "openai";
  if (lower.startsWith("gemini-")) return "google";

  return undefined;
}

/**
 * Who makes a model: its vendor prefix when it has one (`anthropic/…`),
 * otherwise its name (`claude-*`, `gpt-*`, `o<digit>*`, `gemini-*`). A prefix
 * Jetty has no native provider for (`meta-llama/…`) is returned as is.
 */
export function modelVendor(model: string): string | undefined {
  const { prefix, name } = splitModelId(model);
  if (prefix) return prefix.toLowerCase();

  return vendorFromName(name);
}

/** The provider that serves a vendor's models directly, if Jetty has one. */
export function nativeProviderFor(model: string): ProviderId | undefined {
  const vendor = modelVendor(model);

  return vendor && vendor in nativeProviderByVendor
    ? nativeProviderByVendor[vendor as ModelVendor]
    : undefined;
}

/**
 * The runtime a runbook gets when it names only a model: `claude-*` →
 * claude-code, `gpt-*`/`o<digit>*` → codex, `gemini-*` → gemini-cli. A vendor
 * prefix is skipped (`anthropic/claude-sonnet-4.6` reads `claude-sonnet-4.6`).
 */
export function inferRuntime(model: string): RuntimeId | undefined {
  const vendor = vendorFromName(splitModelId(model).name);

  return vendor ? runtimeByVendor[vendor] : undefined;
}

// Anthropic's API spells versions with dashes (claude-sonnet-4-6), OpenRouter
// with a dot (claude-sonnet-4.6). Only the plain family-major-minor shape is
// rewritten; dated ids (claude-3-7-sonnet-20250219) are left alone.
const dottedClaude = /^claude-(opus|sonnet|haiku)-(\d+)\.(\d+)$/;
const dashedClaude = /^claude-(opus|sonnet|haiku)-(\d+)-(\d)$/;

/** The id a vendor's own API expects: prefix dropped, Claude versions dashed. */
export function toNativeModelId(model: string): string {
  const { name } = splitModelId(model);

  return name.replace(dottedClaude, "claude-$1-$2-$3");
}

/**
 * The id OpenRouter expects: always `vendor/name`. Returns undefined when the
 * vendor cannot be told from a bare name.
 */
export function toOpenRouterModelId(model: string): string | undefined {
  const { prefix, name } = splitModelId(model);
  if (prefix) return model;

  const vendor = vendorFromName(name);
  if (!vendor) return undefined;

  return `${vendor}/${name.replace(dashedClaude, "claude-$1-$2.$3")}`;
}

const bedrockForm = /^([a-z]+\.)?[a-z]+\.[a-z0-9][^/]*$/;

/**
 * The Bedrock model id, best effort: ids already in Bedrock form
 * (`anthropic.…`, `us.anthropic.…`, ARNs) are kept; `vendor/name` becomes
 * `vendor.name` with Claude versions dashed (`anthropic.claude-sonnet-4-6`).
 * Pin the exact Bedrock id in the runbook when the catalogue spells it
 * differently (older models carry a date and `-v1:0`).
 */
export function toBedrockModelId(model: string): string {
  if (model.startsWith("arn:") || bedrockForm.test(model)) return model;

  const { prefix, name } = splitModelId(model);
  const vendor = prefix?.toLowerCase() ?? vendorFromName(name);
  if (vendor === "anthropic") return `anthropic.${toNativeModelId(name)}`;

  return vendor ? `${vendor}.${name}` : name;
}

/**
 * The cross-region inference profile for a bare Anthropic Bedrock id
 * (`anthropic.claude-sonnet-4-6` in us-east-1 → `us.anthropic.…`): recent
 * Claude models cannot be invoked on demand by model id, only through a
 * profile of the region's geography. Other ids are returned unchanged.
 */
export function toBedrockInferenceProfile(id: string, region: string): string {
  if (!id.startsWith("anthropic.")) return id;

  return `${bedrockGeo(region)}.${id}`;
}

function bedrockGeo(region: string): string {
  if (region.startsWith("us-")) return "us";
  if (region.startsWith("eu-")) return "eu";
  if (region.startsWith("ap-")) return "apac";

  return "global";
}
