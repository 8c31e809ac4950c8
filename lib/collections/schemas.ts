import { z } from "zod";

/** Shared by the create-collection form and `createCollection`. */
export const collectionNameSchema = z
  .string()
  .trim()
  .min(1, "Give the collection a name.")
  .max(80, "Use at most 80 characters.")
  .refine((name) => !name.includes("\0"), "Remove the NUL character.");

/** A POSIX-style environment variable name, as the CLIs read them. */
export const envVarNameSchema = z
  .string()
  .trim()
  .min(1, "Enter a variable name.")
  .max(128, "Use at most 128 characters.")
  .regex(
    /^[A-Z_][A-Z0-9_]*$/,
    "Use capital letters, digits and underscores, not starting with a digit.",
  )
  .refine(
    (name) => !reservedEnvVarName(name),
    "This name is set by Jetty for every run (PATH, HOME, LD_*, JETTY_*): pick another.",
  );

/**
 * Names the sandbox and the runner set themselves; a collection value would
 * break every run (PATH, HOME) or change how programs load (LD_*).
 */
export function reservedEnvVarName(name: string): boolean {
  return /^(PATH|HOME|PWD|SHELL|USER|IS_SANDBOX|LD_.*|JETTY_.*)$/.test(name);
}

export const envVarValueSchema = z
  .string()
  // Keys pasted from a terminal or a password manager often carry a newline.
  .trim()
  .min(1, "Enter a value.")
  .max(16_384, "Use at most 16384 characters.")
  // A process environment cannot hold NUL: every run would fail to start.
  .refine((value) => !value.includes("\0"), "Remove the NUL character.");
