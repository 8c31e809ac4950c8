import os from "node:os";
import path from "node:path";

import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const modelServerPort = Number(process.env.E2E_MODEL_SERVER_PORT ?? 3199);
// A fresh data folder per run: its own embedded Postgres, keys and storage.
const dataDir =
  process.env.E2E_DATA_DIR ??
  path.join(os.tmpdir(), `jetty-e2e-${process.pid}`);
const chromium = process.env.PLAYWRIGHT_CHROMIUM ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: chromium,
          // Keep Chromium on loopback: this machine has no other network.
          args: [
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
          ],
        },
      },
    },
  ],
  webServer: [
    {
      command: `npx tsx scripts/model-server.ts --port ${modelServerPort}`,
      // The model server has no health route (404 is not "ready" to
      // Playwright): wait for its port instead.
      port: modelServerPort,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: "npm start",
      url: `http://localhost:${port}/sign-in`,
      reuseExistingServer: false,
      timeout: 300_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
      env: {
        PORT: String(port),
        JETTY_DATA_DIR: dataDir,
        JETTY_PG_PORT: String(port + 10),
        NEXTAUTH_URL: `http://localhost:${port}`,
        // Stand-ins for hermes and goose, which cannot be installed here.
        JETTY_AGENT_PATH: path.resolve("test/stand-ins/bin"),
        // The server's info lines drown the test report; warnings stay.
        LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      },
      stdout: "pipe",
    },
  ],
});
