import bcrypt from "bcryptjs";

// bcrypt's cost: 2^12 rounds keeps a sign-in near a quarter second.
const cost = 12;

/** A bcrypt hash of a password, for User.passwordHash. */
export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, cost);
}

/** Whether `password` matches a hash from `hashPassword`. */
export function verifyPassword(
  password: string,
  passwordHash: string,
): Promise<boolean> {
  return bcrypt.compare(password, passwordHash);
}
