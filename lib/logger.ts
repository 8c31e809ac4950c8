import pino from "pino";

/**
 * Structured logs with dotted event names (`run.started`). Child loggers carry
 * runId/teamId. Secret values never reach a log line: callers log names only.
 */
export const logger = pino({
  level:
    process.env.LOG_LEVEL ??
    (process.env.NODE_ENV === "test" ? "warn" : "info"),
  base: { service: process.env.JETTY_SERVICE ?? "jetty" },
  redact: {
    paths: ["*.password", "*.apiKey", "*.value", "*.token", "env.*"],
    censor: "[REDACTED]",
  },
});

export type Logger = typeof logger;
