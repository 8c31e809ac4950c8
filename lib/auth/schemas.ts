import { z } from "zod";

/** Shared by the sign-up form and `signUp`, so both report the same errors. */
export const signUpSchema = z.object({
  name: z
    .string()
    .trim()
    .max(100, "Use at most 100 characters.")
    .optional()
    .transform((v) => (v ? v : undefined)),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email("Enter a valid email address.")),
  password: z
    .string()
    .min(8, "Use at least 8 characters.")
    .max(200, "Use at most 200 characters."),
});
export type SignUpInput = z.input<typeof signUpSchema>;

export const signInSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email("Enter a valid email address.")),
  password: z.string().min(1, "Enter your password."),
});
export type SignInInput = z.input<typeof signInSchema>;
