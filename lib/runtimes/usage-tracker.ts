import type { TokenCounts, Usage } from "@/lib/events/schema";
import {
  costAtPrice,
  findModelPrice,
  priceUsage,
  zeroTokens,
} from "@/lib/runtimes/pricing";

interface Step {
  tokens: TokenCounts;
  model: string | undefined;
}

/** What a step update changed, for the `usage` event that shows it. */
export interface StepUpdate {
  stepId: string;
  step: TokenCounts;
  total: Usage;
}

/**
 * Running token and cost totals for one run. Steps are keyed by the model
 * response they belong to, so a CLI that repeats the same usage on every
 * content block (Claude Code) is counted once per response; each field keeps
 * its largest value because early copies carry placeholder output counts.
 * `setTotals` takes the CLI's own cumulative figures, which then win.
 */
export function createUsageTracker(defaultModel?: string) {
  const steps = new Map<string, Step>();
  const sum: TokenCounts = { ...zeroTokens };
  let model = defaultModel;
  let costMicros = 0;
  let unpricedSteps = 0;
  let authoritative: Usage | null = null;

  // Kept incremental: a long run has thousands of steps and each update
  // must not walk them all.
  function account(step: Step, sign: 1 | -1) {
    sum.input += sign * step.tokens.input;
    sum.output += sign * step.tokens.output;
    sum.cacheRead += sign * step.tokens.cacheRead;
    sum.cacheWrite += sign * step.tokens.cacheWrite;

    const p = findModelPrice(step.model ?? model);
    if (p) costMicros += sign * costAtPrice(step.tokens, p) * 1e6;
    else unpricedSteps += sign;
  }

  function runningTotal(): Usage {
    if (unpricedSteps > 0) {
      return { ...sum, costUsd: null, costBasis: "unknown model" };
    }

    return {
      ...sum,
      costUsd: Math.max(0, Math.round(costMicros * 100) / 1e8),
      costBasis: "list price",
    };
  }

  return {
    /** The model used to price steps and totals that name none. */
    setModel(next: string | undefined) {
      if (!next || next === model) return;

      for (const step of steps.values()) account(step, -1);
      model = next;
      for (const step of steps.values()) account(step, 1);
    },

    /** Merges one response's counts; null when nothing changed. */
    recordStep(
      stepId: string,
      counts: Partial<TokenCounts>,
      stepModel?: string,
    ): StepUpdate | null {
      const prev = steps.get(stepId);
      const base = prev?.tokens ?? zeroTokens;
      const next: TokenCounts = {
        input: Math.max(base.input, counts.input ?? 0),
        output: Math.max(base.output, counts.output ?? 0),
        cacheRead: Math.max(base.cacheRead, counts.cacheRead ?? 0),
        cacheWrite: Math.max(base.cacheWrite, counts.cacheWrite ?? 0),
      };
      const changed =
        !prev ||
        next.input !== base.input ||
        next.output !== base.output ||
        next.cacheRead !== base.cacheRead ||
        next.cacheWrite !== base.cacheWrite;
      if (!changed) return null;

      const step = { tokens: next, model: stepModel ?? prev?.model };
      if (prev) account(prev, -1);
      account(step, 1);
      steps.set(stepId, step);
      if (authoritative) return { stepId, step: next, total: authoritative };

      return { stepId, step: next, total: runningTotal() };
    },

    /** Cumulative counts reported by the CLI; they replace the estimate. */
    setTotals(tokens: TokenCounts, reportedCostUsd?: number | null): Usage {
      authoritative = priceUsage(tokens, model, reportedCostUsd);

      return authoritative;
    },

    /** Best known totals; null when the run reported no usage at all. */
    total(): Usage | null {
      if (authoritative) return authoritative;
      if (steps.size === 0) return null;

      return runningTotal();
    },

    /**
     * Cumulative counts split by model (Gemini's `stats.models`), each
     * priced at its own model's list price; they replace the estimate.
     */
    setTotalsByModel(parts: { model: string; tokens: TokenCounts }[]): Usage {
      const tokens = { ...zeroTokens };
      let micros = 0;
      let priced = true;
      for (const part of parts) {
        tokens.input += part.tokens.input;
        tokens.output += part.tokens.output;
        tokens.cacheRead += part.tokens.cacheRead;
        tokens.cacheWrite += part.tokens.cacheWrite;
        const p = findModelPrice(part.model);
        if (p) micros += costAtPrice(part.tokens, p) * 1e6;
        else priced = false;
      }
      authoritative = priced
        ? {
            ...tokens,
            costUsd: Math.round(micros * 100) / 1e8,
            costBasis: "list price",
          }
        : { ...tokens, costUsd: null, costBasis: "unknown model" };

      return authoritative;
    },

    /** True once the CLI's own cumulative totals have been set. */
    hasAuthoritativeTotals(): boolean {
      return authoritative !== null;
    },
  };
}

export type UsageTracker = ReturnType<typeof createUsageTracker>;
