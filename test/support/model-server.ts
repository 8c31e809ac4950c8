import http, {
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

import {
  anthropicAuthError,
  anthropicCountTokens,
  anthropicRespond,
  anthropicToolResults,
  anthropicTools,
} from "./model-server/anthropic";
import {
  geminiAuthError,
  geminiCountTokens,
  geminiJsonSchema,
  geminiRespond,
  geminiToolResults,
  geminiTools,
} from "./model-server/gemini";
import {
  chatRespond,
  chatToolResults,
  chatTools,
  openaiAuthError,
  responsesRespond,
  responsesToolResults,
  responsesTools,
} from "./model-server/openai";
import { planTurn, type OfferedTool } from "./model-server/plan";
import { estimateTokens, sendJson } from "./model-server/wire";

export {
  finalText,
  inputPath,
  listCommand,
  replyText,
  reportPath,
  reportText,
} from "./model-server/plan";

/**
 * A scripted model server that real agent CLIs (claude, codex, gemini) can
 * talk to offline. It binds 127.0.0.1 only and speaks the Anthropic Messages,
 * OpenAI Responses / Chat Completions and Gemini generateContent wire formats.
 *
 * Scenarios:
 * - `report` (default): read /app/input.txt → `ls -la /app` → write
 *   /app/results/report.md (quoting the input's first line) → final text.
 * - `auth`: every model call fails with the API's own bad-key error.
 * - `slow`: like `report`, but each answer waits `slowMs` first.
 * - `leak`: runs `env | sort`, then repeats the ANTHROPIC/OPENAI/GEMINI key
 *   line it saw in its answer — what a careless agent does (B30).
 * - `files`: writes results files with hostile names (CJK, quotes, emoji,
 *   CR/LF) and a symlink out of /app/results (B26, B27), then finishes.
 * - `reply`: answers every call with the text `done` at once, calling no
 *   tools — for a CLI run outside a sandbox, where the other plans' /app
 *   paths would be the host's.
 *
 * The file the `report` plan reads is /app/input.txt, or the first path the
 * prompt names as "the file /some/path", so a runbook can point it at a file
 * that exists in the sandbox.
 *
 * One server can serve many tests at once: an API key of the form
 * `scenario:<name>` (or `scenario:slow:<ms>`) picks the scenario for that
 * request, whatever the server default is. The key is read from `x-api-key`,
 * `Authorization: Bearer`, `x-goog-api-key` or `?key=`.
 */

export const scenarioNames = [
  "report",
  "auth",
  "slow",
  "leak",
  "files",
  "reply",
] as const;
export type ScenarioName = (typeof scenarioNames)[number];

export interface ModelServerOptions {
  scenario?: ScenarioName;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Delay of the `slow` scenario, per response. Default 2000 ms. */
  slowMs?: number;
}

export interface LoggedRequest {
  time: string;
  method: string;
  path: string;
  query: string;
  /** e.g. `anthropic.messages`, `openai.responses`, `unknown`. */
  route: string;
  scenario: ScenarioName;
  status: number;
  model?: string;
  stream?: boolean;
  tools: string[];
  toolResults: number;
  bodyBytes: number;
  userAgent?: string;
  headers: IncomingHttpHeaders;
  /** The body as sent, before it is parsed into `body`. */
  bodyText: string;
  body: unknown;
}

export interface ModelServer {
  url: string;
  port: number;
  requests: LoggedRequest[];
  setScenario(name: ScenarioName): void;
  close(): Promise<void>;
}

interface Route {
  name: string;
  model?: string;
  method?: string;
}

/** Starts the scripted model server; `close()` when the test is done. */
export async function startModelServer(
  options: ModelServerOptions = {},
): Promise<ModelServer> {
  let scenario: ScenarioName = options.scenario ?? "report";
  const slowMs = options.slowMs ?? 2000;
  const requests: LoggedRequest[] = [];

  const server = http.createServer((req, res) => {
    void readBody(req).then((raw) => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const key = apiKeyOf(req, url);
      const chosen = scenarioFromKey(key, slowMs) ?? { name: scenario, slowMs };
      const route = routeOf(req.method ?? "GET", url.pathname);
      const entry: LoggedRequest = {
        time: new Date().toISOString(),
        method: req.method ?? "GET",
        path: url.pathname,
        query: url.search,
        route: route.name,
        scenario: chosen.name,
        status: 0,
        tools: [],
        toolResults: 0,
        bodyBytes: raw.length,
        userAgent: req.headers["user-agent"],
        headers: req.headers,
        bodyText: raw.toString("utf8"),
        body: undefined,
      };
      requests.push(entry);

      const answer = () => {
        if (res.destroyed) return;
        handle(res, raw, route, chosen.name, key, entry);
        entry.status = res.statusCode;
      };
      if (chosen.name === "slow" && route.name !== "unknown") {
        const timer = setTimeout(answer, chosen.slowMs);
        res.on("close", () => clearTimeout(timer));
      } else {
        answer();
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    setScenario(name) {
      scenario = name;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function handle(
  res: ServerResponse,
  raw: Buffer,
  route: Route,
  scenario: ScenarioName,
  key: string,
  entry: LoggedRequest,
): void {
  if (route.name === "unknown") {
    sendJson(res, 404, { error: { message: `No route for ${entry.path}` } });
    return;
  }

  let body: Record<string, unknown>;
  try {
    body = JSON.parse(raw.toString("utf8") || "{}");
  } catch {
    sendJson(res, 400, { error: { message: "Body is not JSON" } });
    return;
  }
  entry.body = body;
  entry.model = route.model ?? (body.model as string | undefined);
  const inputTokens = estimateTokens(raw.toString("utf8"));
  const ctx = {
    model: entry.model ?? "stub-model",
    stream: false,
    inputTokens,
  };
  const plan = (tools: OfferedTool[], toolResults: string[]) =>
    planTurn(tools, toolResults, {
      inputPath: promptedInputPath(raw.toString("utf8")),
      leak: scenario === "leak",
      files: scenario === "files",
      reply: scenario === "reply",
    });
  const record = (tools: OfferedTool[], toolResults: string[]) => {
    entry.tools = tools.map((t) => t.name);
    entry.toolResults = toolResults.length;
  };

  switch (route.name) {
    case "anthropic.count_tokens":
      return anthropicCountTokens(res, inputTokens);
    case "gemini.countTokens":
      return geminiCountTokens(res, inputTokens);
    case "anthropic.messages": {
      if (scenario === "auth") return anthropicAuthError(res);
      const tools = anthropicTools(body);
      const results = anthropicToolResults(body);
      record(tools, results);
      entry.stream = body.stream === true;
      return anthropicRespond(res, body, plan(tools, results), {
        ...ctx,
        stream: entry.stream,
      });
    }
    case "openai.responses": {
      if (scenario === "auth") return openaiAuthError(res, key);
      const tools = responsesTools(body);
      const results = responsesToolResults(body);
      record(tools, results);
      entry.stream = body.stream === true;
      return responsesRespond(res, plan(tools, results), {
        ...ctx,
        stream: entry.stream,
      });
    }
    case "openai.chat": {
      if (scenario === "auth") return openaiAuthError(res, key);
      const tools = chatTools(body);
      const results = chatToolResults(body);
      record(tools, results);
      entry.stream = body.stream === true;
      return chatRespond(res, body, plan(tools, results), {
        ...ctx,
        stream: entry.stream,
      });
    }
    case "gemini.streamGenerateContent":
    case "gemini.generateContent": {
      if (scenario === "auth") return geminiAuthError(res);
      const tools = geminiTools(body);
      const results = geminiToolResults(body);
      record(tools, results);
      entry.stream = route.name === "gemini.streamGenerateContent";
      return geminiRespond(
        res,
        plan(tools, results),
        { ...ctx, stream: entry.stream },
        geminiJsonSchema(body),
      );
    }
  }
}

function promptedInputPath(body: string): string | undefined {
  return /the file (\/[A-Za-z0-9._/-]+[A-Za-z0-9_])/.exec(body)?.[1];
}

function routeOf(method: string, pathname: string): Route {
  if (method !== "POST") return { name: "unknown" };
  if (pathname.endsWith("/v1/messages/count_tokens")) {
    return { name: "anthropic.count_tokens" };
  }
  if (pathname.endsWith("/v1/messages")) return { name: "anthropic.messages" };
  if (pathname.endsWith("/responses")) return { name: "openai.responses" };
  if (pathname.endsWith("/chat/completions")) return { name: "openai.chat" };
  const gemini = /\/v1(?:beta|alpha)?\/models\/([^/:]+):(\w+)$/.exec(pathname);
  const methods = ["streamGenerateContent", "generateContent", "countTokens"];
  if (gemini && methods.includes(gemini[2])) {
    return {
      name: `gemini.${gemini[2]}`,
      model: decodeURIComponent(gemini[1]),
    };
  }

  return { name: "unknown" };
}

function apiKeyOf(req: IncomingMessage, url: URL): string {
  const header = (name: string) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const bearer = header("authorization")?.replace(/^Bearer\s+/i, "");

  return (
    header("x-api-key") ??
    header("x-goog-api-key") ??
    bearer ??
    url.searchParams.get("key") ??
    ""
  );
}

function scenarioFromKey(
  key: string,
  defaultSlowMs: number,
): { name: ScenarioName; slowMs: number } | undefined {
  const match = /^scenario:([a-z]+)(?::(\d+))?$/.exec(key);
  const name = match?.[1] as ScenarioName | undefined;
  if (!name || !scenarioNames.includes(name)) return undefined;

  return { name, slowMs: match?.[2] ? Number(match[2]) : defaultSlowMs };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    req.on("data", (part: Buffer) => parts.push(part));
    req.on("end", () => resolve(Buffer.concat(parts)));
    req.on("error", () => resolve(Buffer.concat(parts)));
  });
}
