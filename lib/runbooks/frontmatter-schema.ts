import { z } from "zod";

import { runtimeIds, type RuntimeId } from "@/lib/runtimes/types";

/**
 * The runbook frontmatter contract, shared by the editor (markers,
 * suggestions) and the server (save, run). Keys are spelled as users write
 * them in YAML. This module stays free of Node and server imports so the
 * browser bundle can load it.
 */

export const defaultSnapshot = "python312-uv";
export const defaultTimeoutSec = 1200;

// `visual` is not in DESIGN.md's list, but a real catalogue runbook
// (jettyio__pelican-persona) uses it for image outputs judged by eye.
export const evaluationKinds = ["programmatic", "rubric", "visual"] as const;
export type EvaluationKind = (typeof evaluationKinds)[number];

/** Every key Jetty reads, with the help text the editor shows for it. */
export const frontmatterFields = {
  agent: `Runtime that runs the body: ${runtimeIds.join(", ")}. Inferred from model when absent.`,
  model: "Model id, e.g. anthropic/claude-sonnet-4.6 or gpt-5.5.",
  model_provider:
    "Where the model is called: anthropic, openai, google, bedrock or openrouter. Picked from the collection's keys when absent.",
  snapshot: `Sandbox image; ${defaultSnapshot} by default, prism-playwright for browser work.`,
  timeout_sec: `Wall-clock limit in seconds (default ${defaultTimeoutSec}).`,
  max_turns: "Most agent turns before the run stops.",
  primary_outputs:
    "Results paths under /app/results; the first is the main output.",
  secrets:
    "Collection variables the runbook needs: NAME: {env, description, required}.",
  version: "The runbook's own version.",
  evaluation: `How results are judged: ${evaluationKinds.join(", ")}.`,
  name: "Display name.",
  description: "One-line summary.",
  tags: "Labels for search.",
  origin: "Where the runbook was imported from (kept as written).",
} as const;
export type FrontmatterKey = keyof typeof frontmatterFields;

export const secretFields = ["env", "description", "required"] as const;

/** A short, quoted rendering of a wrong value for error messages. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return JSON.stringify(value);

  return String(value);
}

function expected(what: string) {
  return (issue: { input?: unknown }) =>
    `must be ${what}, not ${describeValue(issue.input)}`;
}

/** The longest wall-clock limit a run may ask for. */
export const maxTimeoutSec = 24 * 60 * 60;

const positiveInt = (what: string) =>
  z
    .number({ error: expected(what) })
    .int({ error: expected(what) })
    .positive({ error: expected(what) });

const stringList = z.array(z.string({ error: expected("a string") }), {
  error: expected("a list of strings"),
});

const envName = /^[A-Za-z_][A-Za-z0-9_]*$/;

const secretSchema = z
  .looseObject({
    env: z
      .string({ error: expected("an environment variable name") })
      .regex(envName, { error: expected("an environment variable name") })
      .optional(),
    description: z.string({ error: expected("text") }).optional(),
    required: z.boolean({ error: expected("true or false") }).optional(),
  })
  .nullable();

/** Validates the known keys; unknown keys are handled by the parser. */
export const frontmatterSchema = z.object({
  agent: z
    .enum(runtimeIds, { error: expected(`one of ${runtimeIds.join(", ")}`) })
    .optional(),
  model: z
    .string({ error: expected("a model id") })
    .min(1, { error: "must not be empty" })
    .optional(),
  // Any string: an unsupported provider is a run refusal with its own message
  // (lib/providers), not a syntax error.
  model_provider: z
    .string({ error: expected("a provider name") })
    .min(1, { error: "must not be empty" })
    .optional(),
  snapshot: z
    .string({ error: expected("a snapshot name") })
    .min(1, { error: "must not be empty" })
    .optional(),
  timeout_sec: positiveInt("a positive whole number of seconds")
    .max(maxTimeoutSec, {
      error: `must be at most ${maxTimeoutSec} (24 hours)`,
    })
    .optional(),
  max_turns: positiveInt("a positive whole number").optional(),
  primary_outputs: stringList.nullable().optional(),
  secrets: z
    .record(
      z.string().regex(envName, {
        error: "must be a name made of letters, digits and _",
      }),
      secretSchema,
      { error: expected("a mapping of NAME: {env, description, required}") },
    )
    .nullable()
    .optional(),
  version: z
    .union([z.string(), z.number()], { error: expected("a string or number") })
    .optional(),
  evaluation: z
    .enum(evaluationKinds, {
      error: expected(`one of ${evaluationKinds.join(", ")}`),
    })
    .optional(),
  name: z.string({ error: expected("text") }).optional(),
  description: z.string({ error: expected("text") }).optional(),
  tags: stringList.nullable().optional(),
  origin: z
    .record(z.string(), z.unknown(), { error: expected("a mapping") })
    .optional(),
});
type RawFrontmatter = z.infer<typeof frontmatterSchema>;

export interface RunbookSecret {
  /** Collection variable holding the value; defaults to the secret's name. */
  env: string;
  description?: string;
  /** Defaults to true: a declared secret is one the runbook needs. */
  required: boolean;
}

/** Frontmatter after validation, with defaults applied. */
export interface RunbookFrontmatter {
  agent: RuntimeId;
  /** True when `agent` was not written and came from `model`. */
  agentInferred: boolean;
  model?: string;
  model_provider?: string;
  snapshot: string;
  timeout_sec: number;
  max_turns?: number;
  primary_outputs: string[];
  secrets: Record<string, RunbookSecret>;
  /** Kept as written: `1.10` stays "1.10", not 1.1. */
  version?: string;
  evaluation?: EvaluationKind;
  name?: string;
  description?: string;
  tags: string[];
  origin?: Record<string, unknown>;
  /** Keys Jetty does not know, kept as written (each also gets a warning). */
  extra: Record<string, unknown>;
}

/** Applies defaults to validated keys; `agent` is already resolved. */
export function toRunbookFrontmatter(
  raw: RawFrontmatter,
  agent: { id: RuntimeId; inferred: boolean },
  versionSource: string | undefined,
  extra: Record<string, unknown>,
): RunbookFrontmatter {
  const secrets: Record<string, RunbookSecret> = {};
  for (const [name, secret] of Object.entries(raw.secrets ?? {})) {
    secrets[name] = {
      env: secret?.env ?? name,
      description: secret?.description,
      required: secret?.required ?? true,
    };
  }

  return {
    agent: agent.id,
    agentInferred: agent.inferred,
    model: raw.model,
    model_provider: raw.model_provider,
    snapshot: raw.snapshot ?? defaultSnapshot,
    timeout_sec: raw.timeout_sec ?? defaultTimeoutSec,
    max_turns: raw.max_turns,
    primary_outputs: raw.primary_outputs ?? [],
    secrets,
    version:
      raw.version === undefined
        ? undefined
        : (versionSource ?? String(raw.version)),
    evaluation: raw.evaluation,
    name: raw.name,
    description: raw.description,
    tags: raw.tags ?? [],
    origin: raw.origin,
    extra,
  };
}
