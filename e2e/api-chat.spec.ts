import OpenAI from "openai";

import { expect, test } from "@playwright/test";

import {
  createCollection,
  modelServerUrl,
  runbookText,
  setEnvVars,
  signUp,
  uniqueEmail,
} from "./support/jetty-ui";

const runbook = runbookText(
  "Read the file /etc/os-release, run `ls -la /app`, and write a short report to {{results_dir}}/report.md.",
);

test("a token made in settings drives /v1/chat/completions with the openai client", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  await signUp(page, uniqueEmail("api"));
  const collectionId = await createCollection(page, `API ${Date.now()}`);
  await setEnvVars(page, collectionId, {
    ANTHROPIC_API_KEY: "scenario:report",
    ANTHROPIC_BASE_URL: modelServerUrl,
  });

  await page.getByLabel("Token name").fill("ci");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-api-token").textContent())!.trim();
  expect(token).toMatch(/^jty_/);
  await page.reload();
  // Shown once: after a reload only its prefix is left.
  await expect(page.getByText(token)).toHaveCount(0);
  await expect(page.getByText(`${token.slice(0, 12)}…`)).toBeVisible();

  const openai = new OpenAI({ apiKey: token, baseURL: `${baseURL}/v1` });
  const request = {
    model: "claude-sonnet-4-5",
    messages: [
      { role: "system" as const, content: runbook },
      { role: "user" as const, content: "Execute the runbook." },
    ],
    jetty: { runbook: true },
  };

  const completion = await openai.chat.completions.create(
    request as OpenAI.ChatCompletionCreateParamsNonStreaming,
  );
  expect(completion.choices[0].message.content).toContain("Done.");

  const stream = await openai.chat.completions.create({
    ...request,
    stream: true,
    stream_options: { include_usage: true },
  } as OpenAI.ChatCompletionCreateParamsStreaming);
  let text = "";
  let usage: OpenAI.CompletionUsage | null | undefined;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta.content ?? "";
    usage = chunk.usage ?? usage;
  }
  expect(text).toContain("Done.");
  expect(usage?.total_tokens).toBeGreaterThan(0);

  const refused = await new OpenAI({
    apiKey: "jty_wrong",
    baseURL: `${baseURL}/v1`,
  }).chat.completions
    .create(request as OpenAI.ChatCompletionCreateParamsNonStreaming)
    .catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(OpenAI.AuthenticationError);
});
