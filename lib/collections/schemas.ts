import { z } from "zod";

/** Shared by the create-collection form and `createCollection`. */
export const collectionNameSchema = z
  .string()
  .trim()
  .min(1, "Give the collection a name.")
  .max(80, "Use at most 80 characters.");

/** A POSIX-style environment variable name, as the CLIs read them. */
export const envVarNameSchema = z
  .string()
  .trim()
  .min(1, "Enter a variable name.")
  .max(128, "Use at most 128 characters.")
  .regex(
    /^[A-Z_][A-Z0-9_]*$/,
    "Use capital letters, digits and underscores, not starting with a digit.",
  );

export const envVarValueSchema = z
  .string()
  // Keys pasted from a terminal or a password manager often carry a newline.
  .trim()
  .min(1, "Enter a value.")
  .max(16_384, "Use at most 16384 characters.");
