import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // Next's guard module throws outside a React Server build; in tests
      // the guarded modules run in plain Node on purpose.
      "server-only": path.join(root, "test/support/server-only.ts"),
    },
  },
  test: {
    // Expected failures (retries, dropped test databases) log warnings;
    // keep CI output to real errors. LOG_LEVEL=debug shows everything.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? "error" },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/integration/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
