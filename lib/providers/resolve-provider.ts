import {
  modelVendor,
  nativeProviderFor,
  toBedrockModelId,
  toNativeModelId,
  toOpenRouterModelId,
} from "@/lib/providers/model-ids";
import { providerIds, type ProviderId } from "@/lib/providers/types";
import type { RunbookFrontmatter } from "@/lib/runbooks/frontmatter-schema";
import type { RuntimeId } from "@/lib/runtimes/types";

/** Which providers each runtime can call (DESIGN.md provider matrix). */
export const providersByRuntime: Record<RuntimeId, readonly ProviderId[]> = {
  "claude-code": ["anthropic", "bedrock", "openrouter"],
  codex: ["openai", "openrouter"],
  "gemini-cli": ["google"],
  hermes: ["anthropic", "openai", "google", "bedrock", "openrouter"],
  goose: ["anthropic", "openai", "google", "bedrock", "openrouter"],
};

/**
 * The collection variables that make a provider usable: any one set will do.
 * Optional extras (base URLs, AWS_REGION, OpenRouter headers) are read by
 * the runtime commands when present.
 */
export const providerKeySets: Record<ProviderId, readonly string[][]> = {
  anthropic: [["ANTHROPIC_API_KEY"]],
  openai: [["OPENAI_API_KEY"]],
  google: [
    ["GEMINI_API_KEY"],
    ["GOOGLE_API_KEY"],
    [
      "GOOGLE_GENAI_USE_VERTEXAI",
      "GOOGLE_CLOUD_PROJECT",
      "GOOGLE_CLOUD_LOCATION",
    ],
  ],
  bedrock: [
    ["AWS_BEARER_TOKEN_BEDROCK"],
    ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"],
  ],
  openrouter: [["OPENROUTER_API_KEY"]],
};

const keyText: Record<ProviderId, string> = {
  anthropic: "ANTHROPIC_API_KEY",
  openai: "OPENAI_API_KEY",
  google:
    "GEMINI_API_KEY or GOOGLE_API_KEY (or GOOGLE_GENAI_USE_VERTEXAI, GOOGLE_CLOUD_PROJECT and GOOGLE_CLOUD_LOCATION for Vertex AI)",
  bedrock: "AWS_BEARER_TOKEN_BEDROCK",
  openrouter: "OPENROUTER_API_KEY",
};

const vendorName: Record<string, string> = {
  anthropic: "Anthropic",
  openai: "OpenAI",
  google: "Google",
};

// Used when a runbook names an agent but no model. claude-code, codex and
// gemini-cli have one vendor; hermes and goose take the provider's own.
const defaultModelByRuntime: Partial<Record<RuntimeId, string>> = {
  "claude-code": "claude-sonnet-4-6",
  codex: "gpt-5.5",
  "gemini-cli": "gemini-2.5-pro",
};
const defaultModelByProvider: Record<ProviderId, string> = {
  anthropic: "claude-sonnet-4-6",
  openai: "gpt-5.5",
  google: "gemini-2.5-pro",
  bedrock: "anthropic/claude-sonnet-4.6",
  openrouter: "anthropic/claude-sonnet-4.6",
};

/** The frontmatter key a refusal is about, for an editor marker. */
export type ProviderField = "agent" | "model" | "model_provider";

export type ResolvedProvider =
  | {
      ok: true;
      runtime: RuntimeId;
      provider: ProviderId;
      /** The id the provider expects (see lib/providers/model-ids.ts). */
      model: string;
      /** The collection variables this run relies on. */
      requiredEnv: string[];
    }
  | {
      ok: false;
      message: string;
      /** Variables that would make it work (any one of them, for a pick). */
      missing?: string[];
      field: ProviderField;
    };

type Refusal = Extract<ResolvedProvider, { ok: false }>;

/**
 * Picks the runtime, provider and provider-side model id for a runbook
 * against a collection's variable names, or refuses with a message that
 * names the runtime, the provider and what is missing. Without
 * `model_provider`, the order is: the model's own vendor, then OpenRouter,
 * then Bedrock, then any other provider the runtime supports. Leaving
 * `envNames` out checks everything but the keys (the editor's view).
 */
export function resolveProvider(input: {
  frontmatter: Pick<RunbookFrontmatter, "agent" | "model" | "model_provider">;
  envNames?: readonly string[];
}): ResolvedProvider {
  const {
    agent: runtime,
    model,
    model_provider: requested,
  } = input.frontmatter;
  const envNames = input.envNames ? new Set(input.envNames) : undefined;
  const supported = providersByRuntime[runtime];

  if (requested !== undefined) {
    if (!isProviderId(requested)) {
      return refuse(
        `model_provider "${requested}" is not one Jetty runs agents on: use ${providerIds.join(", ")}.`,
        "model_provider",
      );
    }
    if (!supported.includes(requested)) {
      return refuse(
        `${runtime} does not run on ${requested}: it supports ${supported.join(", ")}.`,
        "model_provider",
      );
    }

    const target = modelFor(runtime, requested, model);
    if (!target.ok) return target;
    if (!envNames) return resolved(runtime, requested, target.model, []);

    const keys = presentKeySet(requested, envNames);
    if (!keys) {
      return refuse(
        `${runtime} on ${requested} needs ${keyText[requested]} in the collection's environment.`,
        "model_provider",
        missingKeys(requested, envNames),
      );
    }

    return resolved(runtime, requested, target.model, keys);
  }

  const candidates: { provider: ProviderId; model: string }[] = [];
  let firstRefusal: Refusal | undefined;
  for (const provider of candidateOrder(supported, model)) {
    const target = modelFor(runtime, provider, model);
    if (target.ok) candidates.push({ provider, model: target.model });
    else firstRefusal ??= target;
  }
  if (candidates.length === 0) {
    return (
      firstRefusal ??
      refuse(`${runtime} has no provider Jetty supports.`, "agent")
    );
  }
  if (!envNames) {
    return resolved(runtime, candidates[0].provider, candidates[0].model, []);
  }

  for (const { provider, model: id } of candidates) {
    const keys = presentKeySet(provider, envNames);
    if (keys) return resolved(runtime, provider, id, keys);
  }

  const options = candidates
    .map(({ provider }) => `${keyText[provider]} (${provider})`)
    .join(" or ");

  return refuse(
    `${runtime} needs ${options} in the collection's environment.`,
    "agent",
    candidates.flatMap(({ provider }) => missingKeys(provider, envNames)),
  );
}

function isProviderId(value: string): value is ProviderId {
  return (providerIds as readonly string[]).includes(value);
}

function resolved(
  runtime: RuntimeId,
  provider: ProviderId,
  model: string,
  requiredEnv: string[],
): ResolvedProvider {
  return { ok: true, runtime, provider, model, requiredEnv };
}

function refuse(
  message: string,
  field: ProviderField,
  missing?: string[],
): Refusal {
  return { ok: false, message, field, ...(missing ? { missing } : {}) };
}

function candidateOrder(
  supported: readonly ProviderId[],
  model: string | undefined,
): ProviderId[] {
  const native = model ? nativeProviderFor(model) : undefined;
  const preferred: ProviderId[] = model
    ? [...(native ? [native] : []), "openrouter", "bedrock"]
    : ["anthropic", "openai", "google", "openrouter", "bedrock"];
  const order = [...preferred, ...providerIds].filter((p) =>
    supported.includes(p),
  );

  return [...new Set(order)];
}

/** The provider-side model id, or why this model cannot run there. */
function modelFor(
  runtime: RuntimeId,
  provider: ProviderId,
  model: string | undefined,
): { ok: true; model: string } | Refusal {
  const wanted =
    model ?? defaultModelByRuntime[runtime] ?? defaultModelByProvider[provider];
  const vendor = modelVendor(wanted);

  if (provider === "openrouter") {
    const id = toOpenRouterModelId(wanted);
    if (id) return { ok: true, model: id };

    return refuse(
      `${runtime} on openrouter needs a vendor/name model id (e.g. anthropic/claude-sonnet-4.6); the vendor of "${wanted}" is unknown.`,
      "model",
    );
  }

  if (provider === "bedrock") {
    if (runtime === "claude-code" && vendor !== "anthropic") {
      return refuse(
        `claude-code on bedrock runs Anthropic models only, not "${wanted}".`,
        "model",
      );
    }

    return { ok: true, model: toBedrockModelId(wanted) };
  }

  // A bare name Jetty cannot place (a local test model, say) is let through:
  // only a model known to belong to another vendor is refused.
  if (vendor !== undefined && nativeProviderFor(wanted) !== provider) {
    const owner = vendorName[provider] ?? provider;
    return refuse(
      `${runtime} on ${provider} runs ${owner} models only, not "${wanted}".`,
      "model",
    );
  }

  return { ok: true, model: toNativeModelId(wanted) };
}

function presentKeySet(
  provider: ProviderId,
  envNames: ReadonlySet<string>,
): string[] | undefined {
  return providerKeySets[provider]
    .find((set) => set.every((name) => envNames.has(name)))
    ?.slice();
}

/** The keys to add: the rest of a set already started, else the first set. */
function missingKeys(
  provider: ProviderId,
  envNames: ReadonlySet<string>,
): string[] {
  const sets = providerKeySets[provider];
  const started = sets.find(
    (set) => set.length > 1 && set.some((name) => envNames.has(name)),
  );

  return (started ?? sets[0]).filter((name) => !envNames.has(name));
}
