import { expect, test } from "@playwright/test";

import {
  createCollection,
  createRunbook,
  modelServerUrl,
  replaceEditorText,
  runRunbook,
  saveRunbook,
  setEnvVars,
  signUp,
  statusBadge,
  uniqueEmail,
} from "./support/jetty-ui";

/**
 * codex and gemini-cli through the UI: the real CLIs from npm, in the local
 * sandbox, against the scripted model server (OpenAI Responses and Gemini
 * streamGenerateContent on 127.0.0.1).
 */

const body =
  "Read the file /etc/os-release, run `ls -la /app`, and write a short report to {{results_dir}}/report.md.";

const runtimes = [
  {
    agent: "codex",
    model: "gpt-5.5",
    env: (key: string) => ({
      OPENAI_API_KEY: key,
      OPENAI_BASE_URL: `${modelServerUrl}/v1`,
    }),
    setKey: "OPENAI_API_KEY",
  },
  {
    agent: "gemini-cli",
    model: "gemini-2.5-pro",
    env: (key: string) => ({
      GEMINI_API_KEY: key,
      GOOGLE_GEMINI_BASE_URL: modelServerUrl,
    }),
    setKey: "GEMINI_API_KEY",
  },
];

for (const runtime of runtimes) {
  test(`${runtime.agent}: a run writes report.md and completes; a refused key fails with auth`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await signUp(page, uniqueEmail(runtime.agent));
    const collectionId = await createCollection(
      page,
      `${runtime.agent} ${Date.now()}`,
    );
    await setEnvVars(page, collectionId, runtime.env("scenario:report"));

    await createRunbook(page, collectionId, `${runtime.agent} report`);
    await replaceEditorText(
      page,
      `---\nagent: ${runtime.agent}\nmodel: ${runtime.model}\n---\n\n${body}\n`,
    );
    await saveRunbook(page);
    const runbookUrl = page.url();
    await runRunbook(page);

    await expect(statusBadge(page)).toHaveAttribute(
      "data-status",
      "completed",
      {
        timeout: 120_000,
      },
    );
    await expect(page.getByRole("link", { name: "report.md" })).toBeVisible();
    const report = await page.request.get(
      (await page
        .getByRole("link", { name: "report.md" })
        .getAttribute("href"))!,
    );
    expect(await report.text()).toContain("# Report");

    await setEnvVars(page, collectionId, { [runtime.setKey]: "scenario:auth" });
    await page.goto(runbookUrl);
    await runRunbook(page);
    await expect(statusBadge(page)).toHaveAttribute("data-status", "failed", {
      timeout: 120_000,
    });
    await expect(page.getByRole("alert").first()).toContainText(
      "Failed (auth)",
    );
  });
}
