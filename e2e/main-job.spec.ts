import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";

import { expect, test, type Page } from "@playwright/test";

import { finalText } from "@/test/support/model-server/plan";

import {
  createCollection,
  createRunbook,
  headerFact,
  modelServerUrl,
  replaceEditorText,
  runRunbook,
  runbookText,
  saveRunbook,
  setEnvVars,
  signUp,
  statusBadge,
  timelineKeys,
  uniqueEmail,
} from "./support/jetty-ui";

const body =
  "Read the file /etc/os-release, run `ls -la /app`, and write a short report to {{results_dir}}/report.md.";

// The sandbox sees the host's /etc, so the report quotes this line.
const osReleaseFirstLine = readFileSync("/etc/os-release", "utf8").split(
  "\n",
)[0];

test("the main job: sign up, keys, runbook, a live run, its results, and an auth failure", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);

  await signUp(page, uniqueEmail("main"));
  const collectionName = `Main job ${Date.now()}`;
  const collectionId = await createCollection(page, collectionName);

  await test.step("settings list the variable names, never their values", async () => {
    await page.getByRole("link", { name: "Settings" }).click();
    await page.waitForURL(`**/collections/${collectionId}/settings`);
    await setEnvVars(page, collectionId, {
      ANTHROPIC_API_KEY: "scenario:report",
      ANTHROPIC_BASE_URL: modelServerUrl,
    });
    await page.reload();
    for (const name of ["ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL"]) {
      await expect(
        page.getByRole("row").filter({ hasText: name }),
      ).toBeVisible();
    }
    const served = await (
      await page.request.get(`/collections/${collectionId}/settings`)
    ).text();
    const shown = await page.content();
    for (const html of [served, shown]) {
      expect(html).toContain("ANTHROPIC_API_KEY");
      expect(html).not.toContain("scenario:report");
      expect(html).not.toContain(modelServerUrl);
    }
  });

  const runbookTitle = "Read and report";
  const runbookId = await createRunbook(page, collectionId, runbookTitle);

  await test.step("the editor marks a bad frontmatter line, then saves the fixed text", async () => {
    const problems = page.getByRole("region", { name: "Problems" });
    await replaceEditorText(
      page,
      runbookText(body).replace("agent: claude-code", "agent: nope"),
    );
    const problem = problems
      .getByRole("listitem")
      .filter({ hasText: "line 2" });
    await expect(problem).toContainText("nope");
    await expect(
      page.locator(".monaco-editor .squiggly-error"),
    ).not.toHaveCount(0);

    await replaceEditorText(page, runbookText(body));
    await expect(
      problems.getByText("No problems in the frontmatter."),
    ).toBeVisible();
    await expect(page.locator(".monaco-editor .squiggly-error")).toHaveCount(0);
    expect(await saveRunbook(page)).toBe(2);
  });

  const trajectoryId = await runRunbook(page);

  await test.step("the trajectory fills in live and ends completed", async () => {
    // The run was only just queued: the page must follow it over SSE.
    await expect(statusBadge(page)).toHaveAttribute(
      "data-status",
      /^(pending|running)$/,
    );
    const timeline = page.getByRole("region", { name: "Timeline" });
    await expect(
      timeline.locator("summary", { hasText: /^Read/ }),
    ).toBeVisible();

    // A reload mid-run, and a second browser of the same user, must show
    // the same timeline as the page that watched it all.
    await page.reload();
    const other = await browser.newContext({
      baseURL,
      storageState: await page.context().storageState(),
    });
    const otherPage = await other.newPage();
    await otherPage.goto(`/trajectories/${trajectoryId}`);

    for (const viewer of [page, otherPage]) {
      await expectCompleted(viewer);
    }
    const keys = await timelineKeys(page);
    expect(new Set(keys).size).toBe(keys.length);
    expect(await timelineKeys(otherPage)).toEqual(keys);
    await page.reload();
    await expectCompleted(page);
    expect(await timelineKeys(page)).toEqual(keys);
    await other.close();

    await expect(headerFact(page, "Tokens")).toHaveText(
      /^[\d,]+ in · [\d,]+ out · [\d,]+ cache read · [\d,]+ cache write$/,
    );
    await expect(headerFact(page, "Cost")).toHaveText(/^\$\d+\.\d+ \(\w+\)$/);
    await expect(headerFact(page, "Runtime")).toHaveText("claude-code");
    await expect(headerFact(page, "Model")).toContainText("claude-sonnet-4-5");
  });

  await test.step("report.md downloads from the results list", async () => {
    const link = page
      .getByRole("region", { name: "Results" })
      .getByRole("link", { name: "report.md" });
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      link.click(),
    ]);
    expect(download.suggestedFilename()).toBe("report.md");
    const text = await readFile(await download.path(), "utf8");
    expect(text).toContain("# Report");
    expect(text).toContain(`Input file said: ${osReleaseFirstLine}`);
  });

  await test.step("the collection lists the trajectory with its facts", async () => {
    await page.goto(`/collections/${collectionId}`);
    const row = page.locator(`tr[data-trajectory-id="${trajectoryId}"]`);
    await expectListed(row, "completed");
    await expect(row.getByRole("link").first()).toHaveAttribute(
      "href",
      `/trajectories/${trajectoryId}`,
    );
  });

  await test.step("a bad key ends the next run failed with kind auth", async () => {
    await setEnvVars(page, collectionId, {
      ANTHROPIC_API_KEY: "scenario:auth",
    });
    await page.goto(`/collections/${collectionId}`);
    await page.locator(`a[href="/runbooks/${runbookId}"]`).click();
    await page.waitForURL(/\/runbooks\/[^/]+$/);
    const failedId = await runRunbook(page);

    await expect(statusBadge(page)).toHaveAttribute("data-status", "failed");
    await expect(page.getByRole("alert").first()).toContainText(
      "Failed (auth)",
    );
    const card = page.getByTestId("result-card");
    await expect(card).toContainText("Failed");
    await expect(card).toContainText("auth");
    // The API's error is a failure message, never the agent's answer (B01).
    await expect(card.getByText("Final answer")).toHaveCount(0);

    await page.goto(`/collections/${collectionId}`);
    const rows = page.locator("tr[data-trajectory-id]");
    await expect(rows).toHaveCount(2);
    // Newest first.
    await expect(rows.nth(0)).toHaveAttribute("data-trajectory-id", failedId);
    await expect(rows.nth(1)).toHaveAttribute(
      "data-trajectory-id",
      trajectoryId,
    );
    await expect(rows.nth(0)).toContainText("failed");
    await expect(rows.nth(0)).toContainText("auth");
  });
});

async function expectCompleted(page: Page): Promise<void> {
  await expect(statusBadge(page)).toHaveAttribute("data-status", "completed");
  const timeline = page.getByRole("region", { name: "Timeline" });
  for (const tool of ["Read", "Bash", "Write"]) {
    await expect(
      timeline.locator("summary").filter({ hasText: new RegExp(`^${tool}`) }),
    ).toHaveCount(1);
  }
  const card = page.getByTestId("result-card");
  await expect(card).toContainText("Completed");
  await expect(card).toContainText(finalText);
}

async function expectListed(
  row: ReturnType<Page["locator"]>,
  status: string,
): Promise<void> {
  const cells = row.locator("td");
  await expect(cells.nth(0)).toContainText(status);
  await expect(cells.nth(2)).toHaveText("claude-code");
  await expect(cells.nth(3)).toHaveText("claude-sonnet-4-5");
  await expect(cells.nth(4)).toHaveText(/^\d+ ms$|^\d+\.\d s$|^\d+m \d\ds$/);
  await expect(cells.nth(5)).toHaveText(/^\$\d+\.\d+/);
}
