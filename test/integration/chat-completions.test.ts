import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "../support/db";
import { startModelServer, type ModelServer } from "../support/model-server";
import { startTestWorker } from "../support/runs";
import { seedRunbook, setTestAppEnv } from "../support/seed";

/**
 * `POST /v1/chat/completions` driven by the official `openai` client. Its
 * fetch goes straight to our route handler, in this process; the run behind
 * it is real (worker, sandbox, Claude Code CLI, scripted model server).
 */

let db: TestDatabase;
let modelServer: ModelServer;
let dataDir: string;
let worker: { stop(): Promise<void> };

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "jetty-chat-"));
  setTestAppEnv(dataDir);
  db = await createTestDatabase();
  modelServer = await startModelServer();
  worker = await startTestWorker({ prisma: db.prisma, dataDir });
});

afterAll(async () => {
  await worker?.stop();
  await modelServer?.close();
  await db?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

const runbook = `---
agent: claude-code
model: claude-sonnet-4-5
---
Read the file /etc/os-release, run \`ls -la /app\`, and write a short report to {{results_dir}}/report.md.
`;

async function clientFor(apiKey: string) {
  const { POST } = await import("@/app/v1/chat/completions/route");

  return new OpenAI({
    apiKey: await tokenFor(apiKey),
    baseURL: "http://jetty.test/v1",
    maxRetries: 2,
    fetch: (url: string | URL | Request, init?: RequestInit) =>
      POST(new Request(url, init)),
  });
}

let tokenOwner: Awaited<ReturnType<typeof seedRunbook>>;

async function tokenFor(modelKey: string): Promise<string> {
  const { createApiToken } = await import("@/lib/api-tokens/create-api-token");
  tokenOwner = await seedRunbook({
    env: { ANTHROPIC_API_KEY: modelKey, ANTHROPIC_BASE_URL: modelServer.url },
    runbookText: runbook,
  });
  const { token } = await createApiToken({
    ctx: tokenOwner.ctx,
    collectionId: tokenOwner.collectionId,
    name: "tests",
  });

  return token;
}

// The `jetty` block is not in OpenAI's types; the client sends it unchanged.
const runbookRequest = (extra: object = {}) =>
  ({
    model: "claude-sonnet-4-5",
    messages: [
      { role: "system", content: runbook },
      { role: "user", content: "Execute the runbook." },
    ],
    jetty: { runbook: true, agent: "claude-code" },
    ...extra,
  }) as OpenAI.ChatCompletionCreateParamsNonStreaming;

describe("/v1/chat/completions with the openai client", () => {
  it("answers a finished run with the agent's final text and usage", async () => {
    const openai = await clientFor("scenario:report");

    const completion = await openai.chat.completions.create(runbookRequest());

    const meta = (
      completion as unknown as { jetty_metadata: Record<string, unknown> }
    ).jetty_metadata;
    expect(completion.object).toBe("chat.completion");
    expect(completion.id).toBe(`chatcmpl-${meta.trajectory_id}`);
    expect(completion.choices[0].message.content).toContain("Done.");
    expect(completion.usage?.completion_tokens).toBeGreaterThan(0);
    expect(meta).toMatchObject({
      status: "completed",
      results_files: ["report.md"],
    });
  });

  it("streams OpenAI chunks, the usage chunk, then [DONE] (B24)", async () => {
    const openai = await clientFor("scenario:report");

    const stream = await openai.chat.completions.create({
      ...runbookRequest(),
      stream: true,
      stream_options: { include_usage: true },
    } as OpenAI.ChatCompletionCreateParamsStreaming);
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);

    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    expect(chunks.every((c) => c.object === "chat.completion.chunk")).toBe(
      true,
    );
    expect(chunks[0].choices[0].delta.role).toBe("assistant");
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? "").join("");
    expect(text).toContain("Done.");
    expect(
      chunks.filter((c) => c.choices[0]?.finish_reason === "stop"),
    ).toHaveLength(1);
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage?.total_tokens).toBeGreaterThan(0);
  });

  it("turns a failed run into an OpenAI error, not a 200, and is not retried (B01)", async () => {
    const openai = await clientFor("scenario:auth");
    const before = await db.prisma.trajectory.count();

    const failure = await openai.chat.completions
      .create(runbookRequest())
      .catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect((failure as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
    expect((failure as InstanceType<typeof OpenAI.APIError>).code).toBe("auth");
    // x-should-retry: false kept the client from starting the run again.
    expect(await db.prisma.trajectory.count()).toBe(before + 1);
  });

  it("refuses a runbook that cannot run with a 400 naming the problem", async () => {
    const openai = await clientFor("scenario:report");

    const failure = await openai.chat.completions
      .create(
        runbookRequest({
          messages: [
            { role: "system", content: "---\nmodel: [unclosed\n---\nHi\n" },
          ],
        }),
      )
      .catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(OpenAI.BadRequestError);
    expect((failure as Error).message).toContain("line 2");
  });
});

describe("/v1 limits", () => {
  it("refuses a runbook past 256 KB with a 400, like the editor", async () => {
    const openai = await clientFor("scenario:report");
    const before = await db.prisma.trajectory.count();

    const failure = await openai.chat.completions
      .create(
        runbookRequest({
          messages: [
            { role: "system", content: runbook + "x".repeat(300 * 1024) },
          ],
        }),
      )
      .catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(OpenAI.BadRequestError);
    expect((failure as Error).message).toContain("256 KB");
    expect(await db.prisma.trajectory.count()).toBe(before);
  });
});

describe("/v1 API tokens (B28)", () => {
  it("refuses a missing, revoked or orphaned token with 401 invalid_api_key", async () => {
    const { POST } = await import("@/app/v1/chat/completions/route");
    const { revokeApiToken } =
      await import("@/lib/api-tokens/revoke-api-token");
    const { createApiToken } =
      await import("@/lib/api-tokens/create-api-token");
    const call = (token?: string) =>
      POST(
        new Request("http://jetty.test/v1/chat/completions", {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify(runbookRequest()),
        }),
      );

    const orphaned = await tokenFor("scenario:report");
    await db.prisma.user.delete({ where: { id: tokenOwner.ctx.userId } });
    const seeded = await seedRunbook({ env: {}, runbookText: runbook });
    const revoked = await createApiToken({
      ctx: seeded.ctx,
      collectionId: seeded.collectionId,
      name: "old",
    });
    await revokeApiToken({ ctx: seeded.ctx, tokenId: revoked.id });
    const before = await db.prisma.trajectory.count();

    for (const token of [
      undefined,
      "jty_not-a-token",
      orphaned,
      revoked.token,
    ]) {
      const response = await call(token);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({
        error: { code: "invalid_api_key" },
      });
    }
    expect(await db.prisma.trajectory.count()).toBe(before);
  });

  it("keeps the token value out of the database", async () => {
    const token = await tokenFor("scenario:report");

    const rows = await db.prisma.apiToken.findMany();
    expect(JSON.stringify(rows)).not.toContain(token);
  });
});
