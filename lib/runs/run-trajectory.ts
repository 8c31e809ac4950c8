import "server-only";

import { createHash } from "node:crypto";

import { loadCollectionEnv } from "@/lib/collections/load-collection-env";
import { createEventWriter, type EventWriter } from "@/lib/events/event-writer";
import type { JettyEventInput, Usage } from "@/lib/events/schema";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { logger as rootLogger } from "@/lib/logger";
import { renderRunbookBody } from "@/lib/runbooks/render-runbook";
import { computeOutcome, type RunOutcome } from "@/lib/runs/compute-outcome";
import { trajectorySpecSchema } from "@/lib/runs/schemas";
import { getRuntime } from "@/lib/runtimes";
import { createLineReader } from "@/lib/runtimes/line-reader";
import type { AgentExit, AgentVerdict } from "@/lib/runtimes/types";
import { createRedactor } from "@/lib/secrets/redactor";
import { secretEnv } from "@/lib/secrets/secret-env";
import type { Sandbox, SandboxProvider } from "@/lib/sandboxes/types";
import { sandboxPaths } from "@/lib/sandboxes/types";
import type { Storage } from "@/lib/storage/local-storage";

export interface RunDeps {
  prisma: PrismaClient;
  sandboxes: SandboxProvider;
  storage: Storage;
  workerId: string;
  /** Seconds without agent output before a "stalled" warning. */
  stallWarningSec?: number;
  /** How often the worker checks for Stop and records its heartbeat. */
  tickMs?: number;
  /** Aborted when the worker shuts down: in-flight runs end as failed. */
  shutdownSignal?: AbortSignal;
}

const stderrTailBytes = 4096;
const maxResultFiles = 500;
const maxResultBytes = 200 * 1024 * 1024;

/**
 * Runs one trajectory end to end in a sandbox: the worker's whole job. It
 * never throws for a run's own failure: every path ends with a terminal
 * status, and the sandbox is destroyed on every path.
 */
export async function runTrajectory(
  trajectoryId: string,
  deps: RunDeps,
): Promise<void> {
  const { prisma } = deps;
  const log = rootLogger.child({
    runId: trajectoryId,
    workerId: deps.workerId,
  });

  const claimed = await prisma.trajectory.updateMany({
    where: { id: trajectoryId, status: "pending", cancelRequestedAt: null },
    data: {
      status: "running",
      startedAt: new Date(),
      workerId: deps.workerId,
      heartbeatAt: new Date(),
    },
  });
  if (claimed.count === 0) {
    log.info("run.skipped");
    return;
  }
  const trajectory = await prisma.trajectory.findUniqueOrThrow({
    where: { id: trajectoryId },
  });
  const writer = createEventWriter({
    prisma,
    trajectoryId,
    lastSeq: trajectory.lastSeq,
  });
  writer.append({ type: "status", payload: { status: "running" } });
  log.info(
    { teamId: trajectory.teamId, agent: trajectory.agent },
    "run.started",
  );

  let sandbox: Sandbox | undefined;
  let ending: Ending;
  try {
    const spec = trajectorySpecSchema.parse(trajectory.spec);
    const runtime = getRuntime(spec.runtime);
    const collectionEnv = await loadCollectionEnv(
      prisma,
      trajectory.collectionId,
    );
    const redactor = createRedactor(secretEnv(collectionEnv));
    const rendered = renderRunbookBody(spec.body, {
      variables: spec.variables,
      secrets: collectionEnv,
      bodyStartLine: spec.bodyStartLine,
      declaredSecrets: spec.secrets,
    });

    const renderError = rendered.issues.find((i) => i.severity === "error");
    if (renderError)
      throw new Error(`The runbook cannot run: ${renderError.message}`);

    sandbox = await deps.sandboxes.create({
      runId: trajectoryId,
      snapshot: spec.snapshot,
      env: {},
      labels: { "jetty.run": trajectoryId, "jetty.team": trajectory.teamId },
      timeoutSec: spec.timeoutSec,
    });
    await prisma.trajectory.update({
      where: { id: trajectoryId },
      data: { sandboxId: sandbox.id },
    });

    const promptFile = `${sandbox.home}/.jetty/prompt.md`;
    await sandbox.writeFile(promptFile, rendered.text);
    const command = runtime.buildCommand({
      model: spec.model,
      provider: spec.provider,
      env: collectionEnv,
      home: sandbox.home,
      promptFile,
      maxTurns: spec.maxTurns,
    });
    for (const file of command.files) {
      await sandbox.writeFile(file.path, file.content);
    }

    const parser = runtime.createParser({ model: spec.model });
    const push = (events: JettyEventInput[]) => {
      if (events.length > 0) writer.append(events);
    };
    const exit = await runAgent({
      sandbox,
      deps,
      trajectoryId,
      writer,
      timeoutSec: spec.timeoutSec,
      // bash's pipefail keeps the agent's exit code through tee.
      argv: [
        "bash",
        "-c",
        'log="$1"; shift; set -o pipefail; "$@" | tee "$log"',
        "jetty-agent",
        runtime.logPath,
        ...command.argv,
      ],
      env: command.env,
      stdinFile: command.stdinFile,
      // Redacting the raw line keeps secret values out of every event the
      // parser derives from it, and out of anything it keeps as `log`.
      onLine: (line) => push(parser.push(redactor.redact(line))),
      onStderrLine: (line) =>
        writer.append({
          type: "log",
          payload: {
            stream: "stderr",
            text: redactor.redact(line),
            level: "info",
          },
        }),
      redact: redactor.redact,
    });
    const ended = parser.end(exit);
    push(ended.events);
    const verdict = ended.verdict;
    log.info({ exitCode: exit.exitCode, signal: exit.signal }, "agent.exited");

    const resultFiles = await collectResults({
      sandbox,
      deps,
      trajectoryId,
      teamId: trajectory.teamId,
      writer,
    });
    const agentLogKey = await collectAgentLog({
      sandbox,
      deps,
      trajectoryId,
      logPath: runtime.logPath,
      redact: redactor.redact,
    });
    const outcome: RunOutcome = deps.shutdownSignal?.aborted
      ? {
          status: "failed",
          success: false,
          kind: "sandbox_error",
          message: "The worker shut down during the run",
        }
      : computeOutcome({ exit, verdict, resultFiles });
    ending = { outcome, verdict, exit, resultFiles, agentLogKey };
  } catch (err) {
    log.error({ err }, "run.failed");
    const message =
      err instanceof Error ? err.message : "The run failed inside Jetty";
    ending = {
      outcome: {
        status: "failed",
        success: false,
        kind: "sandbox_error",
        message,
      },
      verdict: null,
      exit: null,
      resultFiles: 0,
      agentLogKey: null,
    };
  } finally {
    // Before the terminal status is written: once a run shows as ended,
    // nothing of it is still running. The provider logs the destroy.
    if (sandbox) {
      await sandbox
        .destroy()
        .catch((err) => log.error({ err }, "sandbox.destroy_failed"));
    }
  }

  await finish({
    deps,
    trajectoryId,
    writer,
    startedAt: trajectory.startedAt ?? new Date(),
    ...ending,
  }).catch((err) => log.error({ err }, "run.finish_failed"));
  log.info(
    { status: ending.outcome.status, kind: ending.outcome.kind },
    "run.finished",
  );
}

interface RunAgentOptions {
  sandbox: Sandbox;
  deps: RunDeps;
  trajectoryId: string;
  writer: EventWriter;
  timeoutSec: number;
  argv: string[];
  env: Record<string, string>;
  stdinFile?: string;
  onLine(line: string): void;
  onStderrLine(line: string): void;
  redact(text: string): string;
}

/** Runs the agent process with the wall clock, Stop and stall watchdogs. */
async function runAgent(options: RunAgentOptions): Promise<AgentExit> {
  const { deps, writer } = options;
  const abort = new AbortController();
  let cancelled = false;
  let timedOut = false;
  let lastOutputAt = Date.now();
  let stallWarned = false;
  let stderrTail = "";
  const stallMs = (deps.stallWarningSec ?? 300) * 1000;

  const stdout = createLineReader({
    onLine: (line) => {
      if (line.trim() !== "") options.onLine(line);
    },
    onOversize: (bytes) =>
      writer.append({
        type: "error",
        payload: {
          message: `An output line of ${bytes} bytes was truncated`,
          fatal: false,
        },
      }),
  });
  const stderr = createLineReader({
    onLine: (line) => {
      if (line.trim() !== "") options.onStderrLine(line);
    },
  });

  // A worker shutdown stops the agent the way Stop does, so the parser adds
  // no error card of its own; the run is failed as "worker shut down".
  const onShutdown = () => {
    cancelled = true;
    abort.abort();
  };
  deps.shutdownSignal?.addEventListener("abort", onShutdown);
  const wallClock = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, options.timeoutSec * 1000);
  const ticker = setInterval(async () => {
    try {
      const row = await deps.prisma.trajectory.update({
        where: { id: options.trajectoryId },
        data: { heartbeatAt: new Date() },
        select: { cancelRequestedAt: true },
      });
      if (row.cancelRequestedAt && !cancelled) {
        cancelled = true;
        abort.abort();
      }
    } catch {
      // A missed heartbeat is retried on the next tick.
    }
    if (!stallWarned && Date.now() - lastOutputAt > stallMs) {
      stallWarned = true;
      writer.append({
        type: "error",
        payload: {
          message: `The agent has printed nothing for ${Math.round(stallMs / 1000)} s (stalled?)`,
          fatal: false,
        },
      });
    }
  }, deps.tickMs ?? 1000);

  try {
    const result = await options.sandbox.exec({
      argv: options.argv,
      env: options.env,
      cwd: sandboxPaths.app,
      stdinFile: options.stdinFile,
      signal: abort.signal,
      onStdout: (chunk) => {
        lastOutputAt = Date.now();
        stallWarned = false;
        stdout.push(chunk);
      },
      onStderr: (chunk) => {
        stderrTail = (stderrTail + Buffer.from(chunk).toString("utf8")).slice(
          -stderrTailBytes,
        );
        stderr.push(chunk);
      },
    });
    stdout.end();
    stderr.end();

    return {
      exitCode: result.exitCode,
      signal: result.signal,
      stderrTail: options.redact(stderrTail),
      cancelled,
      timedOut,
    };
  } finally {
    clearTimeout(wallClock);
    clearInterval(ticker);
    deps.shutdownSignal?.removeEventListener("abort", onShutdown);
  }
}

/** Copies /app/results/* to storage; returns how many files were kept. */
async function collectResults(options: {
  sandbox: Sandbox;
  deps: RunDeps;
  trajectoryId: string;
  teamId: string;
  writer: EventWriter;
}): Promise<number> {
  const { sandbox, deps, trajectoryId, writer } = options;
  const files = await sandbox.listFiles(sandboxPaths.results);
  let total = 0;
  const rows: {
    trajectoryId: string;
    path: string;
    size: number;
    sha256: string;
    storageKey: string;
  }[] = [];

  for (const [index, file] of files.slice(0, maxResultFiles).entries()) {
    if (total + file.size > maxResultBytes) {
      writer.append({
        type: "error",
        payload: {
          message: `Results past ${maxResultBytes / 1024 / 1024} MB were not kept (from ${file.path})`,
          fatal: false,
        },
      });
      break;
    }
    const data = await sandbox.readFile(`${sandboxPaths.results}/${file.path}`);
    total += data.length;
    const storageKey = `trajectories/${trajectoryId}/results/${index}`;
    await deps.storage.put(storageKey, data);
    rows.push({
      trajectoryId,
      path: file.path,
      size: data.length,
      sha256: createHash("sha256").update(data).digest("hex"),
      storageKey,
    });
  }
  if (files.length > maxResultFiles) {
    writer.append({
      type: "error",
      payload: {
        message: `Only the first ${maxResultFiles} of ${files.length} results files were kept`,
        fatal: false,
      },
    });
  }
  if (rows.length > 0) {
    await deps.prisma.resultFile.createMany({
      data: rows,
      skipDuplicates: true,
    });
  }

  return rows.length;
}

/** Keeps the agent's log (its stdout as teed in the sandbox), redacted. */
async function collectAgentLog(options: {
  sandbox: Sandbox;
  deps: RunDeps;
  trajectoryId: string;
  logPath: string;
  redact(text: string): string;
}): Promise<string | null> {
  try {
    const raw = await options.sandbox.readFile(options.logPath);
    const key = `trajectories/${options.trajectoryId}/agent-log.txt`;
    await options.deps.storage.put(key, options.redact(raw.toString("utf8")));

    return key;
  } catch {
    return null;
  }
}

/** How a run ended, as far as the pipeline knows before writing it. */
interface Ending {
  outcome: RunOutcome;
  verdict: AgentVerdict | null;
  exit: AgentExit | null;
  resultFiles: number;
  agentLogKey: string | null;
}

async function finish(
  options: Ending & {
    deps: RunDeps;
    trajectoryId: string;
    writer: EventWriter;
    startedAt: Date;
  },
): Promise<void> {
  const { outcome, verdict, exit } = options;
  const finishedAt = new Date();
  const usage: Usage | null = verdict?.usage ?? null;
  const events: JettyEventInput[] = [];

  // The parser already wrote the error card for failures its verdict found;
  // only failures decided here (no results, sandbox, shutdown) need one.
  const reportedByParser =
    verdict !== null && !verdict.success && verdict.kind === outcome.kind;
  if (
    !outcome.success &&
    outcome.kind !== "cancelled" &&
    outcome.message &&
    !reportedByParser
  ) {
    events.push({
      type: "error",
      payload: {
        message: outcome.message,
        kind: outcome.kind,
        httpStatus: outcome.httpStatus,
        fatal: true,
      },
    });
  }
  events.push(
    {
      type: "result",
      payload: {
        success: outcome.success,
        kind: outcome.kind,
        message: outcome.message,
        text: outcome.success ? verdict?.finalText : undefined,
        exitCode: exit?.exitCode ?? null,
        usage,
        durationMs: finishedAt.getTime() - options.startedAt.getTime(),
        resultFiles: options.resultFiles,
      },
    },
    {
      type: "status",
      payload: { status: outcome.status, detail: outcome.message },
    },
  );

  await options.writer.finish(events, {
    status: outcome.status,
    outcome: {
      success: outcome.success,
      kind: outcome.kind,
      message: outcome.message,
      httpStatus: outcome.httpStatus,
      exitCode: exit?.exitCode ?? null,
      finalText: outcome.success ? verdict?.finalText : undefined,
    },
    failureKind: outcome.kind ?? null,
    usage: usage ?? undefined,
    agentLogKey: options.agentLogKey,
    finishedAt,
  });
}
