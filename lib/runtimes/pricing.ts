import type { TokenCounts, Usage } from "@/lib/events/schema";

/**
 * Token counts in Jetty's usage records follow one convention for every
 * runtime: `input` is the uncached prompt part only, billed at the full input
 * rate; `cacheRead` and `cacheWrite` are the cached parts, billed at their own
 * rates. The whole prompt is their sum (see `promptTokens`). Parsers convert
 * each CLI's own convention (Codex, Gemini and goose count cache inside their
 * input figure) into this one.
 */

/** USD per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
  cacheRead: number;
  /** 5-minute cache writes for Anthropic; the input rate where no write fee exists. */
  cacheWrite: number;
}

function price(
  input: number,
  output: number,
  cacheRead: number,
  cacheWrite = input,
): ModelPrice {
  return Object.freeze({ input, output, cacheRead, cacheWrite });
}

// List prices checked 2026-12 against the vendors' pricing pages (Anthropic
// platform.claude.com, OpenAI, Google AI for Developers). Only the base tier
// is modelled: long-prompt surcharges (Gemini Pro above 200K, Haiku 5.5 above
// 100K) depend on each request's size, which run totals do not show.
const anthropic: Record<string, ModelPrice> = {
  "claude-fable-5-1": price(10, 50, 0.25, 12.5),
  "claude-fable-5": price(10, 50, 1, 12.5),
  "claude-opus-5-5": price(4, 20, 0.2, 5),
  "claude-opus-5": price(5, 25, 0.5, 6.25),
  "claude-opus-4-8": price(5, 25, 0.5, 6.25),
  "claude-opus-4-7": price(5, 25, 0.5, 6.25),
  "claude-opus-4-6": price(5, 25, 0.5, 6.25),
  "claude-opus-4-5": price(5, 25, 0.5, 6.25),
  "claude-opus-4-1": price(15, 75, 1.5, 18.75),
  "claude-opus-4": price(15, 75, 1.5, 18.75),
  "claude-opus-4-0": price(15, 75, 1.5, 18.75),
  "claude-3-opus": price(15, 75, 1.5, 18.75),
  "claude-sonnet-5-5": price(2, 10, 0.1, 2.5),
  "claude-sonnet-5": price(2, 10, 0.2, 2.5),
  "claude-sonnet-4-6": price(3, 15, 0.3, 3.75),
  "claude-sonnet-4-5": price(3, 15, 0.3, 3.75),
  "claude-sonnet-4": price(3, 15, 0.3, 3.75),
  "claude-sonnet-4-0": price(3, 15, 0.3, 3.75),
  "claude-3-7-sonnet": price(3, 15, 0.3, 3.75),
  "claude-3-5-sonnet": price(3, 15, 0.3, 3.75),
  "claude-haiku-5-5": price(0.1, 0.5, 0.01, 0.125),
  "claude-haiku-4-5": price(1, 5, 0.1, 1.25),
  "claude-3-5-haiku": price(0.8, 4, 0.08, 1),
  "claude-3-haiku": price(0.25, 1.25, 0.03, 0.3),
};

const openai: Record<string, ModelPrice> = {
  "gpt-5-5": price(5, 30, 0.5),
  "gpt-5-4": price(2.5, 15, 0.25),
  "gpt-5-4-mini": price(0.75, 4.5, 0.075),
  "gpt-5-4-nano": price(0.2, 1.25, 0.02),
  "gpt-5-3-codex": price(1.75, 14, 0.175),
  "gpt-5-2": price(1.75, 14, 0.175),
  "gpt-5-2-codex": price(1.75, 14, 0.175),
  "gpt-5-1": price(1.25, 10, 0.125),
  "gpt-5-1-codex": price(1.25, 10, 0.125),
  "gpt-5-1-codex-max": price(1.25, 10, 0.125),
  "gpt-5-1-codex-mini": price(0.25, 2, 0.025),
  "gpt-5": price(1.25, 10, 0.125),
  "gpt-5-codex": price(1.25, 10, 0.125),
  "gpt-5-mini": price(0.25, 2, 0.025),
  "gpt-5-nano": price(0.05, 0.4, 0.005),
  "gpt-4-1": price(2, 8, 0.5),
  "gpt-4-1-mini": price(0.4, 1.6, 0.1),
  "gpt-4-1-nano": price(0.1, 0.4, 0.025),
  "gpt-4o": price(2.5, 10, 1.25),
  "gpt-4o-mini": price(0.15, 0.6, 0.075),
  o3: price(2, 8, 0.5),
  "o4-mini": price(1.1, 4.4, 0.275),
  "codex-mini-latest": price(1.5, 6, 0.375),
};

const google: Record<string, ModelPrice> = {
  "gemini-3-5-flash": price(1.5, 9, 0.15),
  "gemini-3-1-pro": price(2, 12, 0.2),
  "gemini-3-1-flash-lite": price(0.25, 1.5, 0.025),
  "gemini-3-pro": price(2, 12, 0.2),
  "gemini-3-flash": price(0.5, 3, 0.05),
  "gemini-2-5-pro": price(1.25, 10, 0.125),
  "gemini-2-5-flash": price(0.3, 2.5, 0.03),
  "gemini-2-5-flash-lite": price(0.1, 0.4, 0.01),
  "gemini-2-0-flash": price(0.1, 0.4, 0.025),
};

const priceTable: ReadonlyMap<string, ModelPrice> = new Map(
  Object.entries({ ...anthropic, ...openai, ...google }),
);

// Suffixes that name a snapshot or a context variant of the same priced model.
const snapshotSuffixes = [
  /\[1m\]$/,
  /-v\d+:\d+$/, // Bedrock: anthropic.claude-…-v1:0
  /:\d+$/,
  /-\d{8}$/, // claude-sonnet-4-5-20250929
  /-\d{4}-\d{2}-\d{2}$/, // gpt-4o-2024-08-06
  /-preview(-\d{2}-\d{2})?$/,
  /-latest$/,
  /-exp(-\d{4})?$/,
];

/**
 * The key a model id is priced under: lower case, no vendor or region prefix
 * (`anthropic/`, `models/`, Bedrock's `us.anthropic.`), dots between digits
 * as dashes (`claude-sonnet-4.6` → `claude-sonnet-4-6`).
 */
export function normalizeModelId(model: string): string {
  let id = model.trim().toLowerCase();
  id = id.slice(id.lastIndexOf("/") + 1);
  id = id.replace(
    /^(?:(?:us|eu|apac|global|jp|au)\.)?(?:anthropic|openai|google)\./,
    "",
  );

  return id.replace(/(\d)\.(?=\d)/g, "$1-");
}

// Parsers look a price up for every model response; ids repeat.
const lookups = new Map<string, ModelPrice | null>();

/** List price for a model id in any common spelling; null when unknown. */
export function findModelPrice(model: string | undefined): ModelPrice | null {
  if (!model) return null;

  const cached = lookups.get(model);
  if (cached !== undefined) return cached;

  const found = lookUp(model);
  if (lookups.size < 1000) lookups.set(model, found);

  return found;
}

function lookUp(model: string): ModelPrice | null {
  let id = normalizeModelId(model);
  for (let round = 0; round < 3; round++) {
    const found = priceTable.get(id);
    if (found) return found;

    const stripped = snapshotSuffixes.reduce((s, re) => s.replace(re, ""), id);
    if (stripped === id) break;
    id = stripped;
  }

  return priceTable.get(id) ?? null;
}

/** USD cost of the given counts at a price, rounded to 1e-8 dollars. */
export function costAtPrice(tokens: TokenCounts, p: ModelPrice): number {
  const micro =
    tokens.input * p.input +
    tokens.output * p.output +
    tokens.cacheRead * p.cacheRead +
    tokens.cacheWrite * p.cacheWrite;

  return Math.round(micro * 100) / 1e8;
}

/**
 * Usage with a cost: the CLI's own figure when it gives one (`reported`),
 * else computed from the table (`list price`), else null (`unknown model`).
 */
export function priceUsage(
  tokens: TokenCounts,
  model: string | undefined,
  reportedCostUsd?: number | null,
): Usage {
  if (typeof reportedCostUsd === "number" && reportedCostUsd >= 0) {
    return { ...tokens, costUsd: reportedCostUsd, costBasis: "reported" };
  }

  const p = findModelPrice(model);
  if (!p) return { ...tokens, costUsd: null, costBasis: "unknown model" };

  return {
    ...tokens,
    costUsd: costAtPrice(tokens, p),
    costBasis: "list price",
  };
}

/** The whole prompt: uncached input plus cache reads and writes. */
export function promptTokens(tokens: TokenCounts): number {
  return tokens.input + tokens.cacheRead + tokens.cacheWrite;
}

export const zeroTokens: Readonly<TokenCounts> = Object.freeze({
  input: 0,
  output: 0,
  cacheRead: 0,
  cacheWrite: 0,
});
