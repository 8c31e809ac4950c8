import { z } from "zod";

import { providerIds } from "@/lib/providers/types";
import { runtimeIds } from "@/lib/runtimes/types";

/**
 * Trajectory.spec: everything the worker needs to run, fixed when the run
 * starts. `body` is the runbook body before placeholders are filled, so no
 * secret value is ever stored here.
 */
export const trajectorySpecSchema = z.object({
  runtime: z.enum(runtimeIds),
  provider: z.enum(providerIds),
  /** The id the provider expects. */
  model: z.string().min(1),
  /** The id the runbook named, e.g. with a vendor prefix. */
  requestedModel: z.string().min(1),
  snapshot: z.string().min(1),
  timeoutSec: z.number().int().positive(),
  maxTurns: z.number().int().positive().optional(),
  body: z.string(),
  /** File line of the body's first line, for issues found at run time. */
  bodyStartLine: z.number().int().positive().default(1),
  variables: z.record(z.string(), z.string()).default({}),
  /** The runbook's declared secrets: names and the env variable of each. */
  secrets: z
    .record(
      z.string(),
      z.object({
        env: z.string(),
        description: z.string().optional(),
        required: z.boolean(),
      }),
    )
    .default({}),
});
export type TrajectorySpec = z.infer<typeof trajectorySpecSchema>;

/** Trajectory.outcome once the run is terminal. */
export const trajectoryOutcomeSchema = z.object({
  success: z.boolean(),
  kind: z.string().optional(),
  message: z.string().optional(),
  httpStatus: z.number().int().optional(),
  exitCode: z.number().int().nullable().optional(),
  finalText: z.string().optional(),
});
export type TrajectoryOutcome = z.infer<typeof trajectoryOutcomeSchema>;
