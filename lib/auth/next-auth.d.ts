import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface Session {
    // Optional on purpose: a session made before the callbacks carried the
    // id, or a misconfigured one, has none (B28). Read it via
    // requireTeamContext, which refuses a session without it.
    user?: DefaultSession["user"] & { id?: string };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    userId?: string;
  }
}
